/** A moment, as "Mar 4, 2026, 2:05 PM", in `timeZone` (the browser's when undefined). */
export function formatDateTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD, no time zone), as "Mar 4, 1987". */
export function formatDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Whole years between a YYYY-MM-DD birth date and today. */
export function ageOf(date: string, now = new Date()): number | undefined {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return undefined;
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age -= 1;
  return age;
}

export function clientName(c: {
  firstName: string;
  lastName: string;
  preferredName: string | null;
}) {
  return c.preferredName && c.preferredName !== c.firstName
    ? `${c.firstName} “${c.preferredName}” ${c.lastName}`
    : `${c.firstName} ${c.lastName}`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 === 0 ? 0 : 1)} GB`;
  return `${Math.round(n / 1024 ** 2)} MB`;
}
