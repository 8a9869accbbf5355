import { Type, type Static } from 'typebox';

const Kind = Type.Union([
  Type.Literal('account'),
  Type.Literal('alert'),
  Type.Literal('reminder'),
  Type.Literal('reply'),
  Type.Literal('digest'),
]);
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);
const Status = Type.Union([
  Type.Literal('queued'),
  Type.Literal('sent'),
  Type.Literal('delivered'),
  Type.Literal('failed'),
]);

export const DeliveryLogQuery = Type.Object(
  {
    kind: Type.Optional(Kind),
    channel: Type.Optional(Channel),
    status: Type.Optional(Status),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type DeliveryLogQuery = Static<typeof DeliveryLogQuery>;

export const DeliveryLogItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Kind,
    channel: Channel,
    to: Type.Union([
      Type.String({
        maxLength: 200,
        description:
          'Masked: "••• 44" (the last two digits), "j•••@example.org". null: the practice\'s administrators.',
      }),
      Type.Null(),
    ]),
    status: Status,
    reason: Type.Union([
      Type.String({
        maxLength: 100,
        description: "The provider's reason code (`twilio_30003`, `smtp_550`, `opted_out`…).",
      }),
      Type.Null(),
    ]),
    attempts: Type.Integer(),
    createdAt: Type.String({ format: 'date-time' }),
    statusAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type DeliveryLogItem = Static<typeof DeliveryLogItem>;

export const DeliverySummary = Type.Object(
  {
    hours: Type.Literal(24),
    queued: Type.Integer(),
    sent: Type.Integer(),
    delivered: Type.Integer(),
    failed: Type.Integer(),
    failureRate: Type.Number({
      minimum: 0,
      maximum: 1,
      description: 'failed ÷ (sent + delivered + failed), from 0 to 1; 0 when none finished.',
    }),
  },
  { additionalProperties: false },
);
export type DeliverySummary = Static<typeof DeliverySummary>;

export const DeliveryLogPage = Type.Object(
  {
    items: Type.Array(DeliveryLogItem),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
    summary: DeliverySummary,
  },
  { additionalProperties: false },
);
export type DeliveryLogPage = Static<typeof DeliveryLogPage>;
