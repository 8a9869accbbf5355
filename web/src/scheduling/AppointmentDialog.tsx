import { Anchor, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../session/session.tsx';
import { ErrorAlert } from '../ui/errors.tsx';
import { clientName } from '../ui/format.ts';
import { useChangeAppointment, useClinicians } from './api.ts';
import { changeNotice, type Notice } from './notice.ts';
import { describeRule, type RepeatValue } from './repeat.ts';
import { RemarkField } from './RemarkField.tsx';
import { RescheduleForm } from './RescheduleForm.tsx';
import {
  CHANGED_VIA,
  MOVABLE,
  NEEDS_REASON,
  notYet,
  possibleNow,
  STATUS,
  TRANSITIONS,
} from './status.ts';
import { AppointmentStatusBadge } from './StatusBadge.tsx';
import { StatusForm } from './StatusForm.tsx';
import { formatSpan } from './time.ts';
import type { Appointment, AppointmentPatch, AppointmentStatus } from './types.ts';
import { WriteNote } from './WriteNote.tsx';
import { AppointmentReminders } from './reminders/AppointmentReminders.tsx';

type Mode = { kind: 'details' } | { kind: 'status'; status: AppointmentStatus } | { kind: 'move' };

/**
 * One appointment: what, when, with whom; its status (every one the server would take from
 * here, those that must wait for the session's time shown but disabled, with when), a
 * reschedule, the remark, and the session's note.
 */
export function AppointmentDialog({
  appointment: a,
  zone,
  hint,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  zone: string;
  hint: RepeatValue;
  onClose: () => void;
  onDone: (notice: Notice) => void;
}) {
  const { can } = useSession();
  const clinicians = useClinicians();
  const change = useChangeAppointment();
  const [mode, setMode] = useState<Mode>({ kind: 'details' });
  const write = can('write:schedule:any');
  const clinician = clinicians.data?.find((c) => c.id === a.clinicianId)?.name ?? '—';
  const send = (patch: AppointmentPatch, what: string) =>
    change.mutate(
      { id: a.id, patch },
      {
        onSuccess: (r) =>
          onDone(changeNotice(what, r, Boolean(patch.start || patch.end || patch.clinicianId))),
      },
    );
  const back = () => {
    change.reset();
    setMode({ kind: 'details' });
  };
  const statuses = write ? TRANSITIONS[a.status] : [];
  const waiting = statuses.filter((s) => !possibleNow(s, a.start));

  return (
    <Modal opened onClose={onClose} title={clientName(a.client)} centered size="lg">
      {mode.kind === 'status' ? (
        <StatusForm
          appointment={a}
          status={mode.status}
          pending={change.isPending}
          error={change.error}
          onSubmit={(patch) => send(patch, STATUS[mode.status].label)}
          onBack={back}
        />
      ) : mode.kind === 'move' ? (
        <RescheduleForm
          appointment={a}
          zone={zone}
          hint={hint}
          pending={change.isPending}
          error={change.error}
          onSubmit={(patch) => send(patch, patch.start ? 'Rescheduled' : 'Saved')}
          onBack={back}
        />
      ) : (
        <Stack gap="md">
          <dl className="field-list">
            <div className="field-row">
              <dt>When</dt>
              <dd>{formatSpan(a.start, a.end, zone)}</dd>
            </div>
            <div className="field-row">
              <dt>Clinician</dt>
              <dd>{clinician}</dd>
            </div>
            <div className="field-row">
              <dt>Session</dt>
              <dd>
                {a.kind === 'telehealth' ? 'Telehealth' : 'In person'}
                {a.location ? ` · ${a.location.name}` : ''}
                {a.telehealthUrl && (
                  <>
                    {' · '}
                    <Anchor href={a.telehealthUrl} target="_blank" rel="noopener noreferrer">
                      Meeting link
                    </Anchor>
                  </>
                )}
              </dd>
            </div>
            <div className="field-row">
              <dt>Service</dt>
              <dd>{a.serviceCode}</dd>
            </div>
            <div className="field-row">
              <dt>Status</dt>
              <dd>
                <AppointmentStatusBadge status={a.status} reason={a.statusReason} />
                {a.updatedVia && (
                  <Text size="sm" c="dimmed" mt={4}>
                    {CHANGED_VIA[a.updatedVia]}
                  </Text>
                )}
              </dd>
            </div>
            {a.seriesId && (
              <div className="field-row">
                <dt>Series</dt>
                <dd>
                  {a.seriesRule ? describeRule(a.seriesRule, a.timeZone) : 'Repeats'}
                  {a.detached && ' · this session changed on its own'}
                </dd>
              </div>
            )}
          </dl>
          <AppointmentReminders appointmentId={a.id} start={a.start} zone={zone} />
          <Anchor component={Link} to={`/clients/${a.clientId}`} size="sm">
            Open the client’s record
          </Anchor>
          {'remark' in a && (
            <RemarkField
              remark={a.remark ?? null}
              editable={write}
              pending={change.isPending}
              error={change.error}
              onSave={(remark) => send({ remark }, 'Remark saved')}
            />
          )}
          {a.status === 'completed' && (
            <Text size="sm" c="dimmed">
              A completed session is part of the record and cannot be changed.
            </Text>
          )}
          {statuses.length > 0 && (
            <div>
              <Text size="sm" fw={500} mb={6} id={`status-${a.id}`}>
                Change the status
              </Text>
              <Group gap="xs" role="group" aria-labelledby={`status-${a.id}`}>
                {statuses.map((s) => (
                  <Button
                    key={s}
                    size="xs"
                    variant={NEEDS_REASON.includes(s) ? 'default' : 'light'}
                    color={NEEDS_REASON.includes(s) ? undefined : STATUS[s].color}
                    loading={change.isPending && change.variables?.patch.status === s}
                    disabled={!possibleNow(s, a.start)}
                    onClick={() =>
                      NEEDS_REASON.includes(s)
                        ? setMode({ kind: 'status', status: s })
                        : send({ status: s }, STATUS[s].label)
                    }
                  >
                    <span aria-hidden="true">{STATUS[s].icon}&nbsp;</span>
                    {NEEDS_REASON.includes(s) ? `${STATUS[s].label}…` : STATUS[s].label}
                  </Button>
                ))}
              </Group>
              {waiting.length > 0 && (
                <Text size="xs" c="dimmed" mt={6}>
                  {waiting.map((s) => `${STATUS[s].label} ${notYet(s)}`).join('; ')}.
                </Text>
              )}
            </div>
          )}
          {mode.kind === 'details' && !('remark' in a) && <ErrorAlert error={change.error} />}
          <Group justify="flex-end" gap="sm">
            {write && MOVABLE.includes(a.status) && (
              <Button variant="default" onClick={() => setMode({ kind: 'move' })}>
                Reschedule…
              </Button>
            )}
            {can('write:note:own') && <WriteNote appointment={a} zone={zone} />}
            <Button onClick={onClose}>Close</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
