import { Type, type Static } from 'typebox';
import { AUDIT_ACTIONS } from '../platform/audit-trail/actions.ts';

const Uuid = Type.String({ format: 'uuid' });

export const AuditQuery = Type.Object(
  {
    userId: Type.Optional(Uuid),
    clientId: Type.Optional(Uuid),
    action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
    outcome: Type.Optional(
      Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('error')]),
    ),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const AuditEventItem = Type.Object(
  {
    id: Type.String(),
    occurredAt: Type.String({ format: 'date-time' }),
    actor: Type.Object({
      type: Type.String(),
      userId: Nullable(Type.String()),
      role: Nullable(Type.String()),
      label: Nullable(Type.String()),
    }),
    action: Type.String(),
    subjectType: Nullable(Type.String()),
    subjectId: Nullable(Type.String()),
    clientId: Nullable(Type.String()),
    clientName: Nullable(
      Type.String({
        description: "The client's name, for a reader the access rule lets reach them.",
      }),
    ),
    outcome: Type.String(),
    ip: Nullable(Type.String()),
    userAgent: Nullable(Type.String()),
    requestId: Nullable(Type.String()),
    detail: Type.Record(
      Type.String(),
      Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]),
    ),
    seq: Nullable(Type.String({ description: 'Position in the practice chain once sealed.' })),
  },
  { additionalProperties: false },
);
export type AuditEventItem = Static<typeof AuditEventItem>;

export const AuditPage = Type.Object(
  { items: Type.Array(AuditEventItem), nextCursor: Type.Union([Type.String(), Type.Null()]) },
  { additionalProperties: false },
);
