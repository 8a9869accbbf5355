// Shapes of the clinical API's answers that the record screens use, named from the generated
// API types (see web/src/api/paths.ts, docs/notes.md and docs/diagnoses.md).
import type { ItemOf, ResponseOf } from '../api/paths.ts';

export type CodeSet = ResponseOf<'/api/v1/icd10/codes'>['codeSet'];
export type Icd10Code = ItemOf<'/api/v1/icd10/codes'>;
export type Diagnosis = ItemOf<'/api/v1/clients/{id}/diagnoses'>;

export type Policy = ItemOf<'/api/v1/clients/{id}/insurance'>;
export type Priority = Policy['priority'];
export type Relationship = Policy['subscriberRelationship'];

export type NoteTemplate = ItemOf<'/api/v1/note-templates'>;
export type TemplateId = NoteTemplate['id'];
export type TemplateField = NoteTemplate['fields'][number];

/** A note without its content, as lists answer it (with `authorName` and `clientName`). */
export type NoteHeader = ItemOf<'/api/v1/notes'>;
export type NoteStatus = NoteHeader['status'];
export type Signature = NonNullable<NoteHeader['signature']>;

type NoteAnswer = ResponseOf<'/api/v1/notes/{id}'>;
export type Problem = NonNullable<NoteAnswer['fields']['problems']>[number];

/**
 * A note's content: text fields, the treatment plan's problems, dates and choices. Web-only:
 * the editor reads and writes fields by the template's field names, so it wants them by name
 * rather than as the server's one object of every template's fields (which fits in this).
 */
export type NoteFields = Record<string, string | Problem[] | undefined>;

export type Addendum = NoteAnswer['addenda'][number];
export type Note = Omit<NoteAnswer, 'fields'> & { fields: NoteFields };

export type HistoryEntry = ItemOf<'/api/v1/notes/{id}/versions'>;
export type HistoryKind = HistoryEntry['kind'];
type HistoryAnswer = ResponseOf<'/api/v1/notes/{id}/versions/{n}'>;
export type HistoryDetail = Omit<HistoryAnswer, 'fields'> & { fields: NoteFields | null };

export type SessionToDocument = ItemOf<'/api/v1/notes/to-write'>;

export type SafetyPlanHeader = ItemOf<'/api/v1/clients/{id}/safety-plans'>;
export type SafetyPlan = ResponseOf<'/api/v1/safety-plans/{id}'>;

/** Web-only: the Stanley–Brown steps in the order the form and the view show them. */
export const SAFETY_PLAN_STEPS = [
  'warningSigns',
  'copingStrategies',
  'socialContacts',
  'peopleToAsk',
  'professionals',
  'safeEnvironment',
  'reasonsForLiving',
] as const satisfies readonly (keyof SafetyPlan)[];
export type SafetyPlanStep = (typeof SAFETY_PLAN_STEPS)[number];

export type ClientDocument = ItemOf<'/api/v1/clients/{id}/documents'>;
export type DocumentType = ClientDocument['contentType'];

/** An appointment as the note screens use it (GET /appointments). */
export type AppointmentSummary = ItemOf<'/api/v1/appointments'>;
