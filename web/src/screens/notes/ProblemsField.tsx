import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { ListEditor } from '../../clinical/ListEditor.tsx';
import type { Problem, TemplateField } from '../../clinical/types.ts';
import { emptyProblem } from './choices.ts';

const LISTS = [
  { key: 'goals', label: 'Goals', item: 'Goal' },
  { key: 'objectives', label: 'Objectives', item: 'Objective' },
  { key: 'interventions', label: 'Interventions', item: 'Intervention' },
] as const;

/** The treatment plan's problems, each with its goals, objectives and interventions. */
export function ProblemsField({
  field,
  value,
  error,
  onChange,
}: {
  field: TemplateField;
  value: Problem[];
  /** Why signing stopped at this field, if it did. */
  error?: string | undefined;
  onChange: (problems: Problem[]) => void;
}) {
  const set = (i: number, p: Problem) => onChange(value.map((old, j) => (j === i ? p : old)));
  return (
    <Stack gap="sm">
      <Text fw={600} size="sm">
        {field.label}
        {field.required && (
          <Text span c="red.9" aria-hidden="true">
            {' '}
            *
          </Text>
        )}
      </Text>
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          No problems yet. Add the first problem this plan addresses.
        </Text>
      )}
      {value.map((p, i) => (
        <section key={i} className="problem-card" aria-label={`Problem ${i + 1}`}>
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end" wrap="nowrap">
              <TextInput
                className="grow"
                label={`Problem ${i + 1}`}
                required
                value={p.description}
                onChange={(e) => set(i, { ...p, description: e.currentTarget.value })}
              />
              <Button
                variant="subtle"
                color="red"
                size="sm"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                Remove problem {i + 1}
              </Button>
            </Group>
            <Stack gap="sm" pl="sm">
              {LISTS.map((l) => (
                <ListEditor
                  key={l.key}
                  label={l.label}
                  itemLabel={`Problem ${i + 1} ${l.item.toLowerCase()}`}
                  addLabel={`Add ${l.item.toLowerCase()}`}
                  required
                  values={p[l.key]}
                  onChange={(values) => set(i, { ...p, [l.key]: values })}
                />
              ))}
            </Stack>
          </Stack>
        </section>
      ))}
      <div>
        <Button variant="default" size="sm" onClick={() => onChange([...value, emptyProblem()])}>
          Add a problem
        </Button>
      </div>
    </Stack>
  );
}
