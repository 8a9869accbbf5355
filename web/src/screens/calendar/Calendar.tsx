import { Button, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { useAppointments, useChangeAppointment, useClinicians } from '../../scheduling/api.ts';
import { AppointmentDialog } from '../../scheduling/AppointmentDialog.tsx';
import { useHours, useTimeOff } from '../../scheduling/availability-api.ts';
import { BookingDialog, type BookingStart } from '../../scheduling/BookingDialog.tsx';
import { MoveDialog, type PendingMove } from '../../scheduling/MoveDialog.tsx';
import { movePatch, seriesHint } from '../../scheduling/move.ts';
import { bookingNotice, changeNotice, type Notice } from '../../scheduling/notice.ts';
import { NoticeBar } from '../../scheduling/NoticeBar.tsx';
import { localParts, minutesBetween, todayIn } from '../../scheduling/time.ts';
import type { Appointment } from '../../scheduling/types.ts';
import type { TimeValue } from '../../scheduling/TimeFields.tsx';
import { ErrorAlert, QueryError } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { CalendarToolbar } from './CalendarToolbar.tsx';
import { ClinicianLegend } from './ClinicianLegend.tsx';
import { timeOffEvents, toEvents, visibleHours } from './events.ts';
import { step, useCalendarPlace } from './place.ts';
import { ScheduleView, type Moved } from './ScheduleView.tsx';
import { WorkingHoursDialog } from './WorkingHoursDialog.tsx';

const CLINICAL = new Set(['admin', 'supervisor', 'associate']);
const DEFAULT_MINUTES = 50;

/**
 * When a new booking starts: the slot clicked (a dragged range sets the length), a day of the
 * month view at 9:00, or from the button the next quarter hour today (9:00 on another day).
 */
function bookingTime(
  slot: { start: string; end: string; allDay: boolean } | undefined,
  shownDate: string,
  zone: string,
): TimeValue {
  if (slot && !slot.allDay) {
    const selected = minutesBetween(slot.start, slot.end);
    return { ...localParts(slot.start, zone), minutes: selected > 30 ? selected : DEFAULT_MINUTES };
  }
  const date = slot ? localParts(slot.start, zone).date : shownDate;
  const now = localParts(new Date().toISOString(), zone);
  if (date !== now.date) return { date, time: '09:00', minutes: DEFAULT_MINUTES };
  const [h = 0, m = 0] = now.time.split(':').map(Number);
  const next = Math.min(Math.ceil((h * 60 + m + 5) / 15) * 15, 23 * 60 + 45);
  const time = `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
  return { date, time, minutes: DEFAULT_MINUTES };
}

/** The practice's calendar: a clinician's or everyone's day, week or month. */
export function Calendar() {
  const { me, can } = useSession();
  const zone = useTimeZone() ?? me.practice.timeZone;
  const write = can('write:schedule:any');
  const clinicians = useClinicians();
  const all = useMemo(() => clinicians.data ?? [], [clinicians.data]);
  // A clinician starts on their own calendar; everyone else on the whole practice.
  const mine = CLINICAL.has(me.user.role) ? me.user.id : 'all';
  const place = useCalendarPlace(zone, mine);
  const who =
    place.who === 'all' || all.some((c) => c.id === place.who) || !clinicians.data
      ? place.who
      : 'all';
  const clinicianId = who === 'all' ? undefined : who;
  const [range, setRange] = useState({ from: '', to: '', title: '' });
  const appointments = useAppointments({ from: range.from, to: range.to, clinicianId });
  const hours = useHours(clinicianId);
  const timeOff = useTimeOff(clinicianId, { from: range.from, to: range.to });
  const change = useChangeAppointment();
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [pendingMove, setPendingMove] = useState<(PendingMove & { revert: () => void }) | null>(
    null,
  );
  const [moveError, setMoveError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [hoursOpen, setHoursOpen] = useState(false);

  const items = useMemo(() => appointments.data ?? [], [appointments.data]);
  const blocks = hours.data?.blocks ?? [];
  // The same array until the data changes: FullCalendar re-syncs its events on a new one.
  const events = useMemo(
    () => [
      ...toEvents(items, { clinicians: all, everyone: who === 'all', write }),
      ...timeOffEvents(timeOff.data ?? []),
    ],
    [items, all, who, write, timeOff.data],
  );
  const business = clinicianId
    ? blocks.map((b) => ({ daysOfWeek: [b.weekday % 7], startTime: b.start, endTime: b.end }))
    : false;
  const defaultClinician = clinicianId ?? (mine === 'all' ? null : mine);

  const startBooking = (slot?: {
    start: string;
    end: string;
    allDay: boolean;
    clinicianId?: string;
  }) => {
    setNotice(null);
    setBooking({
      time: bookingTime(slot, place.date, zone),
      clinicianId: slot?.clinicianId ?? defaultClinician,
    });
  };

  const onMove = (m: Moved) => {
    setMoveError(null);
    setNotice(null);
    if (m.appointment.seriesId) {
      setPendingMove({ ...m, hint: seriesHint(items, m.appointment) });
      return;
    }
    change.mutate(
      { id: m.appointment.id, patch: { start: m.start, end: m.end } },
      {
        onSuccess: (r) => setNotice(changeNotice('Moved', r, true)),
        onError: (err) => {
          m.revert();
          setMoveError(err);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Calendar"
        subtitle={`Times are in the practice’s time zone (${zone}).`}
        actions={
          <>
            {clinicianId && can('write:availability:any') && (
              <Button variant="default" onClick={() => setHoursOpen(true)}>
                Working hours…
              </Button>
            )}
            {write && <Button onClick={() => startBooking()}>New appointment</Button>}
          </>
        }
      />
      <CalendarToolbar
        view={place.view}
        title={range.title}
        who={who}
        clinicians={all}
        busy={appointments.isFetching}
        onToday={() => place.go({ date: todayIn(zone) })}
        onStep={(by) => place.go({ date: step(place.view, place.date, by) })}
        onView={(view) => place.go({ view })}
        onWho={(w) => place.go({ who: w })}
      />
      {who === 'all' && <ClinicianLegend clinicians={all} />}
      {!can('read:client:any') && who === 'all' && (
        <Text size="sm" c="dimmed" mb="xs">
          You see your own sessions and those of clients in your care.
        </Text>
      )}
      <NoticeBar notice={notice} onDismiss={() => setNotice(null)} />
      {moveError !== null && <ErrorAlert error={moveError} title="The session was not moved" />}
      {appointments.isError && (
        <QueryError error={appointments.error} refetch={appointments.refetch} />
      )}
      <ScheduleView
        view={place.view}
        date={place.date}
        zone={zone}
        events={events}
        clinicians={who === 'all' ? all : undefined}
        businessHours={business}
        hours={visibleHours(items, blocks, zone)}
        write={write}
        onRange={(r) =>
          setRange((old) =>
            old.from === r.from && old.to === r.to && old.title === r.title ? old : r,
          )
        }
        onSelect={startBooking}
        onOpen={(a) => {
          setNotice(null);
          setOpen(a);
        }}
        onMove={onMove}
      />
      {booking && (
        <BookingDialog
          start={booking}
          zone={zone}
          onClose={() => setBooking(null)}
          onBooked={(created) => {
            setBooking(null);
            setNotice(bookingNotice(created));
          }}
        />
      )}
      {open && (
        <AppointmentDialog
          appointment={open}
          zone={zone}
          hint={seriesHint(items, open)}
          onClose={() => setOpen(null)}
          onDone={(n) => {
            setOpen(null);
            setNotice(n);
          }}
        />
      )}
      {pendingMove && (
        <MoveDialog
          move={pendingMove}
          zone={zone}
          pending={change.isPending}
          error={change.error}
          onCancel={() => {
            pendingMove.revert();
            change.reset();
            setPendingMove(null);
          }}
          onMove={(scope, repeat) =>
            change.mutate(
              {
                id: pendingMove.appointment.id,
                patch: movePatch({ ...pendingMove, scope, repeat, zone }),
              },
              {
                onSuccess: (r) => {
                  setPendingMove(null);
                  setNotice(changeNotice('Moved', r, true));
                },
              },
            )
          }
        />
      )}
      {hoursOpen && clinicianId && (
        <WorkingHoursDialog
          clinician={
            all.find((c) => c.id === clinicianId) ?? { id: clinicianId, name: '', role: '' }
          }
          onClose={() => setHoursOpen(false)}
        />
      )}
    </>
  );
}
