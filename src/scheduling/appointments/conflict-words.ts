import type { Conflict } from './conflicts.ts';

// Words a person at the front desk reads: "Alex Morgan already sees a client on Wed, Dec 9,
// 2:00–2:50 PM." — in the practice's zone (the one the appointment was booked in), never an
// ISO stamp or a zone name. en-US like the rest of the server's messages.

/** "2:00" and "PM" of an instant in `zone` (formatToParts: no narrow spaces to strip). */
function clock(at: Date, zone: string): { time: string; period: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    hour: 'numeric',
    minute: '2-digit',
    hour12: true,
    timeZone: zone,
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { time: `${part('hour')}:${part('minute')}`, period: part('dayPeriod') };
}

/** "Wed, Dec 9, 2:00–2:50 PM" (the meridiem once when both ends share it). */
export function describeSpan(start: Date, end: Date, zone: string): string {
  const day = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: zone,
  }).format(start);
  const a = clock(start, zone);
  const b = clock(end, zone);
  const from = a.period === b.period ? a.time : `${a.time} ${a.period}`;
  return `${day}, ${from}–${b.time} ${b.period}`;
}

/** One sentence per clinician: "Alex Morgan already sees a client on …, and on …." */
export function describeConflicts(conflicts: readonly Conflict[]): string {
  const byClinician = new Map<string, string[]>();
  for (const c of conflicts) {
    const spans = byClinician.get(c.clinician) ?? [];
    spans.push(describeSpan(c.start_at, c.end_at, c.time_zone));
    byClinician.set(c.clinician, spans);
  }
  return [...byClinician]
    .map(([name, spans]) =>
      spans.length === 1
        ? `${name} already sees a client on ${spans[0]}.`
        : `${name} already sees clients on ${spans.slice(0, -1).join('; ')} and ${spans.at(-1)}.`,
    )
    .join(' ');
}
