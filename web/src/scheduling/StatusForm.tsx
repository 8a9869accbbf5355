import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../ui/errors.tsx';
import { ScopeChoice } from './ScopeChoice.tsx';
import { REASON_OPTIONS, STATUS } from './status.ts';
import type {
  Appointment,
  AppointmentPatch,
  AppointmentStatus,
  Scope,
  StaffReason,
} from './types.ts';

const VERB: Partial<Record<AppointmentStatus, string>> = {
  cancelled: 'Cancel the session',
  late_cancelled: 'Record a late cancellation',
  no_show: 'Record a no-show',
};

/**
 * A status that needs a reason code (cancelled, late cancellation, no-show). Of these, only a
 * cancellation may apply to several sessions of a series (the server refuses the others).
 */
export function StatusForm({
  appointment,
  status,
  pending,
  error,
  onSubmit,
  onBack,
}: {
  appointment: Appointment;
  status: AppointmentStatus;
  pending: boolean;
  error: unknown;
  onSubmit: (patch: AppointmentPatch) => void;
  onBack: () => void;
}) {
  const [reason, setReason] = useState<StaffReason | null>(
    status === 'no_show' ? 'no_contact' : 'client_request',
  );
  const [scope, setScope] = useState<Scope>('this');
  const series = appointment.seriesId !== null && status === 'cancelled';
  return (
    <Stack gap="md">
      <Text fw={600}>New status: {STATUS[status].label}</Text>
      <Select
        label="Reason"
        required
        data={REASON_OPTIONS}
        value={reason}
        onChange={(r) => setReason(r as StaffReason | null)}
        allowDeselect={false}
        data-autofocus
      />
      {series && (
        <ScopeChoice
          value={scope}
          onChange={setScope}
          disabled={appointment.detached ? ['following', 'all'] : []}
          note={
            appointment.detached
              ? 'This session was changed on its own: cancel the others from one of them.'
              : 'Completed and past sessions are never changed.'
          }
        />
      )}
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button
          color="red"
          loading={pending}
          disabled={!reason}
          onClick={() =>
            reason && onSubmit({ status, statusReason: reason, ...(series ? { scope } : {}) })
          }
        >
          {status === 'cancelled' && series && scope !== 'this'
            ? scope === 'all'
              ? 'Cancel all sessions'
              : 'Cancel these sessions'
            : (VERB[status] ?? 'Save')}
        </Button>
      </Group>
    </Stack>
  );
}
