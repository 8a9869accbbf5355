import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useRef } from 'react';

/**
 * A list of short texts (goals, warning signs…): one field per entry, "Add" below, each entry
 * removable. Enter in an entry adds the next one, so a list can be typed without the mouse.
 */
export function ListEditor({
  label,
  itemLabel,
  values,
  onChange,
  required,
  description,
  maxLength = 500,
  addLabel,
}: {
  label: string;
  /** What one entry is called, for its field's name ("Goal 2"). */
  itemLabel: string;
  values: string[];
  onChange: (values: string[]) => void;
  required?: boolean;
  description?: string;
  maxLength?: number;
  addLabel?: string;
}) {
  const list = useRef<HTMLDivElement>(null);
  const focusEntry = (i: number) =>
    requestAnimationFrame(() =>
      list.current?.querySelectorAll<HTMLInputElement>('input')[i]?.focus(),
    );
  const add = (at = values.length) => {
    onChange([...values.slice(0, at), '', ...values.slice(at)]);
    focusEntry(at);
  };
  return (
    <fieldset className="list-editor">
      <legend>
        <Text span fw={500} size="sm">
          {label}
        </Text>
        {required && (
          <Text span c="red.9" size="sm" aria-hidden="true">
            {' '}
            *
          </Text>
        )}
        {required && <span className="visually-hidden-label"> (required)</span>}
      </legend>
      {description && (
        <Text size="xs" c="dimmed" mb={4}>
          {description}
        </Text>
      )}
      <Stack gap={6} ref={list}>
        {values.map((v, i) => (
          <Group key={i} gap={6} wrap="nowrap">
            <TextInput
              className="grow"
              aria-label={`${itemLabel} ${i + 1}`}
              value={v}
              maxLength={maxLength}
              onChange={(e) =>
                onChange(values.map((old, j) => (j === i ? e.currentTarget.value : old)))
              }
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add(i + 1);
                }
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove ${itemLabel.toLowerCase()} ${i + 1}`}
              onClick={() => {
                onChange(values.filter((_, j) => j !== i));
                focusEntry(Math.max(0, i - 1));
              }}
            >
              <span aria-hidden="true">×</span>
            </ActionIcon>
          </Group>
        ))}
      </Stack>
      <Button variant="subtle" size="compact-sm" mt={6} onClick={() => add()}>
        {addLabel ?? `Add ${itemLabel.toLowerCase()}`}
      </Button>
    </fieldset>
  );
}

/** Entries worth keeping: trimmed, blanks dropped (the API refuses empty entries). */
export const filled = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);
