import type { Temporal } from 'temporal-polyfill';

/** A half-open span of time [start, end), in epoch milliseconds for cheap comparison. */
export interface Span {
  start: number;
  end: number;
}

export const spanOf = (start: Temporal.Instant, end: Temporal.Instant): Span => ({
  start: start.epochMilliseconds,
  end: end.epochMilliseconds,
});

/** Sorted, with touching or overlapping spans joined. */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** `from` minus every span of `minus`. */
export function subtract(from: readonly Span[], minus: readonly Span[]): Span[] {
  const cuts = merge(minus);
  const out: Span[] = [];
  for (const base of merge(from)) {
    let cursor = base.start;
    for (const cut of cuts) {
      if (cut.end <= cursor || cut.start >= base.end) continue;
      if (cut.start > cursor) out.push({ start: cursor, end: cut.start });
      cursor = Math.max(cursor, cut.end);
    }
    if (cursor < base.end) out.push({ start: cursor, end: base.end });
  }
  return out;
}

export const clip = (spans: readonly Span[], window: Span): Span[] =>
  spans
    .map((s) => ({ start: Math.max(s.start, window.start), end: Math.min(s.end, window.end) }))
    .filter((s) => s.end > s.start);

/** Whether `inner` lies wholly inside one of `spans`. */
export const within = (inner: Span, spans: readonly Span[]): boolean =>
  merge(spans).some((s) => s.start <= inner.start && inner.end <= s.end);
