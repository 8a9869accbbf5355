import { Type, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { AppError } from '../platform/errors.ts';
import type { NoteTemplateId } from '../platform/db/tables/notes.ts';
import {
  fieldsSchema,
  schemaOfKind,
  TEMPLATES,
  templateOf,
  type FieldSpec,
} from './drafts/templates.ts';

/** A note's fields as stored (sealed, JSON) and answered: names per template, see templates.ts. */
export type NoteFields = Record<string, unknown>;

const checkers = new Map(TEMPLATES.map((t) => [t.id, Compile(fieldsSchema(t))]));

/**
 * Refuses fields that do not belong to the template or have the wrong shape, with a message
 * that names the field and the rule — never the value, which is PHI.
 */
export function checkFields(template: NoteTemplateId, fields: NoteFields): void {
  const checker = checkers.get(template)!;
  if (checker.Check(fields)) return;
  const issue = [...checker.Errors(fields)].find((e) => e.keyword !== 'boolean');
  const path = issue?.instancePath.replaceAll('/', '.') ?? '';
  if (issue?.keyword === 'maxLength') {
    throw textTooLong(template, issue.instancePath, issue.params.limit);
  }
  if (issue?.keyword === 'additionalProperties') {
    const known = templateOf(template).fields.map((s) => s.name);
    throw AppError.badRequest(
      `fields${path} has a field the ${template} template does not have; its fields are: ${known.join(', ')}.`,
      'invalid_fields',
    );
  }
  throw AppError.badRequest(`fields${path} ${issue?.message ?? 'is not valid'}.`, 'invalid_fields');
}

/**
 * Over-long text is refused whole, never cut: the message names the field by its label and the
 * limit, so the editor can say what to shorten.
 */
function textTooLong(template: NoteTemplateId, pointer: string, limit: number): AppError {
  const [, name = '', ...inside] = pointer.split('/');
  const label = templateOf(template).fields.find((s) => s.name === name)?.label ?? name;
  const what = inside.length > 0 ? `An entry in ${label}` : label;
  return AppError.badRequest(
    `${what} is longer than the ${limit.toLocaleString('en-US')} characters it can hold. Nothing was saved: shorten it, or move part of it into another field or an addendum.`,
    'text_too_long',
  );
}

/** Autosave sends only what changed: named fields replace the stored ones, the rest stay. */
export function mergeFields(current: NoteFields, change: NoteFields): NoteFields {
  return { ...current, ...change };
}

function filled(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null;
}

/** The labels of required fields still empty: a note is signed complete or not at all. */
export function missingFields(template: NoteTemplateId, fields: NoteFields): string[] {
  return templateOf(template)
    .fields.filter((s) => s.required && !filled(fields[s.name]))
    .map((s) => s.label);
}

/**
 * The response schema for any template's fields: the union of every template's field names.
 * A field not declared here can never be serialised into an answer.
 */
export const AnyNoteFields: TSchema = Type.Object(
  Object.fromEntries(
    TEMPLATES.flatMap((t) => t.fields).map((s: FieldSpec) => [
      s.name,
      Type.Optional(schemaOfKind(s)),
    ]),
  ),
  { additionalProperties: false },
);
