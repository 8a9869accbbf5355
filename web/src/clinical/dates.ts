/** The calendar date (YYYY-MM-DD) of a moment in `timeZone` (the practice's). */
export function dateIn(moment: Date | string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(typeof moment === 'string' ? new Date(moment) : moment);
}

/** Today in the practice's zone: dates of service, resolutions and onsets cannot be later. */
export const todayIn = (timeZone: string | undefined) => dateIn(new Date(), timeZone);
