/** Characters as the server counts them (Unicode code points, not UTF-16 units). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** The counter shows from this share of the limit on, so that it does not distract before. */
const SHOW_FROM = 0.9;

/**
 * What to say about a field's length: nothing while it is far from its limit, a count near it,
 * and past it that it cannot be saved (the server refuses it whole; nothing is cut).
 */
export function lengthNote(
  text: string,
  max: number | undefined,
): { count: string; over: boolean } | null {
  if (max === undefined || text.length < max * SHOW_FROM) return null;
  const n = charCount(text);
  if (n < max * SHOW_FROM) return null;
  const fmt = (v: number) => v.toLocaleString('en-US');
  return { count: `${fmt(n)} / ${fmt(max)} characters`, over: n > max };
}
