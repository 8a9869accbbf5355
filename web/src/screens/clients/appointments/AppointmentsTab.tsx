import { Button, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { useClinicians } from '../../../scheduling/api.ts';
import { AppointmentDialog } from '../../../scheduling/AppointmentDialog.tsx';
import { BookingDialog, type BookingStart } from '../../../scheduling/BookingDialog.tsx';
import { seriesHint } from '../../../scheduling/move.ts';
import { bookingNotice, type Notice } from '../../../scheduling/notice.ts';
import { NoticeBar } from '../../../scheduling/NoticeBar.tsx';
import { todayIn } from '../../../scheduling/time.ts';
import type { Appointment } from '../../../scheduling/types.ts';
import { clientName } from '../../../ui/format.ts';
import type { ClientTabProps } from '../tabs.ts';
import { AppointmentWindow } from './AppointmentWindow.tsx';

const CLINICAL = new Set(['admin', 'supervisor', 'associate']);

/** A client's sessions: the coming ones, the past ones, and a way to book the next. */
export function AppointmentsTab({ client }: ClientTabProps) {
  const { me, can } = useSession();
  const zone = useTimeZone() ?? me.practice.timeZone;
  const clinicians = useClinicians();
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [open, setOpen] = useState<{ appointment: Appointment; all: Appointment[] } | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const names = new Map((clinicians.data ?? []).map((c) => [c.id, c.name]));
  // One moment for the whole visit: the windows' query keys must not change on every render.
  const [now] = useState(() => new Date().toISOString());
  const book = () => {
    setNotice(null);
    setBooking({
      time: { date: todayIn(zone), time: '09:00', minutes: 50 },
      // The booking clinician themselves, else the client's first clinician.
      clinicianId: CLINICAL.has(me.user.role) ? me.user.id : (client.clinicianIds[0] ?? null),
      client: { id: client.id, name: clientName(client) },
    });
  };
  const openOne = (appointment: Appointment, all: Appointment[]) => {
    setNotice(null);
    setOpen({ appointment, all });
  };
  return (
    <Stack gap="md">
      {can('write:schedule:any') && (
        <Group justify="flex-end">
          <Button onClick={book}>Book appointment</Button>
        </Group>
      )}
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      <AppointmentWindow
        title="Upcoming"
        clientId={client.id}
        zone={zone}
        anchor={now}
        direction={1}
        names={names}
        onOpen={openOne}
      />
      <AppointmentWindow
        title="Past"
        clientId={client.id}
        zone={zone}
        anchor={now}
        direction={-1}
        names={names}
        onOpen={openOne}
      />
      {booking && (
        <BookingDialog
          start={booking}
          zone={zone}
          fixedClient
          onClose={() => setBooking(null)}
          onBooked={(created) => {
            setBooking(null);
            setNotice(bookingNotice(created));
          }}
        />
      )}
      {open && (
        <AppointmentDialog
          appointment={open.appointment}
          zone={zone}
          hint={seriesHint(open.all, open.appointment)}
          onClose={() => setOpen(null)}
          onDone={(n) => {
            setOpen(null);
            setNotice(n);
          }}
        />
      )}
    </Stack>
  );
}
