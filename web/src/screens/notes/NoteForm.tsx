import { Select, Stack, Textarea, TextInput } from '@mantine/core';
import type { NoteFields, NoteTemplate } from '../../clinical/types.ts';
import { choiceLabel, problemsOf, textOf } from './choices.ts';
import { ProblemsField } from './ProblemsField.tsx';

/** A draft's fields, drawn from its template: labels, required ones marked. */
export function NoteForm({
  template,
  values,
  onChange,
}: {
  template: NoteTemplate;
  values: NoteFields;
  onChange: (name: string, value: NoteFields[string]) => void;
}) {
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
                data={(f.options ?? []).map((o) => ({ value: o, label: choiceLabel(o) }))}
                value={textOf(values, f.name) || null}
                onChange={(v) => onChange(f.name, v ?? '')}
                placeholder="Choose…"
                w={360}
              />
            );
          case 'line':
            return (
              <TextInput
                key={f.name}
                label={f.label}
                required={f.required}
                maxLength={500}
                value={textOf(values, f.name)}
                onChange={(e) => onChange(f.name, e.currentTarget.value)}
              />
            );
          default:
            return (
              <Textarea
                key={f.name}
                label={f.label}
                required={f.required}
                autosize
                minRows={3}
                maxRows={20}
                maxLength={20_000}
                value={textOf(values, f.name)}
                onChange={(e) => onChange(f.name, e.currentTarget.value)}
              />
            );
        }
      })}
    </Stack>
  );
}
