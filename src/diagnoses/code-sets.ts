import { AppError } from '../platform/errors.ts';
import type { Tx } from '../platform/db/database.ts';
import { fiscalYearOf } from './code-format.ts';
import { selectLoadedYears, selectSet, selectSetInEffect, selectStandIn } from './code-queries.ts';

/** Which fiscal year's codes an answer came from, and whether that is the one in effect. */
export interface CodeSetInfo {
  fiscalYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  /** False when the set for the date is not loaded and an older one stood in for it. */
  current: boolean;
  /** The fiscal year the date falls in: what `hearth import-icd10` should load when not current. */
  neededFiscalYear: number;
}

/**
 * The code set for a date of service: the one whose effective range contains it. When that
 * fiscal year has not been imported (each October's release must be loaded by the operator),
 * the newest set already in effect stands in, flagged `current: false` so the UI can say so; refusing
 * every diagnosis until the import would stop clinical work for a billing concern. An explicit
 * `fiscalYear` picks that set (400 if it is not loaded).
 */
export async function codeSetFor(
  tx: Tx,
  options: { date: string; fiscalYear?: number | undefined },
): Promise<CodeSetInfo> {
  const neededFiscalYear = fiscalYearOf(options.date);
  const inEffect = await selectSetInEffect(tx, options.date);
  const chosen =
    options.fiscalYear === undefined
      ? (inEffect ?? (await selectStandIn(tx, options.date)))
      : await selectSet(tx, options.fiscalYear);
  if (!chosen) {
    if (options.fiscalYear === undefined) {
      throw AppError.unavailable(
        'No ICD-10-CM code set is loaded. Ask your administrator to run "hearth migrate".',
        'no_code_set',
      );
    }
    const loaded = await selectLoadedYears(tx);
    throw AppError.badRequest(
      `The FY${options.fiscalYear} ICD-10-CM code set is not loaded (loaded: ${loaded.map((y) => `FY${y}`).join(', ')}). Choose a loaded year or leave fiscalYear out.`,
      'unknown_code_set',
    );
  }
  return {
    fiscalYear: chosen.fiscal_year,
    effectiveFrom: chosen.effective_from,
    effectiveTo: chosen.effective_to,
    current: inEffect?.fiscal_year === chosen.fiscal_year,
    neededFiscalYear,
  };
}
