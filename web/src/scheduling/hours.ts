import type { HoursBlock } from './types.ts';

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];

/** A block as edited: times, and the dates it applies between (kept as they were). */
export type DraftBlock = HoursBlock & { key: number };

let nextKey = 1;
export const draft = (b: HoursBlock): DraftBlock => ({ ...b, key: nextKey++ });

const mins = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A new block for a day: 9:00–17:00, or the afternoon after the day's last block. */
export function newBlock(weekday: number, existing: readonly DraftBlock[]): DraftBlock {
  const last = existing
    .filter((b) => b.weekday === weekday)
    .reduce((max, b) => Math.max(max, mins(b.end)), -1);
  const start = last < 0 ? 9 * 60 : Math.min(last + 60, 22 * 60);
  const end = last < 0 ? 17 * 60 : Math.min(start + 4 * 60, 23 * 60 + 45);
  return draft({
    weekday,
    start: hhmm(start),
    end: hhmm(end),
    effectiveFrom: null,
    effectiveTo: null,
  });
}

export interface BlockProblem {
  /** The field it is shown under. */
  on: 'start' | 'end';
  message: string;
}

/** Problems to fix before saving, by block key: an end before its start, blocks that overlap. */
export function checkBlocks(blocks: readonly DraftBlock[]): Map<number, BlockProblem> {
  const problems = new Map<number, BlockProblem>();
  for (const b of blocks) {
    if (!/^\d{2}:\d{2}$/.test(b.start))
      problems.set(b.key, { on: 'start', message: 'Enter the start.' });
    else if (!/^\d{2}:\d{2}$/.test(b.end))
      problems.set(b.key, { on: 'end', message: 'Enter the end.' });
    else if (mins(b.end) <= mins(b.start))
      problems.set(b.key, { on: 'end', message: 'The end must be after the start.' });
  }
  for (let day = 1; day <= 7; day++) {
    const sameDay = blocks
      .filter((b) => b.weekday === day && !problems.has(b.key))
      .sort((x, y) => mins(x.start) - mins(y.start));
    for (let i = 1; i < sameDay.length; i++) {
      const prev = sameDay[i - 1]!;
      const cur = sameDay[i]!;
      const sameDates =
        prev.effectiveFrom === cur.effectiveFrom && prev.effectiveTo === cur.effectiveTo;
      if (sameDates && mins(cur.start) < mins(prev.end))
        problems.set(cur.key, { on: 'start', message: `This overlaps ${prev.start}–${prev.end}.` });
    }
  }
  return problems;
}
