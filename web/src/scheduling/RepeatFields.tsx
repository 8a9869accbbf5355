import { Group, NumberInput, Radio, Select, Stack, TextInput } from '@mantine/core';
import { MAX_SESSIONS, type RepeatValue } from './repeat.ts';

const EVERY = [
  { value: '0', label: 'Does not repeat' },
  { value: '1', label: 'Every week' },
  { value: '2', label: 'Every two weeks' },
];

/** Weekly or fortnightly, for N sessions or until a date. */
export function RepeatFields({
  value,
  onChange,
  weekday,
  error,
  label = 'Repeat',
  allowNone = true,
}: {
  value: RepeatValue;
  onChange: (v: RepeatValue) => void;
  /** "Tuesday": the day the series falls on. */
  weekday: string;
  error?: string | undefined;
  label?: string;
  /** False when a rule is required (a series moved to another weekday). */
  allowNone?: boolean;
}) {
  return (
    <Stack gap="xs">
      <Select
        label={label}
        data={EVERY.filter((e) => allowNone || e.value !== '0').map((e) =>
          e.value === '0' ? e : { ...e, label: `${e.label} on ${weekday}` },
        )}
        value={String(value.every)}
        onChange={(v) => onChange({ ...value, every: Number(v ?? 0) as 0 | 1 | 2 })}
        allowDeselect={false}
      />
      {value.every !== 0 && (
        <Radio.Group
          label="Ends"
          value={value.ends}
          onChange={(ends) => onChange({ ...value, ends: ends as 'count' | 'until' })}
          error={error}
        >
          <Stack gap="xs" mt={4}>
            <Group gap="sm" wrap="nowrap">
              <Radio value="count" label="After" />
              <NumberInput
                aria-label="Number of sessions"
                min={2}
                max={MAX_SESSIONS}
                w={90}
                value={value.count}
                onChange={(n) => onChange({ ...value, ends: 'count', count: Number(n) })}
              />
              <span>sessions</span>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Radio value="until" label="On" />
              <TextInput
                aria-label="Date of the last session"
                type="date"
                value={value.until}
                onChange={(e) =>
                  onChange({ ...value, ends: 'until', until: e.currentTarget.value })
                }
              />
            </Group>
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
