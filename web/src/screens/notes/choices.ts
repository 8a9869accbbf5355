import type { NoteFields, Problem, TemplateField } from '../../clinical/types.ts';

const CHOICE_LABELS: Record<string, string> = {
  phone: 'Phone call',
  video: 'Video call',
  in_person: 'In person',
  email: 'Email',
  text_message: 'Text message',
  collateral: 'Collateral contact (family, school, other provider)',
  other: 'Other',
};

export const choiceLabel = (value: string) => CHOICE_LABELS[value] ?? value.replace(/_/g, ' ');

export const emptyProblem = (): Problem => ({
  description: '',
  goals: [''],
  objectives: [''],
  interventions: [''],
});

export const problemsOf = (fields: NoteFields, name: string): Problem[] => {
  const v = fields[name];
  return Array.isArray(v) ? v : [];
};

export const textOf = (fields: NoteFields, name: string): string => {
  const v = fields[name];
  return typeof v === 'string' ? v : '';
};

const trimList = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);

/**
 * The content to send for a template: only its own fields; blank list entries dropped (the
 * API refuses empty ones); an empty date or choice left out (they have formats to match).
 */
export function contentFor(fields: TemplateField[], values: NoteFields): NoteFields {
  const out: NoteFields = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'problems') {
      out[f.name] = problemsOf(values, f.name).map((p) => ({
        description: p.description,
        goals: trimList(p.goals),
        objectives: trimList(p.objectives),
        interventions: trimList(p.interventions),
      }));
    } else if (f.kind === 'date' || f.kind === 'choice') {
      if (typeof v === 'string' && v) out[f.name] = v;
    } else if (typeof v === 'string') {
      out[f.name] = v;
    }
  }
  return out;
}

const filled = (value: unknown): boolean =>
  typeof value === 'string' ? value.trim() !== '' : Array.isArray(value) && value.length > 0;

/** The required fields still empty, by name — as the server checks them when signing. */
export function missingFields(fields: TemplateField[], values: NoteFields): string[] {
  return fields.filter((f) => f.required && !filled(values[f.name])).map((f) => f.name);
}

/** Whether a draft holds any text worth asking about before it is thrown away. */
export function hasText(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(hasText);
  if (value && typeof value === 'object') return Object.values(value).some(hasText);
  return false;
}
