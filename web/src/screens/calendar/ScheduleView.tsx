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

/**
 * FullCalendar, driven from outside: the screen owns the view, the date and the data (range
 * queries through TanStack Query); this shows them in the practice's zone and reports clicks
 * on a slot, opened events and drags.
 */
export function ScheduleView({
  view,
  date,
  zone,
  events,
  clinicians,
  businessHours,
  hours,
  write,
  onRange,
  onSelect,
  onOpen,
  onMove,
}: {
  view: ViewName;
  date: string;
  zone: string;
  events: EventInput[];
  /** The practice view names each session's clinician. */
  clinicians?: readonly Clinician[] | undefined;
  businessHours: BusinessHoursInput;
  hours: { min: string; max: string };
  write: boolean;
  onRange: (range: { from: string; to: string; title: string }) => void;
  onSelect: (slot: { start: string; end: string; allDay: boolean }) => void;
  onOpen: (appointment: Appointment) => void;
  onMove: (moved: Moved) => void;
}) {
  const ref = useRef<CalendarRef>(null);
  useEffect(() => {
    const api = ref.current?.getApi();
    if (!api) return;
    if (api.view.type !== FC_VIEW[view]) api.changeView(FC_VIEW[view], date);
    else api.gotoDate(date);
  }, [view, date]);
  const names = clinicians ? new Map(clinicians.map((c) => [c.id, c.name])) : undefined;
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
    setTimeout(() => onMove(change), 0);
  };
  return (
    <div className={`schedule schedule-${view}`}>
      <FullCalendar
        ref={ref}
        plugins={PLUGINS}
        initialView={FC_VIEW[view]}
        initialDate={date}
        timeZone={zone}
        headerToolbar={false}
        height="auto"
        allDaySlot={false}
        slotMinTime={hours.min}
        slotMaxTime={hours.max}
        slotDuration="00:30:00"
        slotMinHeight={32}
        views={TITLES}
        snapDuration="00:15:00"
        nowIndicator
        eventTimeFormat={TIME_FORMAT}
        dayMaxEvents={4}
        businessHours={businessHours}
        events={events}
        eventContent={(info) => <EventBody info={info} clinicians={names} />}
        eventClick={(info) => {
          info.jsEvent.preventDefault();
          const a = info.event.extendedProps.appointment as Appointment | undefined;
          if (a) onOpen(a);
        }}
        selectable={write}
        selectMirror
        select={(info: DateSelectInfo) => {
          ref.current?.getApi().unselect();
          onSelect({ start: info.startStr, end: info.endStr, allDay: info.allDay });
        }}
        eventDrop={moved}
        eventResize={moved}
        datesSet={(info) =>
          onRange({ from: info.startStr, to: info.endStr, title: info.view.title })
        }
      />
    </div>
  );
}
