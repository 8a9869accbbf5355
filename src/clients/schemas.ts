import { Type, type Static } from 'typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Uuid = Type.String({ format: 'uuid' });
/** The clients table's CHECK (migration 0008): a date of birth is after this day. */
const EARLIEST_BIRTH_DATE = '1900-01-01';

export const Address = Type.Object(
  {
    line1: Type.Optional(Type.String({ maxLength: 200 })),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    city: Type.Optional(Type.String({ maxLength: 100 })),
    region: Type.Optional(Type.String({ maxLength: 100 })),
    postalCode: Type.Optional(Type.String({ maxLength: 20 })),
    country: Type.Optional(Type.String({ maxLength: 60 })),
  },
  { additionalProperties: false },
);

export const EmergencyContact = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 100 })),
    relationship: Type.Optional(Type.String({ maxLength: 60 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

const Status = Type.Union([
  Type.Literal('active'),
  Type.Literal('inactive'),
  Type.Literal('discharged'),
]);

const fields = {
  firstName: Text(100),
  lastName: Text(100),
  preferredName: Type.Optional(Type.Union([Text(100), Type.Null()])),
  pronouns: Type.Optional(Type.Union([Text(40), Type.Null()])),
  // After the database's earliest date (its CHECK): an implausible year is a 400 naming the
  // field here, not a constraint violation (a 500) at the insert. The future is refused in
  // service.ts, since "today" cannot live in a schema.
  dateOfBirth: Type.String({
    format: 'date',
    formatExclusiveMinimum: EARLIEST_BIRTH_DATE,
    description: `After ${EARLIEST_BIRTH_DATE}, not in the future.`,
  }),
  email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
  phone: Type.Optional(
    Type.Union([Type.String({ maxLength: 30, pattern: '^[0-9+() .-]{3,30}$' }), Type.Null()]),
  ),
  address: Type.Optional(Address),
  emergencyContact: Type.Optional(EmergencyContact),
  clinicianIds: Type.Optional(Type.Array(Uuid, { maxItems: 10, uniqueItems: true })),
};

export const NewClient = Type.Object(fields, { additionalProperties: false });
export type NewClient = Static<typeof NewClient>;

export const ClientPatch = Type.Partial(Type.Object({ ...fields, status: Status }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ClientPatch = Partial<NewClient> & { status?: 'active' | 'inactive' | 'discharged' };

export const Client = Type.Object(
  {
    id: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    preferredName: Type.Union([Type.String(), Type.Null()]),
    pronouns: Type.Union([Type.String(), Type.Null()]),
    dateOfBirth: Type.String(),
    email: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    address: Address,
    emergencyContact: EmergencyContact,
    status: Status,
    clinicianIds: Type.Array(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type Client = Static<typeof Client>;

export const ClientSummary = Type.Object(
  {
    id: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    preferredName: Type.Union([Type.String(), Type.Null()]),
    dateOfBirth: Type.String(),
    status: Status,
    // The list's columns; each only for roles whose client view or permissions include it
    // (client-list.ts).
    phone: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    clinicians: Type.Optional(
      Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), {
        description: 'The assigned clinicians, by name.',
      }),
    ),
    nextAppointment: Type.Optional(
      Type.Union([
        Type.Object({
          start: Type.String({ format: 'date-time' }),
          clinician: Type.Object({ id: Type.String(), name: Type.String() }),
        }),
        Type.Null(),
      ]),
    ),
  },
  { additionalProperties: false },
);

export const ClientListSort = Type.Union(
  [Type.Literal('name'), Type.Literal('clinician'), Type.Literal('status')],
  {
    description:
      "name (last, first: the default); clinician (by the first assigned clinician's name, unassigned last, then name); status (active, inactive, discharged, then name).",
  },
);
export type ClientListSort = Static<typeof ClientListSort>;

export const ClientListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(Status),
    clinicianId: Type.Optional(
      Type.String({ format: 'uuid', description: "Only clients in this clinician's care." }),
    ),
    sort: Type.Optional(ClientListSort),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type ClientListQuery = Static<typeof ClientListQuery>;
