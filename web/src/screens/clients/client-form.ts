import type { Client } from '../../api/types.ts';
import { ApiError } from '../../api/http.ts';
import { fieldErrorOf } from '../../ui/errors.tsx';

export interface ClientFormValues {
  firstName: string;
  lastName: string;
  preferredName: string;
  pronouns: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  ecName: string;
  ecRelationship: string;
  ecPhone: string;
  clinicianIds: string[];
  status: Client['status'];
}

export const EMPTY_CLIENT: ClientFormValues = {
  firstName: '',
  lastName: '',
  preferredName: '',
  pronouns: '',
  dateOfBirth: '',
  email: '',
  phone: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country: '',
  ecName: '',
  ecRelationship: '',
  ecPhone: '',
  clinicianIds: [],
  status: 'active',
};

export function valuesOf(c: Client): ClientFormValues {
  const ec = 'emergencyContact' in c ? c.emergencyContact : undefined;
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    preferredName: c.preferredName ?? '',
    // A biller's view has neither (they cannot edit a client either).
    pronouns: ('pronouns' in c ? c.pronouns : null) ?? '',
    dateOfBirth: c.dateOfBirth,
    email: c.email ?? '',
    phone: c.phone ?? '',
    line1: c.address.line1 ?? '',
    line2: c.address.line2 ?? '',
    city: c.address.city ?? '',
    region: c.address.region ?? '',
    postalCode: c.address.postalCode ?? '',
    country: c.address.country ?? '',
    ecName: ec?.name ?? '',
    ecRelationship: ec?.relationship ?? '',
    ecPhone: ec?.phone ?? '',
    clinicianIds: c.clinicianIds,
    status: c.status,
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);
const present = (o: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v.trim())
      .map(([k, v]) => [k, v.trim()]),
  );

/** The API body: blanks become null (or are left out of address and contact). */
export function bodyOf(
  v: ClientFormValues,
  options: { withStatus: boolean; withClinicians: boolean },
): Record<string, unknown> {
  return {
    firstName: v.firstName.trim(),
    lastName: v.lastName.trim(),
    preferredName: orNull(v.preferredName),
    pronouns: orNull(v.pronouns),
    dateOfBirth: v.dateOfBirth,
    email: orNull(v.email),
    phone: orNull(v.phone),
    address: present({
      line1: v.line1,
      line2: v.line2,
      city: v.city,
      region: v.region,
      postalCode: v.postalCode,
      country: v.country,
    }),
    emergencyContact: present({ name: v.ecName, relationship: v.ecRelationship, phone: v.ecPhone }),
    ...(options.withClinicians ? { clinicianIds: v.clinicianIds } : {}),
    ...(options.withStatus ? { status: v.status } : {}),
  };
}

export type ClientErrors = Partial<Record<keyof ClientFormValues, string>>;

/** What the browser can tell before asking the server; the server's word comes after. */
export function checkClient(v: ClientFormValues, today = new Date()): ClientErrors {
  const e: ClientErrors = {};
  if (!v.firstName.trim()) e.firstName = 'Enter the first name.';
  if (!v.lastName.trim()) e.lastName = 'Enter the last name.';
  if (!v.dateOfBirth) e.dateOfBirth = 'Enter the date of birth.';
  else if (v.dateOfBirth > today.toISOString().slice(0, 10))
    e.dateOfBirth = 'The date of birth is in the future.';
  else if (v.dateOfBirth <= EARLIEST_BIRTH_DATE) e.dateOfBirth = EARLY_BIRTH_DATE;
  if (v.email.trim() && !/^\S+@\S+\.\S+$/.test(v.email.trim()))
    e.email = 'Enter an email address like name@example.org.';
  if (v.phone.trim() && !/^[0-9+() .-]{3,30}$/.test(v.phone.trim()))
    e.phone = 'Use digits, spaces and + ( ) . - only.';
  return e;
}

/** The server's earliest date of birth (exclusive): a year mistyped, not a real client. */
const EARLIEST_BIRTH_DATE = '1900-01-01';
const EARLY_BIRTH_DATE = 'The date of birth must be after January 1, 1900; check the year.';

/** Server field names → form field names (address.city → city). */
export const SERVER_FIELDS: Record<string, keyof ClientFormValues> = {
  firstName: 'firstName',
  lastName: 'lastName',
  preferredName: 'preferredName',
  pronouns: 'pronouns',
  dateOfBirth: 'dateOfBirth',
  email: 'email',
  phone: 'phone',
  'address.line1': 'line1',
  'address.line2': 'line2',
  'address.city': 'city',
  'address.region': 'region',
  'address.postalCode': 'postalCode',
  'address.country': 'country',
  'emergencyContact.name': 'ecName',
  'emergencyContact.relationship': 'ecRelationship',
  'emergencyContact.phone': 'ecPhone',
  clinicianIds: 'clinicianIds',
  status: 'status',
};

/**
 * The field a refusal of the server is about, in words for the form: validation errors name
 * their field; a date of birth the server calls future (its clock, not the browser's) is one too.
 */
export function serverFieldError(error: unknown): { field: string; message: string } | undefined {
  if (error instanceof ApiError && error.code === 'invalid_date_of_birth')
    return { field: 'dateOfBirth', message: error.message };
  const found = fieldErrorOf(error, Object.keys(SERVER_FIELDS));
  if (
    found?.field === 'dateOfBirth' &&
    /must be after/.test(error instanceof Error ? error.message : '')
  )
    return { field: 'dateOfBirth', message: EARLY_BIRTH_DATE };
  return found;
}
