import { Anchor, Button, SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { useAppointments, useChangeAppointment, useClinicians } from '../../../scheduling/api.ts';
import { AppointmentDialog } from '../../../scheduling/AppointmentDialog.tsx';
import { AppointmentRow } from '../../../scheduling/AppointmentRow.tsx';
import { changeNotice, type Notice } from '../../../scheduling/notice.ts';
import { NoticeBar } from '../../../scheduling/NoticeBar.tsx';
import { seriesHint } from '../../../scheduling/move.ts';
import { possibleNow, STATUS, TRANSITIONS } from '../../../scheduling/status.ts';
import { daysRange, todayIn } from '../../../scheduling/time.ts';
import type { Appointment, AppointmentStatus } from '../../../scheduling/types.ts';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';

const CLINICAL = new Set(['admin', 'supervisor', 'associate']);
const QUICK: AppointmentStatus[] = ['arrived', 'completed'];

/**
 * Today's sessions in order: a clinician's own, the whole practice for the front desk and
 * billing (and for admins who ask). Arrived and Completed are one click; the rest is behind
 * "Details".
 */
export function TodayAppointments() {
  const { me, can } = useSession();
  const zone = useTimeZone() ?? me.practice.timeZone;
  const clinical = CLINICAL.has(me.user.role);
  const [scope, setScope] = useState<'mine' | 'all'>(clinical ? 'mine' : 'all');
  const write = can('write:schedule:any');
  const { from, to } = daysRange(todayIn(zone), 1, zone);
  const list = useAppointments({
    from,
    to,
    clinicianId: scope === 'mine' ? me.user.id : undefined,
  });
  const clinicians = useClinicians();
  const change = useChangeAppointment();
  const [open, setOpen] = useState<Appointment | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const names = new Map((clinicians.data ?? []).map((c) => [c.id, c.name]));
  const quick = (a: Appointment) =>
    QUICK.filter((s) => TRANSITIONS[a.status].includes(s) && possibleNow(s, a.start)).map((s) => (
      <Button
        key={s}
        size="xs"
        variant="light"
        color={STATUS[s].color}
        loading={
          change.isPending && change.variables?.id === a.id && change.variables.patch.status === s
        }
        onClick={() =>
          change.mutate(
            { id: a.id, patch: { status: s } },
            {
              onSuccess: (r) =>
                setNotice(changeNotice(`${STATUS[s].label}: ${r.client.firstName}`, r)),
            },
          )
        }
        aria-label={`${STATUS[s].label}: ${a.client.firstName} ${a.client.lastName}`}
      >
        {STATUS[s].label}
      </Button>
    ));
  return (
    <Section
      title={scope === 'mine' ? 'My appointments' : 'Today’s appointments'}
      description={
        scope === 'mine' ? 'Your sessions for today.' : 'Every session in the practice today.'
      }
      actions={
        clinical && can('read:client:any') ? (
          <SegmentedControl
            size="xs"
            aria-label="Whose sessions"
            data={[
              { value: 'mine', label: 'Mine' },
              { value: 'all', label: 'Everyone' },
            ]}
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'all')}
          />
        ) : (
          <Anchor component={Link} to="/calendar" size="sm">
            Calendar
          </Anchor>
        )
      }
    >
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      <ErrorAlert error={change.error} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} refetch={list.refetch} />
      ) : list.data.length === 0 ? (
        <EmptyState>
          {scope === 'mine' ? 'No sessions for you today.' : 'No sessions today.'}
        </EmptyState>
      ) : (
        <ul className="appt-list" aria-label="Today’s sessions">
          {list.data.map((a) => (
            <AppointmentRow
              key={a.id}
              appointment={a}
              zone={zone}
              linkClient={can('read:client:own') || can('read:client:any')}
              clinician={scope === 'all' ? names.get(a.clinicianId) : undefined}
              actions={
                <>
                  {write && quick(a)}
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      change.reset();
                      setOpen(a);
                    }}
                    aria-label={`Details: ${a.client.firstName} ${a.client.lastName}`}
                  >
                    Details
                  </Button>
                </>
              }
            />
          ))}
        </ul>
      )}
      {open && (
        <AppointmentDialog
          appointment={open}
          zone={zone}
          hint={seriesHint(list.data ?? [], open)}
          onClose={() => setOpen(null)}
          onDone={(n) => {
            setOpen(null);
            setNotice(n);
          }}
        />
      )}
    </Section>
  );
}
