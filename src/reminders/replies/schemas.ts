import { Type } from 'typebox';

export const ReplyParams = Type.Object(
  {
    token: Type.String({
      pattern: '^[A-Za-z0-9_-]{43}$',
      description: 'The secret from the reminder email’s link (32 bytes, base64url).',
    }),
  },
  { additionalProperties: false },
);

export const ReplyBody = Type.Object(
  { answer: Type.Union([Type.Literal('confirm'), Type.Literal('cancel')]) },
  { additionalProperties: false },
);

export const ReplyAnswer = Type.Object(
  {
    start: Type.String({ format: 'date-time', description: 'UTC.' }),
    end: Type.String({ format: 'date-time' }),
    timeZone: Type.String({ description: 'The appointment’s zone: show the times in it.' }),
    clinicianName: Type.String(),
    practiceName: Type.String(),
    place: Type.String({ description: '"video session", or the location’s name.' }),
    state: Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('expired')], {
      description:
        'open: can be answered; answered: the first answer stands; expired: the appointment started, moved or was cancelled by the practice.',
    }),
    answer: Type.Union([
      Type.Literal('confirmed'),
      Type.Literal('cancelled'),
      Type.Literal('late_cancelled'),
      Type.Null(),
    ]),
    lateCancelNotice: Type.Boolean({
      description: 'Open, and a cancellation now would count as late.',
    }),
    lateCancelHours: Type.Integer({
      description: 'A cancellation this many hours or less before the start is late.',
    }),
  },
  { additionalProperties: false },
);
