import { Radio, Stack, Text } from '@mantine/core';
import type { Scope } from './types.ts';

export const SCOPE_LABELS: Record<Scope, string> = {
  this: 'This session',
  following: 'This and following sessions',
  all: 'All sessions',
};

/** For an occurrence of a series: which sessions a change applies to. */
export function ScopeChoice({
  value,
  onChange,
  disabled = [],
  note,
  error,
}: {
  value: Scope;
  onChange: (scope: Scope) => void;
  /** Scopes the change cannot take, with the reason shown under the choice. */
  disabled?: Scope[];
  note?: string | undefined;
  error?: string | undefined;
}) {
  return (
    <Radio.Group
      label="This session is part of a series. Apply the change to:"
      value={value}
      onChange={(s) => onChange(s as Scope)}
      error={error}
    >
      <Stack gap={6} mt={6}>
        {(Object.keys(SCOPE_LABELS) as Scope[]).map((s) => (
          <Radio key={s} value={s} label={SCOPE_LABELS[s]} disabled={disabled.includes(s)} />
        ))}
        {note && (
          <Text size="xs" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    </Radio.Group>
  );
}
