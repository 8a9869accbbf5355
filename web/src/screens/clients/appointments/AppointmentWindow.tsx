import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useAppointments } from '../../../scheduling/api.ts';
import { AppointmentRow } from '../../../scheduling/AppointmentRow.tsx';
import type { Appointment } from '../../../scheduling/types.ts';
import { QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';

/** The API answers at most 62 days at a time: a list grows by windows of 60. */
const WINDOW_DAYS = 60;
const DAY = 86_400_000;

function windowOf(anchor: string, direction: 1 | -1, n: number) {
  const a = new Date(anchor).getTime();
  const near = a + direction * n * WINDOW_DAYS * DAY;
  const far = near + direction * WINDOW_DAYS * DAY;
  const [from, to] = direction === 1 ? [near, far] : [far, near];
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function Part({
  clientId,
  zone,
  anchor,
  direction,
  n,
  names,
  onOpen,
}: {
  clientId: string;
  zone: string;
  anchor: string;
  direction: 1 | -1;
  n: number;
  names: Map<string, string>;
  onOpen: (a: Appointment, all: Appointment[]) => void;
}) {
  const list = useAppointments({ ...windowOf(anchor, direction, n), clientId });
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} refetch={list.refetch} />;
  // Upcoming: soonest first. Past: most recent first. A session under way counts as upcoming.
  const items = list.data.filter((a) => (direction === 1 ? a.end > anchor : a.end <= anchor));
  if (direction === -1) items.reverse();
  if (items.length === 0) return null;
  return (
    <ul className="appt-list">
      {items.map((a) => (
        <AppointmentRow
          key={a.id}
          appointment={a}
          zone={zone}
          showDate
          clinician={names.get(a.clinicianId)}
          actions={
            <Button size="xs" variant="default" onClick={() => onOpen(a, list.data)}>
              Details
            </Button>
          }
        />
      ))}
    </ul>
  );
}

/** Upcoming or past sessions of a client, two months at a time, with "Show more". */
export function AppointmentWindow(props: {
  title: string;
  clientId: string;
  zone: string;
  anchor: string;
  direction: 1 | -1;
  names: Map<string, string>;
  onOpen: (a: Appointment, all: Appointment[]) => void;
}) {
  const [windows, setWindows] = useState(1);
  const first = useAppointments({
    ...windowOf(props.anchor, props.direction, 0),
    clientId: props.clientId,
  });
  const firstEmpty =
    first.data !== undefined &&
    !first.data.some((a) => (props.direction === 1 ? a.end > props.anchor : a.end <= props.anchor));
  const span = windows * 2;
  return (
    <Section
      title={props.title}
      description={props.direction === 1 ? `The next ${span} months.` : `The last ${span} months.`}
    >
      {Array.from({ length: windows }, (_, n) => (
        <Part key={n} {...props} n={n} />
      ))}
      {firstEmpty && windows === 1 && (
        <EmptyState>
          {props.direction === 1
            ? 'No sessions booked in the next two months.'
            : 'No sessions in the last two months.'}
        </EmptyState>
      )}
      {windows < 6 ? (
        <Button variant="subtle" size="xs" onClick={() => setWindows(windows + 1)} w="fit-content">
          {props.direction === 1 ? 'Show the two months after' : 'Show the two months before'}
        </Button>
      ) : (
        <Text size="xs" c="dimmed">
          A year shown. Open the calendar for other dates.
        </Text>
      )}
    </Section>
  );
}
