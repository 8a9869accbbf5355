// Shapes of the clinical API's answers that the record screens use (see /api/v1/openapi.json,
// docs/notes.md and docs/diagnoses.md).

export interface CodeSet {
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  current: boolean;
  neededFiscalYear: number;
}

export interface Icd10Code {
  code: string;
  billable: boolean;
  shortDescription: string;
  description: string;
}

export interface Diagnosis {
  id: string;
  clientId: string;
  code: string;
  description: string;
  fiscalYear: number;
  rank: number | null;
  status: 'active' | 'resolved';
  onsetDate: string | null;
  resolvedOn: string | null;
  addedBy: string;
  addedAt: string;
  updatedAt: string;
}

export type Priority = 'primary' | 'secondary' | 'tertiary';
export type Relationship = 'self' | 'spouse' | 'child' | 'other';

export interface Policy {
  id: string;
  clientId: string;
  priority: Priority;
  payerName: string;
  payerId: string | null;
  planName: string | null;
  memberId: string;
  groupNumber: string | null;
  subscriberRelationship: Relationship;
  subscriberName: string | null;
  subscriberDateOfBirth: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  status: 'active' | 'inactive';
  createdAt: string;
  updatedAt: string;
}

export type TemplateId =
  'soap' | 'dap' | 'birp' | 'intake' | 'treatment_plan' | 'discharge' | 'contact';

export interface TemplateField {
  name: string;
  label: string;
  kind: string;
  required: boolean;
  options?: string[];
  items?: { name: string; label: string; kind: string; required: boolean }[];
}

export interface NoteTemplate {
  id: TemplateId;
  label: string;
  fields: TemplateField[];
}

export type NoteStatus = 'draft' | 'pending_cosign' | 'signed';

export interface Signature {
  signedBy: string;
  credentials: string | null;
  signedAt: string;
  sha256: string;
}

export interface NoteHeader {
  id: string;
  clientId: string;
  authorId: string;
  /** In lists. */
  authorName?: string;
  /** In lists. */
  clientName?: string;
  template: TemplateId;
  status: NoteStatus;
  dateOfService: string;
  appointmentId: string | null;
  version: number;
  signature: Signature | null;
  cosignRequired: boolean;
  cosignature: Signature | null;
  createdAt: string;
  updatedAt: string;
}

export interface Problem {
  description: string;
  goals: string[];
  objectives: string[];
  interventions: string[];
}

/** A note's content: text fields, the treatment plan's problems, dates and choices. */
export type NoteFields = Record<string, string | Problem[] | undefined>;

export interface Addendum {
  id: string;
  authorId: string;
  text: string;
  signature: Signature;
}

export interface Note extends NoteHeader {
  fields: NoteFields;
  addenda: Addendum[];
}

export type HistoryKind = 'edit' | 'sign' | 'unlock' | 'cosign' | 'addendum';

export interface HistoryEntry {
  n: number;
  kind: HistoryKind;
  actorId: string;
  at: string;
  startedAt: string | null;
  version: number;
  credentials: string | null;
  sha256: string | null;
  addendumId: string | null;
}

export interface HistoryDetail extends HistoryEntry {
  dateOfService: string | null;
  fields: NoteFields | null;
  reason: string | null;
}

export interface SessionToDocument {
  appointmentId: string;
  clientId: string;
  clientName: string;
  start: string;
  end: string;
  serviceCode: string;
  status: string;
}

export interface SafetyPlanHeader {
  id: string;
  clientId: string;
  authorId: string;
  createdAt: string;
  supersedesId: string | null;
  supersededById: string | null;
  current: boolean;
  professionalsPrefilled: boolean;
}

export const SAFETY_PLAN_STEPS = [
  'warningSigns',
  'copingStrategies',
  'socialContacts',
  'peopleToAsk',
  'professionals',
  'safeEnvironment',
  'reasonsForLiving',
] as const;
export type SafetyPlanStep = (typeof SAFETY_PLAN_STEPS)[number];

export type SafetyPlan = SafetyPlanHeader & Record<SafetyPlanStep, string[]>;

export type DocumentType =
  | 'application/pdf'
  | 'image/png'
  | 'image/jpeg'
  | 'image/heic'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';

export interface ClientDocument {
  id: string;
  clientId: string;
  name: string;
  contentType: DocumentType;
  size: number;
  preview: boolean;
  uploadedAt: string;
  uploadedBy: { id: string; name: string };
}

/** An appointment as the note screens use it (GET /appointments). */
export interface AppointmentSummary {
  id: string;
  clientId: string;
  clinicianId: string;
  start: string;
  end: string;
  /** The start in the practice's zone, `YYYY-MM-DDTHH:mm`. */
  localStart: string;
  serviceCode: string;
  status: string;
  kind: 'in_person' | 'telehealth';
}
