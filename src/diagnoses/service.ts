import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditDetail } from '../platform/audit-trail/detail.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess, type ClientAccess } from '../clients/index.ts';
import { displayCode, storedCode, todayUtc } from './code-format.ts';
import { selectBillableUnder, selectCode } from './code-queries.ts';
import { codeSetFor, type CodeSetInfo } from './code-sets.ts';
import {
  activeCodeExists,
  insertDiagnosis,
  lockClientDiagnoses,
  selectClientDiagnoses,
  selectDiagnosis,
  shiftRanks,
  type DiagnosisRow,
} from './queries.ts';
import type { Diagnosis, NewDiagnosis } from './schemas.ts';

/** A claim carries at most 12 diagnoses (CMS-1500 box 21, 837P HI segment). */
export const MAX_ACTIVE = 12;

export function toDiagnosis(row: DiagnosisRow): Diagnosis {
  return {
    id: row.id,
    clientId: row.client_id,
    code: displayCode(row.code),
    description: row.long_description,
    fiscalYear: row.fiscal_year,
    rank: row.rank,
    status: row.status === 'resolved' ? 'resolved' : 'active',
    onsetDate: row.onset_date,
    resolvedOn: row.resolved_on,
    addedBy: row.added_by,
    addedAt: row.added_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function checkNotFuture(date: string | null | undefined, what: string): void {
  if (date && date > todayUtc()) {
    throw AppError.badRequest(`The ${what} is in the future; check the date.`, 'invalid_date');
  }
}

/** The detail every diagnosis audit row carries: ids and flags, never the code itself. */
export const accessDetail = (access: ClientAccess): AuditDetail =>
  access.breakGlass ? { breakGlass: true } : {};

/** A client's diagnoses, for clinicians and billers (the front desk has no diagnosis access). */
export async function listDiagnoses(
  db: Database,
  actor: Actor,
  clientId: string,
  context: AuditContext,
) {
  return withClientAccess(db, actor, clientId, context, 'diagnosis.read', async (tx, access) => {
    const rows = await selectClientDiagnoses(tx, clientId);
    const codeSet = await codeSetFor(tx, { date: todayUtc() });
    await audit(tx, context, {
      action: 'diagnosis.read',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
      detail: { ...accessDetail(access), count: rows.length },
    });
    return { items: rows.map(toDiagnosis), nextCursor: null, codeSet };
  });
}

/** The billable code `typed` names in the set in effect, or a 400 that says what to choose. */
async function billableCode(tx: Tx, typed: string, codeSet: CodeSetInfo) {
  const code = storedCode(typed);
  const row = code ? await selectCode(tx, codeSet.fiscalYear, code) : undefined;
  const shown = code ? displayCode(code) : typed;
  if (!row) {
    throw AppError.badRequest(
      `${shown} is not in the FY${codeSet.fiscalYear} ICD-10-CM code set; check the code or search by words.`,
      'unknown_code',
    );
  }
  if (!row.billable) {
    const children = await selectBillableUnder(tx, codeSet.fiscalYear, row.code, 3);
    const examples = children.map((c) => `${displayCode(c.code)} ${c.short_description}`);
    throw AppError.badRequest(
      `${shown} is a category; choose a specific code such as ${examples.join(', or ')}.`,
      'not_billable',
    );
  }
  return row;
}

/**
 * Adds a diagnosis from the code set in effect today. Only billable codes; at most one active
 * diagnosis per code; `rank` inserts at that place (1 = primary) and moves the others down,
 * or, without it, the diagnosis goes last.
 */
export async function addDiagnosis(
  db: Database,
  actor: Actor,
  clientId: string,
  input: NewDiagnosis,
  context: AuditContext,
) {
  checkNotFuture(input.onsetDate, 'onset date');
  return withClientAccess(db, actor, clientId, context, 'diagnosis.create', async (tx, access) => {
    const codeSet = await codeSetFor(tx, { date: todayUtc() });
    const code = await billableCode(tx, input.code, codeSet);
    const active = await lockClientDiagnoses(tx, clientId);
    if (await activeCodeExists(tx, clientId, code.code)) {
      throw AppError.conflict(
        `${displayCode(code.code)} is already an active diagnosis of this client; change its rank instead.`,
        'duplicate_diagnosis',
      );
    }
    if (active >= MAX_ACTIVE) {
      throw AppError.conflict(
        `A client can have at most ${MAX_ACTIVE} active diagnoses (a claim carries 12); resolve one first.`,
        'too_many_diagnoses',
      );
    }
    const rank = input.rank ?? active + 1;
    if (rank > active + 1) {
      throw AppError.badRequest(
        `The rank must be from 1 to ${active + 1}: this client has ${active} active diagnoses.`,
        'invalid_rank',
      );
    }
    await shiftRanks(tx, clientId, { from: rank, to: active, by: 1 });
    const id = await insertDiagnosis(tx, {
      client_id: clientId,
      fiscal_year: codeSet.fiscalYear,
      code: code.code,
      rank,
      onset_date: input.onsetDate ?? null,
      added_by: actor.userId,
    });
    await audit(tx, context, {
      action: 'diagnosis.create',
      subjectType: 'diagnosis',
      subjectId: id,
      clientId,
      detail: { ...accessDetail(access), rank, fiscalYear: codeSet.fiscalYear },
    });
    const row = await selectDiagnosis(tx, id);
    return { ...toDiagnosis(row!), codeSet };
  });
}
