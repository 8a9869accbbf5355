import { AppError } from '../platform/errors.ts';
import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { displayCode, storedCode, todayUtc } from './code-format.ts';
import { selectCode, searchCodeRows, type CodeRow } from './code-queries.ts';
import { codeSetFor } from './code-sets.ts';
import type { Code, CodeSearchQuery } from './schemas.ts';

export function toCode(row: CodeRow): Code {
  return {
    code: displayCode(row.code),
    billable: row.billable,
    shortDescription: row.short_description,
    description: row.long_description,
  };
}

/**
 * Searches the code set in effect today (or `fiscalYear`'s) by code prefix, with or without the
 * dot (`f41`, `F41.1`), and by word prefixes of the title (`generalized anx`), case- and
 * accent-insensitive. Reference data, the same for every practice: not audited (no PHI).
 */
export async function searchCodes(db: Database, actor: Actor, query: CodeSearchQuery) {
  const text = query.q.trim();
  if (!/[\p{L}\p{N}]/u.test(text)) {
    throw AppError.badRequest(
      'Type part of a code (F41) or of its description (anxiety).',
      'invalid_query',
    );
  }
  const code = storedCode(text);
  return db.withPractice(actor.practiceId, async (tx) => {
    const codeSet = await codeSetFor(tx, { date: todayUtc(), fiscalYear: query.fiscalYear });
    const rows = await searchCodeRows(tx, {
      fiscalYear: codeSet.fiscalYear,
      codePrefix: code,
      // What looks like a code with digits (F41, QA0) is searched as a code only.
      words: code !== null && /\d/.test(code) ? null : text,
      billableOnly: query.billable === true,
      limit: query.limit ?? 20,
    });
    return { items: rows.map(toCode), nextCursor: null, codeSet };
  });
}

/** One code of the set in effect today (or of `fiscalYear`'s); 404 if that set lacks it. */
export async function readCode(
  db: Database,
  actor: Actor,
  typed: string,
  fiscalYear: number | undefined,
) {
  const code = storedCode(typed);
  return db.withPractice(actor.practiceId, async (tx) => {
    const codeSet = await codeSetFor(tx, { date: todayUtc(), fiscalYear });
    const row = code ? await selectCode(tx, codeSet.fiscalYear, code) : undefined;
    if (!row) {
      throw AppError.notFound(
        `There is no code ${typed.toUpperCase()} in the FY${codeSet.fiscalYear} ICD-10-CM code set; check the code or search by words.`,
        'unknown_code',
      );
    }
    return { ...toCode(row), codeSet };
  });
}
