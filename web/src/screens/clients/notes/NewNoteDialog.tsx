import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRecentAppointments } from '../../../clinical/appointments.ts';
import { useStartNote, useTemplates } from '../../../clinical/notes.ts';
import type { AppointmentSummary, TemplateId } from '../../../clinical/types.ts';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';

function appointmentLabel(a: AppointmentSummary, timeZone: string | undefined, me: string) {
  const when = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(a.start));
  const kind = a.kind === 'telehealth' ? 'telehealth' : 'in person';
  return `${when} · ${a.serviceCode} · ${kind}${a.clinicianId === me ? '' : ' · another clinician'}`;
}

/** "New note": a template, and the session it documents if any; then the editor opens. */
export function NewNoteDialog({
  clientId,
  documented,
  opened,
  onClose,
}: {
  clientId: string;
  /** Appointments that already have a note: not offered again. */
  documented: Set<string>;
  opened: boolean;
  onClose: () => void;
}) {
  const { me, can } = useSession();
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  const templates = useTemplates();
  const appointments = useRecentAppointments(clientId, opened && can('read:schedule:any'));
  const start = useStartNote();
  const [template, setTemplate] = useState<TemplateId>('soap');
  const [appointmentId, setAppointmentId] = useState<string | null>(null);
  const open = (appointments.data ?? []).filter((a) => !documented.has(a.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = open.find((a) => a.id === appointmentId);
    start.mutate(
      {
        clientId,
        template,
        ...(chosen ? { appointment: { id: chosen.id, date: chosen.localStart.slice(0, 10) } } : {}),
      },
      { onSuccess: (note) => void navigate(`/notes/${note.id}`) },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New note" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Template"
            data={(templates.data?.items ?? []).map((t) => ({ value: t.id, label: t.label }))}
            value={template}
            onChange={(v) => v && setTemplate(v as TemplateId)}
            allowDeselect={false}
            required
            data-autofocus
          />
          {can('read:schedule:any') && (
            <Select
              label="Session it documents"
              description={
                appointments.isPending
                  ? 'Loading recent sessions…'
                  : open.length === 0
                    ? 'No recent session without a note. The note can stand on its own (a phone call, a letter).'
                    : 'Optional. Recent sessions without a note; the date of service follows the session.'
              }
              placeholder="No session"
              data={open.map((a) => ({
                value: a.id,
                label: appointmentLabel(a, timeZone, me.user.id),
              }))}
              value={appointmentId}
              onChange={setAppointmentId}
              clearable
              disabled={open.length === 0}
            />
          )}
          <ErrorAlert error={start.error ?? appointments.error ?? templates.error} />
          <Text size="sm" c="dimmed">
            The draft saves as you type; nothing is final until you sign it.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={start.isPending} disabled={!templates.data}>
              Start writing
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
