import { Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { NoteFields, NoteTemplate, TemplateField } from '../../clinical/types.ts';
import { choiceLabel, problemsOf, textOf } from './choices.ts';
import { lengthNote } from './length.ts';
import { ProblemsField } from './ProblemsField.tsx';

/** The message a required field gets when signing finds it empty. */
export const MISSING = 'Fill this in to sign the note.';

/**
 * A draft's fields, drawn from its template: labels, required ones marked, and those that stop
 * signing (`missing`) marked invalid with a message.
 */
export function NoteForm({
  template,
  values,
  missing,
  onChange,
}: {
  template: NoteTemplate;
  values: NoteFields;
  missing?: ReadonlySet<string>;
  onChange: (name: string, value: NoteFields[string]) => void;
}) {
  const errorOf = (name: string) => (missing?.has(name) ? MISSING : undefined);
  return (
    <Stack gap="md">
      {template.fields.map((f) => {
        switch (f.kind) {
          case 'problems':
            return (
              <ProblemsField
                key={f.name}
                field={f}
                value={problemsOf(values, f.name)}
                error={errorOf(f.name)}
                onChange={(v) => onChange(f.name, v)}
              />
            );
          case 'date':
            return (
              <TextInput
                key={f.name}
                type="date"
                label={f.label}
                required={f.required}
                error={errorOf(f.name)}
                value={textOf(values, f.name)}
                onChange={(e) => onChange(f.name, e.currentTarget.value)}
                w={220}
              />
            );
          case 'choice':
            return (
              <Select
                key={f.name}
                label={f.label}
                required={f.required}
                error={errorOf(f.name)}
                data={(f.options ?? []).map((o) => ({ value: o, label: choiceLabel(o) }))}
                value={textOf(values, f.name) || null}
                onChange={(v) => onChange(f.name, v ?? '')}
                placeholder="Choose…"
                w={360}
              />
            );
          default:
            return (
              <TextField
                key={f.name}
                field={f}
                value={textOf(values, f.name)}
                error={errorOf(f.name)}
                onChange={(v) => onChange(f.name, v)}
              />
            );
        }
      })}
    </Stack>
  );
}

/**
 * A line or a text. No `maxLength` on the input: the browser would cut pasted text silently
 * and autosave would save the cut copy. Near the limit a counter shows; past it the field says
 * it cannot be saved, and the server refuses it whole.
 */
function TextField({
  field,
  value,
  error,
  onChange,
}: {
  field: TemplateField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const length = lengthNote(value, field.maxLength);
  const over = length?.over
    ? `Too long to save: shorten it to ${field.maxLength?.toLocaleString('en-US')} characters or fewer.`
    : undefined;
  const props = {
    label: field.label,
    required: field.required,
    value,
    error: over ?? error,
    description: length ? (
      <Text span size="xs" c={length.over ? 'red.9' : 'dimmed'} data-testid="length-counter">
        {length.count}
      </Text>
    ) : undefined,
    inputWrapperOrder: ['label', 'input', 'description', 'error'] as (
      'label' | 'input' | 'description' | 'error'
    )[],
  };
  return field.kind === 'line' ? (
    <TextInput {...props} onChange={(e) => onChange(e.currentTarget.value)} />
  ) : (
    <Textarea
      {...props}
      autosize
      minRows={3}
      maxRows={20}
      onChange={(e) => onChange(e.currentTarget.value)}
    />
  );
}
