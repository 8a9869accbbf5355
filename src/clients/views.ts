import { Type, type TObject, type TSchema } from 'typebox';
import { AppError } from '../platform/errors.ts';
import { type Role } from '../auth/index.ts';
import { Client } from './schemas.ts';

type Field = keyof typeof Client.properties;

const view = (title: string, fields: readonly Field[]) =>
  Type.Object(Object.fromEntries(fields.map((f) => [f, Client.properties[f]])), {
    title,
    additionalProperties: false,
  });

// The administrative record: who the client is, how to reach them, who cares for them.
const FRONT_DESK: readonly Field[] = [
  'id',
  'firstName',
  'lastName',
  'preferredName',
  'pronouns',
  'dateOfBirth',
  'email',
  'phone',
  'address',
  'emergencyContact',
  'status',
  'clinicianIds',
  'createdAt',
  'updatedAt',
];
// What a claim and a statement need: no pronouns, no emergency contact.
const BILLING: readonly Field[] = [
  'id',
  'firstName',
  'lastName',
  'preferredName',
  'dateOfBirth',
  'email',
  'phone',
  'address',
  'status',
  'clinicianIds',
  'createdAt',
  'updatedAt',
];

/**
 * What each role receives of a client's record (minimum necessary, DESIGN.md invariant 5).
 * Every answer carrying one record is serialized through the caller's view, so a field the view
 * does not declare never leaves the server. Clinical fields of the record (none yet) belong in
 * the care view only: the front desk and billers must never receive them.
 */
export const ClientForCare = view('ClientForCare', FRONT_DESK);
export const ClientForFrontDesk = view('ClientForFrontDesk', FRONT_DESK);
export const ClientForBilling = view('ClientForBilling', BILLING);

/** For the OpenAPI description: the answer is one of the three, by the caller's role. */
export const ClientAnswer = Type.Union([ClientForCare, ClientForFrontDesk, ClientForBilling]);

const VIEWS: Record<Role, TSchema> = {
  admin: ClientForCare,
  supervisor: ClientForCare,
  associate: ClientForCare,
  front_desk: ClientForFrontDesk,
  biller: ClientForBilling,
};

/** Whether the role's view of a client's record has this field (so may a list show it). */
export function viewIncludes(role: string, field: Field): boolean {
  return Object.hasOwn(VIEWS, role) && field in (VIEWS[role as Role] as TObject).properties;
}

export function clientViewOf(role: string): TSchema {
  // Own properties only, and no default: an unknown role gets no record at all.
  if (!Object.hasOwn(VIEWS, role)) {
    throw new AppError('forbidden', { status: 403, message: 'Your role has no client view.' });
  }
  return VIEWS[role as Role];
}
