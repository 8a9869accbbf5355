import type { EventInput } from '@fullcalendar/react';
import { clientName } from '../../ui/format.ts';
import { FREED, MOVABLE } from '../../scheduling/status.ts';
import { localParts } from '../../scheduling/time.ts';
import type { Appointment, AppointmentStatus, Clinician, TimeOff } from '../../scheduling/types.ts';

/** Each status's tint and text (dark on light: 7:1 and more) and the colour of its edge. */
const LOOK: Record<AppointmentStatus, { bg: string; fg: string }> = {
  scheduled: { bg: '#e7f5ff', fg: '#0b3d66' },
  confirmed: { bg: '#e6fcf5', fg: '#07432f' },
  arrived: { bg: '#f3f0ff', fg: '#3b2589' },
  completed: { bg: '#ebfbee', fg: '#1b4d24' },
  cancelled: { bg: '#f1f3f5', fg: '#43494f' },
  late_cancelled: { bg: '#fff4e6', fg: '#7a2e0b' },
  no_show: { bg: '#fff5f5', fg: '#7d1a1a' },
};

/** Clinicians' colours in the practice view: eight, then they repeat (names are always shown). */
export const CLINICIAN_COLOURS = 8;

export const clinicianClass = (index: number) => `clin-${index % CLINICIAN_COLOURS}`;

/**
 * Appointments as calendar events. The status sets the look (class `status-…`: colour, and
 * faded and struck through when the slot was freed); in the practice view the clinician's
 * colour marks the edge, and the name is in the text too. Only scheduled and confirmed
 * sessions can be dragged, and only by people who may change the schedule.
 */
export function toEvents(
  appointments: readonly Appointment[],
  o: { clinicians: readonly Clinician[]; everyone: boolean; write: boolean },
): EventInput[] {
  const index = new Map(o.clinicians.map((c, i) => [c.id, i]));
  return appointments.map((a) => ({
    id: a.id,
    title: clientName(a.client),
    start: a.start,
    end: a.end,
    editable: o.write && MOVABLE.includes(a.status),
    color: LOOK[a.status].bg,
    contrastColor: LOOK[a.status].fg,
    className: [
      'appt',
      `status-${a.status}`,
      FREED.includes(a.status) ? 'appt-freed' : '',
      o.everyone ? clinicianClass(index.get(a.clinicianId) ?? 0) : '',
    ]
      .filter(Boolean)
      .join(' '),
    extendedProps: { appointment: a },
  }));
}

/** Time off as shaded background, with its words for those who cannot see the shade. */
export function timeOffEvents(items: readonly TimeOff[]): EventInput[] {
  return items.map((t) => ({
    id: `off-${t.id}`,
    title: 'Time off',
    start: t.start,
    end: t.end,
    display: 'background',
    className: 'time-off',
  }));
}

/** The first and last hour to draw: the working day, widened to any session outside it. */
export function visibleHours(
  appointments: readonly Appointment[],
  hours: { start: string; end: string }[],
  zone: string,
): { min: string; max: string } {
  let min = 8;
  let max = 19;
  for (const h of hours) {
    min = Math.min(min, Number(h.start.slice(0, 2)));
    max = Math.max(max, Math.ceil(Number(h.end.slice(0, 2)) + Number(h.end.slice(3)) / 60));
  }
  for (const a of appointments) {
    const from = localParts(a.start, zone);
    const to = localParts(a.end, zone);
    const endH = Number(to.time.slice(0, 2));
    const endM = Number(to.time.slice(3));
    const sameDay = from.date === to.date;
    min = Math.min(min, Number(from.time.slice(0, 2)));
    max = Math.max(max, sameDay ? endH + (endM > 0 ? 1 : 0) : 24);
  }
  const hh = (h: number) => `${String(Math.max(0, Math.min(24, h))).padStart(2, '0')}:00:00`;
  return { min: hh(min), max: hh(max) };
}
