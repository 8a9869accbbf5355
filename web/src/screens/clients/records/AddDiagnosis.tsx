import { Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ApiError } from '../../../api/http.ts';
import { todayIn } from '../../../clinical/dates.ts';
import type { Icd10Code } from '../../../clinical/types.ts';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { Icd10Search } from './Icd10Search.tsx';
import { useDiagnosisChange } from './records.ts';

// The code's own problems are said on the search field; anything else below it.
const CODE_ERRORS = new Set(['not_billable', 'unknown_code', 'duplicate_diagnosis']);

/** Search, choose, add: the new diagnosis goes last; move it up to make it primary. */
export function AddDiagnosis({ clientId }: { clientId: string }) {
  const timeZone = useTimeZone();
  const add = useDiagnosisChange(clientId);
  const [chosen, setChosen] = useState<Icd10Code | { code: string } | null>(null);
  const [onset, setOnset] = useState('');
  const codeError =
    add.error instanceof ApiError && CODE_ERRORS.has(add.error.code)
      ? add.error.message
      : undefined;
  const submit = (c: Icd10Code | { code: string }) =>
    add.mutate(
      { kind: 'add', code: c.code, ...(onset ? { onsetDate: onset } : {}) },
      {
        onSuccess: () => {
          setChosen(null);
          setOnset('');
        },
      },
    );
  return (
    <Stack gap="sm" mt="sm">
      <Icd10Search
        error={codeError}
        onChoose={(c) => {
          add.reset();
          // A typed code goes straight to the server, which says what is wrong with it.
          if ('description' in c) setChosen(c);
          else submit(c);
        }}
      />
      {chosen && 'description' in chosen && (
        <Paper withBorder p="sm" radius="md">
          <Stack gap="sm">
            <Text size="sm">
              <span className="icd-code">{chosen.code}</span> {chosen.description}
            </Text>
            <Group align="flex-end" gap="sm">
              <TextInput
                type="date"
                label="Onset (optional)"
                value={onset}
                max={todayIn(timeZone)}
                onChange={(e) => setOnset(e.currentTarget.value)}
                w={200}
              />
              <Button onClick={() => submit(chosen)} loading={add.isPending} autoFocus>
                Add diagnosis
              </Button>
              <Button variant="default" onClick={() => setChosen(null)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {!codeError && <ErrorAlert error={add.error} />}
    </Stack>
  );
}
