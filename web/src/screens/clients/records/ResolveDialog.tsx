import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { todayIn } from '../../../clinical/dates.ts';
import type { Diagnosis } from '../../../clinical/types.ts';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';

/** Resolve a diagnosis on a date (today by default; never in the future). */
export function ResolveDialog({
  diagnosis,
  pending,
  error,
  onResolve,
  onClose,
}: {
  diagnosis: Diagnosis | null;
  pending: boolean;
  error: unknown;
  onResolve: (d: Diagnosis, resolvedOn: string) => void;
  onClose: () => void;
}) {
  const timeZone = useTimeZone();
  const today = todayIn(timeZone);
  const [date, setDate] = useState(today);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (diagnosis && date) onResolve(diagnosis, date);
  };
  return (
    <Modal
      opened={diagnosis !== null}
      onClose={onClose}
      title={`Resolve ${diagnosis?.code ?? ''}`}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{diagnosis?.description}</Text>
          <TextInput
            type="date"
            label="Resolved on"
            value={date}
            max={today}
            onChange={(e) => setDate(e.currentTarget.value)}
            required
            data-autofocus
          />
          <Text size="sm" c="dimmed">
            It leaves the ranked list and stays in the record as resolved; you can reopen it.
          </Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!date}>
              Resolve
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
