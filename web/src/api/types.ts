// Shapes of the API's answers that the screens use (see /api/v1/openapi.json).

export type Role = 'admin' | 'supervisor' | 'associate' | 'biller' | 'front_desk';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  associate: 'Associate clinician',
  biller: 'Biller',
  front_desk: 'Front desk',
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Me {
  user: { id: string; role: Role; name: string; email: string };
  practice: {
    id: string;
    name: string;
    isDemo: boolean;
    mfaRequired: boolean;
    idleTimeoutMinutes: number;
    timeZone: string;
  };
  permissions: string[];
  session: { mfaPending: boolean };
  mfa: { totp: boolean; sms: boolean; passkey: boolean };
}

export interface SignInAnswer {
  mfaRequired: boolean;
  enrollmentRequired: boolean;
}

export type ClientStatus = 'active' | 'inactive' | 'discharged';

export interface ClientSummary {
  id: string;
  firstName: string;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  status: ClientStatus;
}

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface EmergencyContact {
  name?: string;
  relationship?: string;
  phone?: string;
}

export interface Client extends ClientSummary {
  pronouns: string | null;
  email: string | null;
  phone: string | null;
  address: Address;
  emergencyContact: EmergencyContact;
  clinicianIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  status: string;
  mfaEnabled: boolean;
  supervisorId: string | null;
  credentials: string | null;
  emergencyAccess: boolean;
  createdAt: string;
}

export interface PracticeSettings {
  id: string;
  name: string;
  isDemo: boolean;
  mfaRequired: boolean;
  idleTimeoutMinutes: number;
  privacyOfficerEmail: string | null;
  ipAllowlist: string[];
  currentAddress: string;
  timeZone: string;
  cosignAssociateNotes: boolean;
  documentSizeLimitBytes: number;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: { type: string; userId: string | null; role: string | null; label: string | null };
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  clientId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  detail: Record<string, string | number | boolean | null>;
  seq: string | null;
}

export interface AccessReportRow {
  id: string;
  occurredAt: string;
  actor: { type: string; userId: string | null; name: string | null; role: string | null };
  action: string;
  outcome: string;
  ip: string | null;
  breakGlass: boolean;
}

export interface SecurityAlert {
  id: string;
  kind: string;
  severity: string;
  message: string;
  detail: Record<string, unknown>;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string | null;
  subject: string;
  body: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface SessionRow {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface MfaDevice {
  id: string;
  kind: 'totp' | 'sms' | 'passkey';
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
