// src/platform/sms/replies.ts (DELIVERY writes it; REPLIES implements it)
export type SmsAnswer = 'confirm' | 'cancel';
export type SmsReplyHandler = (input: {
  digest: Buffer;
  answer: SmsAnswer;
}) => Promise<{ text: string } | null>; // null: no open reminder for that number → ignored
