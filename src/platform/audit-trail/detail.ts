/**
 * The detail object is for ids, codes, counts and flags — never names, notes or other free
 * text. The shape is enforced here so that a careless caller fails loudly in development
 * instead of copying PHI into a table that is kept for six years.
 */
export type AuditDetail = Record<string, string | number | boolean | null>;

const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/;
// Identifier-like: no spaces, so sentences and most names cannot pass.
const VALUE = /^[A-Za-z0-9_.:@/+=-]{0,128}$/;
const MAX_KEYS = 16;

export function checkAuditDetail(detail: AuditDetail): string {
  const entries = Object.entries(detail);
  if (entries.length > MAX_KEYS) throw new TypeError(`audit detail has more than ${MAX_KEYS} keys`);
  for (const [key, value] of entries) {
    if (!KEY.test(key)) throw new TypeError(`audit detail key "${key}" is not an identifier`);
    const ok =
      value === null ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && VALUE.test(value));
    if (!ok) throw new TypeError(`audit detail "${key}" must be an id, code, number or flag`);
  }
  return JSON.stringify(detail);
}
