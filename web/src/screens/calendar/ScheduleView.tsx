import FullCalendar, {
  type BusinessHoursInput,
  type CalendarRef,
  type DateSelectInfo,
  type EventChangeInfo,
  type EventDisplayInfo,
  type EventInput,
} from '@fullcalendar/react';
import dayGridPlugin from '@fullcalendar/react/daygrid';
import interactionPlugin from '@fullcalendar/react/interaction';
import classicTheme from '@fullcalendar/react/themes/classic';
import timeGridPlugin from '@fullcalendar/react/timegrid';
// FullCalendar 7 ships its CSS as files (no <style> injected at run time): bundled as an
// ordinary stylesheet, allowed by the CSP's style-src 'self'.
import '@fullcalendar/react/skeleton.css';
import '@fullcalendar/react/themes/classic/theme.css';
import '@fullcalendar/react/themes/classic/palette.css';
import './calendar.css';
import { useEffect, useRef } from 'react';
import { STATUS } from '../../scheduling/status.ts';
import type { Appointment, Clinician } from '../../scheduling/types.ts';

export type ViewName = 'day' | 'week' | 'month';

const FC_VIEW: Record<ViewName, string> = {
  day: 'timeGridDay',
  week: 'timeGridWeek',
  month: 'dayGridMonth',
};

export interface Moved {
  appointment: Appointment;
  start: string;
  end: string;
  revert: () => void;
}

// "Dec 6 – 12, 2026" for a week, the whole date for a day (the default is the month alone).
const TITLES = {
  timeGridWeek: { titleFormat: { month: 'short', day: 'numeric', year: 'numeric' } },
  timeGridDay: {
    titleFormat: { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' },
  },
} as const;

// "4:00 – 4:50 PM": the meridiem once, as people write it.
const TIME_FORMAT = { hour: 'numeric', minute: '2-digit' } as const;

const PLUGINS = [classicTheme, dayGridPlugin, timeGridPlugin, interactionPlugin];

function EventBody({
  info,
  clinicians,
}: {
  info: EventDisplayInfo;
  clinicians?: Map<string, string>;
}) {
  const a = info.event.extendedProps.appointment as Appointment | undefined;
  if (!a) return <span className="appt-line">{info.event.title}</span>;
  const s = STATUS[a.status];
  const who = clinicians?.get(a.clinicianId);
  return (
    <div className="appt-body">
      <span className="appt-line appt-time">{info.timeText}</span>{' '}
      <span className="appt-line appt-client">{info.event.title}</span>{' '}
      <span className="appt-line appt-status">
        <span aria-hidden="true">{s.icon} </span>
        {s.label}
        {a.kind === 'telehealth' && <span className="appt-kind"> · Telehealth</span>}
      </span>
      {who && (
        <>
          {' '}
          <span className="appt-line appt-clinician">{who}</span>
        </>
      )}
    </div>
  );
}

interface PaneProps {
  view: ViewName;
  date: string;
  zone: string;
  events: EventInput[];
  names?: Map<string, string> | undefined;
  businessHours: BusinessHoursInput;
  hours: { min: string; max: string };
  write: boolean;
  /** A column of the practice's day: its clinician's name heads it instead of the date. */
  heading?: string;
  onRange?: ((range: { from: string; to: string; title: string }) => void) | undefined;
  onSelect: (slot: { start: string; end: string; allDay: boolean }) => void;
  onOpen: (appointment: Appointment) => void;
  onMove: (moved: Moved) => void;
}

/** One FullCalendar: the screen owns the view, the date and the data. */
function Pane(p: PaneProps) {
  const { view, date } = p;
  const ref = useRef<CalendarRef>(null);
  useEffect(() => {
    const api = ref.current?.getApi();
    if (!api) return;
    if (api.view.type !== FC_VIEW[view]) api.changeView(FC_VIEW[view], date);
    else api.gotoDate(date);
  }, [view, date]);
  const moved = (info: EventChangeInfo) => {
    const appointment = info.event.extendedProps.appointment as Appointment;
    const change = {
      appointment,
      start: info.event.startStr,
      end: info.event.endStr,
      revert: info.revert,
    };
    // After FullCalendar has finished its drop: a re-render inside the callback left the
    // session hidden (still "being dragged") under the dialog that asks what to move.
    setTimeout(() => p.onMove(change), 0);
  };
  return (
    <FullCalendar
      ref={ref}
      plugins={PLUGINS}
      initialView={FC_VIEW[view]}
      initialDate={date}
      timeZone={p.zone}
      headerToolbar={false}
      height="auto"
      allDaySlot={false}
      slotMinTime={p.hours.min}
      slotMaxTime={p.hours.max}
      slotDuration="00:30:00"
      slotMinHeight={32}
      views={TITLES}
      snapDuration="00:15:00"
      nowIndicator
      eventTimeFormat={TIME_FORMAT}
      dayMaxEvents={4}
      businessHours={p.businessHours}
      events={p.events}
      {...(p.heading !== undefined ? { dayHeaderContent: () => p.heading } : {})}
      eventContent={(info) => <EventBody info={info} clinicians={p.names} />}
      eventClick={(info) => {
        info.jsEvent.preventDefault();
        const a = info.event.extendedProps.appointment as Appointment | undefined;
        if (a) p.onOpen(a);
      }}
      selectable={p.write}
      selectMirror
      select={(info: DateSelectInfo) => {
        ref.current?.getApi().unselect();
        p.onSelect({ start: info.startStr, end: info.endStr, allDay: info.allDay });
      }}
      eventDrop={moved}
      eventResize={moved}
      datesSet={(info) =>
        p.onRange?.({ from: info.startStr, to: info.endStr, title: info.view.title })
      }
    />
  );
}

const clinicianOf = (e: EventInput) =>
  (e.extendedProps?.appointment as Appointment | undefined)?.clinicianId;

/**
 * FullCalendar, driven from outside: the screen owns the view, the date and the data (range
 * queries through TanStack Query); this shows them in the practice's zone and reports clicks
 * on a slot, opened events and drags. The practice's day has a column per clinician (one
 * calendar each, side by side; a phone scrolls them sideways inside the frame); a slot clicked
 * in a column books with that clinician.
 */
export function ScheduleView({
  clinicians,
  events,
  onSelect,
  ...rest
}: Omit<PaneProps, 'names' | 'heading' | 'onSelect'> & {
  /** The practice view names each session's clinician. */
  clinicians?: readonly Clinician[] | undefined;
  onSelect: (slot: { start: string; end: string; allDay: boolean; clinicianId?: string }) => void;
}) {
  const names = clinicians ? new Map(clinicians.map((c) => [c.id, c.name])) : undefined;
  if (rest.view === 'day' && clinicians && clinicians.length > 0) {
    return (
      <div className="schedule schedule-day schedule-columns" role="group" aria-label="Clinicians">
        {clinicians.map((c, i) => (
          <div key={c.id} className="schedule-column">
            <Pane
              {...rest}
              onRange={i === 0 ? rest.onRange : undefined}
              heading={c.name}
              events={events.filter((e) => clinicianOf(e) === c.id)}
              onSelect={(slot) => onSelect({ ...slot, clinicianId: c.id })}
            />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className={`schedule schedule-${rest.view}`}>
      <Pane {...rest} names={names} events={events} onSelect={onSelect} />
    </div>
  );
}
