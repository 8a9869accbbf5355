/**
 * ICD-10-CM codes as stored (without the dot, `F411`) and as shown (`F41.1`), and the fiscal
 * years code sets belong to. The second character may be a letter (`QA0…`, `I1A0`): never
 * check codes with `^[A-Z][0-9]`.
 */
export const STORED_CODE = /^[A-Z][0-9A-Z]{2,6}$/;

/** `F411` → `F41.1`; three-character categories have no dot. */
export function displayCode(stored: string): string {
  return stored.length > 3 ? `${stored.slice(0, 3)}.${stored.slice(3)}` : stored;
}

/**
 * What a user typed (`f41.1`, `F411`, ` F41. `) → the stored form, or null when it cannot be
 * a code or the start of one. The dot, if any, must come after the third character.
 */
export function storedCode(typed: string): string | null {
  const upper = typed.trim().toUpperCase();
  const match = /^([A-Z][0-9A-Z]{2})\.([0-9A-Z]{0,4})$/.exec(upper);
  if (match) return `${match[1]}${match[2]}`;
  return /^[A-Z][0-9A-Z]{0,6}$/.test(upper) ? upper : null;
}

/** Fiscal year N runs from October 1 of N−1 to September 30 of N. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear - 1}-10-01`, to: `${fiscalYear}-09-30` };
}

/** The fiscal year a date (YYYY-MM-DD) falls in. */
export function fiscalYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '10-01' ? year + 1 : year;
}

/** Today's date in UTC, as YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
