import { Type, type TSchema } from 'typebox';
import type { NoteTemplateId } from '../../platform/db/tables/notes.ts';

/**
 * The note templates. Field names are part of the public API (DESIGN.md); each template is a
 * typed structure from which both the validation schema and the description served to the web
 * UI (`GET /note-templates`) are derived, so the two cannot disagree.
 */
export type FieldKind = 'text' | 'line' | 'choice' | 'date' | 'list' | 'problems';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  /** Must be filled in before the note can be signed (drafts may be incomplete). */
  required: boolean;
  options?: readonly string[];
}

export interface TemplateSpec {
  id: NoteTemplateId;
  label: string;
  fields: readonly FieldSpec[];
}

const f = (name: string, label: string, kind: FieldKind, required = true): FieldSpec => ({
  name,
  label,
  kind,
  required,
});

export const CONTACT_TYPES = [
  'phone',
  'video',
  'in_person',
  'email',
  'text_message',
  'collateral',
  'other',
] as const;

export const TEMPLATES: readonly TemplateSpec[] = [
  {
    id: 'soap',
    label: 'SOAP progress note',
    fields: [
      f('subjective', 'Subjective', 'text'),
      f('objective', 'Objective', 'text'),
      f('assessment', 'Assessment', 'text'),
      f('plan', 'Plan', 'text'),
    ],
  },
  {
    id: 'dap',
    label: 'DAP progress note',
    fields: [
      f('data', 'Data', 'text'),
      f('assessment', 'Assessment', 'text'),
      f('plan', 'Plan', 'text'),
    ],
  },
  {
    id: 'birp',
    label: 'BIRP progress note',
    fields: [
      f('behavior', 'Behavior', 'text'),
      f('intervention', 'Intervention', 'text'),
      f('response', 'Response', 'text'),
      f('plan', 'Plan', 'text'),
    ],
  },
  {
    id: 'intake',
    label: 'Intake assessment',
    fields: [
      f('presentingProblem', 'Presenting problem', 'text'),
      f('history', 'History (psychiatric, medical, family, social, substance use)', 'text'),
      f('mentalStatus', 'Mental status examination', 'text'),
      f('riskAssessment', 'Risk assessment', 'text'),
      f('diagnosticImpressions', 'Diagnostic impressions', 'text', false),
      f('plan', 'Plan', 'text'),
    ],
  },
  {
    id: 'treatment_plan',
    label: 'Treatment plan',
    fields: [f('problems', 'Problems', 'problems'), f('reviewDate', 'Review date', 'date')],
  },
  {
    id: 'discharge',
    label: 'Discharge summary',
    fields: [
      f('reason', 'Reason for discharge', 'text'),
      f('treatmentSummary', 'Summary of treatment', 'text'),
      f('statusAtDischarge', 'Status at discharge', 'text'),
      f('recommendations', 'Recommendations and referrals', 'text', false),
    ],
  },
  {
    id: 'contact',
    label: 'Contact note',
    fields: [
      { ...f('contactType', 'Contact type', 'choice'), options: CONTACT_TYPES },
      f('summary', 'Summary', 'text'),
    ],
  },
];

/** The sub-fields of one treatment-plan problem, for the UI and the schema alike. */
export const PROBLEM_FIELDS: readonly FieldSpec[] = [
  f('description', 'Problem', 'line'),
  f('goals', 'Goals', 'list'),
  f('objectives', 'Objectives', 'list'),
  f('interventions', 'Interventions', 'list'),
];

/** A long intake narrative fits; the editor counts down to it and the server refuses past it. */
export const TEXT_MAX = 200_000;
export const LINE_MAX = 500;
const LIST_MAX = 20;

/** The most characters one field of this kind can hold. */
function maxCharsOfKind(spec: FieldSpec): number {
  const list = LIST_MAX * LINE_MAX;
  switch (spec.kind) {
    case 'text':
      return TEXT_MAX;
    case 'line':
      return LINE_MAX;
    case 'problems':
      return LIST_MAX * (LINE_MAX + 3 * list);
    case 'list':
      return list;
    default:
      return 100;
  }
}

// JSON carries any real text in at most 4 bytes a character (UTF-8 needs 3 for most scripts
// and 4 for emoji; escaped quotes and newlines need 2); the rest is room for names and syntax.
const BYTES_PER_CHAR = 4;
const ENVELOPE_BYTES = 64 * 1024;

/**
 * The request body a note's fields can need at their limits, for the routes that take them
 * (the largest template: every field full). Only those routes get more than HEARTH_BODY_LIMIT.
 */
export const NOTE_BODY_LIMIT =
  Math.max(...TEMPLATES.map((t) => t.fields.reduce((sum, s) => sum + maxCharsOfKind(s), 0))) *
    BYTES_PER_CHAR +
  ENVELOPE_BYTES;

/** … and an addendum's text. */
export const ADDENDUM_BODY_LIMIT = TEXT_MAX * BYTES_PER_CHAR + ENVELOPE_BYTES;

// Drafts may hold empty text; "filled in" is checked at signing (see missingFields).
const Text = Type.String({ maxLength: TEXT_MAX });
const Line = Type.String({ maxLength: LINE_MAX });
const List = Type.Array(Type.String({ minLength: 1, maxLength: LINE_MAX, pattern: '\\S' }), {
  maxItems: LIST_MAX,
});
const Problem = Type.Object(
  { description: Line, goals: List, objectives: List, interventions: List },
  { additionalProperties: false },
);

export function schemaOfKind(spec: FieldSpec): TSchema {
  switch (spec.kind) {
    case 'text':
      return Text;
    case 'line':
      return Line;
    case 'date':
      return Type.String({ format: 'date' });
    case 'list':
      return List;
    case 'choice':
      return Type.Union((spec.options ?? []).map((o) => Type.Literal(o)));
    case 'problems':
      return Type.Array(Problem, { maxItems: LIST_MAX });
  }
}

/** A template's fields as a schema: every field optional, nothing else allowed. */
export function fieldsSchema(template: TemplateSpec): TSchema {
  return Type.Object(
    Object.fromEntries(template.fields.map((s) => [s.name, Type.Optional(schemaOfKind(s))])),
    { additionalProperties: false },
  );
}

export function templateOf(id: NoteTemplateId): TemplateSpec {
  const found = TEMPLATES.find((t) => t.id === id);
  if (!found) throw new TypeError(`unknown note template ${id}`);
  return found;
}

/** What `GET /note-templates` answers: enough for the web UI to render each form. */
export function describeTemplates() {
  return TEMPLATES.map((t) => ({
    id: t.id,
    label: t.label,
    fields: t.fields.map((s) => ({
      ...s,
      ...(s.kind === 'text' || s.kind === 'line' ? { maxLength: maxCharsOfKind(s) } : {}),
      ...(s.options ? { options: [...s.options] } : {}),
      ...(s.kind === 'problems' ? { items: PROBLEM_FIELDS.map((p) => ({ ...p })) } : {}),
    })),
  }));
}
