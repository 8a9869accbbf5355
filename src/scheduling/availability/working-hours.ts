import { Temporal, instantAt, plainTime } from '../time.ts';
import { clip, spanOf, type Span } from './intervals.ts';

/** One weekly block of working hours: local times in the practice's zone. */
export interface HoursBlock {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM`. */
  start: string;
  end: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

const inEffect = (block: HoursBlock, date: Temporal.PlainDate): boolean => {
  const day = date.toString();
  return (
    (block.effectiveFrom === null || block.effectiveFrom <= day) &&
    (block.effectiveTo === null || day <= block.effectiveTo)
  );
};

/**
 * The working hours that fall in `window`, as instants. Each local day is converted on its own,
 * so 9:00–17:00 is 9:00–17:00 on the wall clock on both sides of a daylight-saving change (and
 * seven or nine hours long on the night the clocks move inside it).
 */
export function workingSpans(
  blocks: readonly HoursBlock[],
  zone: string,
  window: { from: Temporal.Instant; to: Temporal.Instant },
): Span[] {
  let day = window.from.toZonedDateTimeISO(zone).toPlainDate();
  const last = window.to.toZonedDateTimeISO(zone).toPlainDate();
  const spans: Span[] = [];
  for (; Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) {
    for (const block of blocks) {
      if (block.weekday !== day.dayOfWeek || !inEffect(block, day)) continue;
      const start = instantAt(day.toPlainDateTime(plainTime(block.start)), zone);
      const end = instantAt(day.toPlainDateTime(plainTime(block.end)), zone);
      spans.push(spanOf(start, end));
    }
  }
  return clip(spans, spanOf(window.from, window.to));
}

/** Blocks of one weekday that overlap while both are in effect (the database refuses them too). */
export function overlappingBlocks(blocks: readonly HoursBlock[]): boolean {
  return blocks.some((a, i) =>
    blocks.some(
      (b, j) =>
        j > i &&
        a.weekday === b.weekday &&
        a.start < b.end &&
        b.start < a.end &&
        (a.effectiveTo === null || b.effectiveFrom === null || b.effectiveFrom <= a.effectiveTo) &&
        (b.effectiveTo === null || a.effectiveFrom === null || a.effectiveFrom <= b.effectiveTo),
    ),
  );
}
