import { Type, type Static } from 'typebox';

// Twilio sends more fields than Hearth reads (and adds new ones); each is a bounded string.
const Extra = Type.String({ maxLength: 1600 });
const Sid = Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$' });

export const InboundText = Type.Object(
  {
    From: Type.String({ maxLength: 40 }),
    Body: Type.String({ maxLength: 1600 }),
  },
  { additionalProperties: Extra },
);
export type InboundText = Static<typeof InboundText>;

export const StatusReport = Type.Object(
  {
    MessageSid: Sid,
    MessageStatus: Type.String({ maxLength: 40 }),
    ErrorCode: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: Extra },
);
export type StatusReport = Static<typeof StatusReport>;

export const StatusQuery = Type.Object(
  { m: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false },
);

export const TwiML = Type.String({
  maxLength: 2000,
  description: 'TwiML: `<Response/>`, or `<Response><Message>…</Message></Response>`.',
});
