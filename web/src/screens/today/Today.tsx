import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { AlertList } from '../alerts/AlertList.tsx';
import { TodayAppointments } from './appointments/TodayAppointments.tsx';
import { NotesWaiting } from './notes/NotesWaiting.tsx';
import { DigestCards } from './digest/DigestCards.tsx';
import { useAlerts } from '../alerts/alerts.ts';

const greeting = (hour: number) =>
  hour < 12 ? 'Good morning' : hour < 18 ? 'Good afternoon' : 'Good evening';

function hourIn(timeZone: string | undefined): number {
  const h = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date());
  return Number(h);
}

/** Today: what waits for me in counts, then alerts (admins), my appointments, notes waiting. */
export function Today() {
  const { me, can } = useSession();
  const timeZone = useTimeZone();
  const firstName = me.user.name.split(/\s+/)[0] ?? me.user.name;
  const date = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'full',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date());
  return (
    <>
      <PageHeader
        title="Today"
        subtitle={`${greeting(hourIn(timeZone))}, ${firstName}. ${date}.`}
      />
      <div className="page-stack">
        <DigestCards />
        {can('read:alert:any') && <AlertsSection />}
        {can('read:schedule:any') && <TodayAppointments />}
        {can('read:note:own') && <NotesWaiting />}
        {can('read:client:own') && !can('read:client:any') && (
          <Text size="sm" c="dimmed">
            Looking for someone?{' '}
            <Anchor component={Link} to="/clients">
              Search your clients
            </Anchor>
            .
          </Text>
        )}
      </div>
    </>
  );
}

function AlertsSection() {
  const alerts = useAlerts(true);
  return (
    <Section
      title="Security alerts"
      description="Open alerts for the privacy officer to review."
      actions={
        <Anchor component={Link} to="/admin/alerts" size="sm">
          All alerts
        </Anchor>
      }
    >
      {alerts.isPending ? (
        <Loading />
      ) : alerts.isError ? (
        <QueryError error={alerts.error} refetch={alerts.refetch} />
      ) : alerts.data.items.length === 0 ? (
        <EmptyState>No open alerts. All clear.</EmptyState>
      ) : (
        <AlertList alerts={alerts.data.items} />
      )}
    </Section>
  );
}
