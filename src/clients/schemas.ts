import { Type, type Static } from 'typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S' });
const Uuid = Type.String({ format: 'uuid' });

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
  dateOfBirth: Type.String({ format: 'date' }),
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
  },
  { additionalProperties: false },
);

export const ClientListQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    status: Type.Optional(Status),
    clinicianId: Type.Optional(
      Type.String({ format: 'uuid', description: "Only clients in this clinician's care." }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 50 })),
    cursor: Type.Optional(Type.String({ maxLength: 400 })),
  },
  { additionalProperties: false },
);
export type ClientListQuery = Static<typeof ClientListQuery>;
