import { useSearchParams } from 'react-router';
import { Temporal } from 'temporal-polyfill';
import { todayIn } from '../../scheduling/time.ts';
import type { ViewName } from './ScheduleView.tsx';

const VIEWS: readonly ViewName[] = ['day', 'week', 'month'];

/** A date one step before or after `date` in `view` (a day, a week, a month). */
export function step(view: ViewName, date: string, by: 1 | -1): string {
  const d = Temporal.PlainDate.from(date);
  if (view === 'day') return d.add({ days: by }).toString();
  if (view === 'week') return d.add({ weeks: by }).toString();
  return d.with({ day: 1 }).add({ months: by }).toString();
}

export const STEP_WORDS: Record<ViewName, string> = { day: 'day', week: 'week', month: 'month' };

/**
 * Where the calendar is — view, date, whose — kept in the address (?view=week&date=…&who=…),
 * so a reload, the back button and a shared link come back to the same place.
 */
export function useCalendarPlace(zone: string, defaultWho: string) {
  const [params, setParams] = useSearchParams();
  const rawView = params.get('view') as ViewName | null;
  // A phone shows one day at a time; a wider screen starts on the week.
  const narrow = window.matchMedia('(max-width: 40em)').matches;
  const view: ViewName = rawView && VIEWS.includes(rawView) ? rawView : narrow ? 'day' : 'week';
  const rawDate = params.get('date');
  const date = rawDate && /^\d{4}-\d{2}-\d{2}$/.test(rawDate) ? rawDate : todayIn(zone);
  const who = params.get('who') ?? defaultWho;
  const go = (change: { view?: ViewName; date?: string; who?: string }) =>
    setParams(
      (old) => {
        const next = new URLSearchParams(old);
        for (const [k, v] of Object.entries(change)) if (v !== undefined) next.set(k, v);
        return next;
      },
      { replace: true },
    );
  return { view, date, who, go };
}
