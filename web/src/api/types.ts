// Shapes of the API's answers that the screens use, named from the generated schema.ts (see
// paths.ts): a changed route schema changes them, and tsc finds the screens it affects.
import type { ItemOf, ResponseOf } from './paths.ts';

export type Role = ResponseOf<'/api/v1/me'>['user']['role'];

// Web-only: how the screens name each role.
export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  associate: 'Associate clinician',
  biller: 'Biller',
  front_desk: 'Front desk',
};

/** A list answer as the screens page through it (some lists always answer `nextCursor: null`). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type Me = ResponseOf<'/api/v1/me'>;
export type SessionState = ResponseOf<'/api/v1/session'>;
export type SignInAnswer = ResponseOf<'/api/v1/session', 'post'>;

export type ClientSummary = ItemOf<'/api/v1/clients'>;
export type ClientStatus = ClientSummary['status'];
/** One of the shapes the caller's role may see (the front desk's has no pronouns nor contact). */
export type Client = ResponseOf<'/api/v1/clients/{id}'>;
export type Address = Client['address'];
export type EmergencyContact = Extract<Client, { emergencyContact: unknown }>['emergencyContact'];

export type StaffUser = ItemOf<'/api/v1/users'>;
export type PracticeSettings = ResponseOf<'/api/v1/practice'>;
export type AuditEvent = ItemOf<'/api/v1/audit-events'>;
export type AccessReportRow = ItemOf<'/api/v1/clients/{id}/access-report'>;
export type SecurityAlert = ItemOf<'/api/v1/alerts'>;
export type OutboxMessage = ItemOf<'/api/v1/notifications'>;
export type SessionRow = ItemOf<'/api/v1/sessions'>;
export type MfaDevice = ItemOf<'/api/v1/mfa/devices'>;
