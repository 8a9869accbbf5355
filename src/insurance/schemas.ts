import { Type, type Static } from 'typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ format: 'date' });

const Priority = Type.Union([
  Type.Literal('primary'),
  Type.Literal('secondary'),
  Type.Literal('tertiary'),
]);
const Relationship = Type.Union([
  Type.Literal('self'),
  Type.Literal('spouse'),
  Type.Literal('child'),
  Type.Literal('other'),
]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('inactive')]);

const fields = {
  priority: Priority,
  payerName: Text(120),
  payerId: Type.Optional(
    Nullable(
      Type.String({
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$',
        description: 'The payer id for electronic claims (e.g. 60054).',
      }),
    ),
  ),
  planName: Type.Optional(Nullable(Text(120))),
  memberId: Type.String({ minLength: 1, maxLength: 80, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' }),
  groupNumber: Type.Optional(
    Nullable(
      Type.String({ minLength: 1, maxLength: 50, pattern: '^[A-Za-z0-9][A-Za-z0-9 ._-]*$' }),
    ),
  ),
  subscriberRelationship: Type.Optional(Relationship),
  subscriberName: Type.Optional(Nullable(Text(100))),
  subscriberDateOfBirth: Type.Optional(Nullable(IsoDate)),
  effectiveFrom: Type.Optional(Nullable(IsoDate)),
  effectiveTo: Type.Optional(Nullable(IsoDate)),
};

export const NewPolicy = Type.Object(fields, { additionalProperties: false });
export type NewPolicy = Static<typeof NewPolicy>;

export const PolicyPatch = Type.Partial(Type.Object({ ...fields, status: Status }), {
  additionalProperties: false,
  minProperties: 1,
});
export type PolicyPatch = Partial<NewPolicy> & { status?: 'active' | 'inactive' };

export const Policy = Type.Object(
  {
    id: Type.String(),
    clientId: Type.String(),
    priority: Priority,
    payerName: Type.String(),
    payerId: Nullable(Type.String()),
    planName: Nullable(Type.String()),
    memberId: Type.String(),
    groupNumber: Nullable(Type.String()),
    subscriberRelationship: Relationship,
    subscriberName: Nullable(Type.String()),
    subscriberDateOfBirth: Nullable(Type.String({ format: 'date' })),
    effectiveFrom: Nullable(Type.String({ format: 'date' })),
    effectiveTo: Nullable(Type.String({ format: 'date' })),
    status: Status,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Policy = Static<typeof Policy>;

export const PolicyList = Type.Object(
  { items: Type.Array(Policy), nextCursor: Type.Null() },
  { additionalProperties: false },
);
