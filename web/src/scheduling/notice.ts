import type { ChangedAppointment, CreatedAppointment } from './types.ts';

/** What a screen says after a booking or a change: done, and a gentle warning if there is one. */
export interface Notice {
  message: string;
  warning?: string;
}

const OUTSIDE =
  'This is outside the clinician’s working hours or in their time off. It is booked all the same.';

/** After a change; the working-hours warning only where the time or clinician changed. */
export function changeNotice(what: string, r: ChangedAppointment, rebooked = false): Notice {
  const n = r.changed;
  return {
    message: `${what}${n > 1 ? ` — ${n} sessions changed` : ''}.`,
    ...(rebooked && r.outsideWorkingHours ? { warning: OUTSIDE } : {}),
  };
}

export function bookingNotice(r: CreatedAppointment): Notice {
  const occurrences = r.series?.occurrences ?? [];
  const outside = occurrences.length
    ? occurrences.filter((o) => o.outsideWorkingHours).length
    : r.outsideWorkingHours
      ? 1
      : 0;
  const booked = occurrences.length > 1 ? `${occurrences.length} sessions booked.` : 'Booked.';
  const recorded = r.status === 'completed' || r.status === 'no_show';
  return {
    message: recorded ? 'Session recorded.' : booked,
    ...(outside > 0
      ? {
          warning:
            occurrences.length > 1
              ? `${outside} of these sessions ${outside === 1 ? 'is' : 'are'} outside the clinician’s working hours or in their time off. They are booked all the same.`
              : OUTSIDE,
        }
      : {}),
  };
}
