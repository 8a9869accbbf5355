import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditAction } from '../platform/audit-trail/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess, type ClientAccess } from '../clients/index.ts';
import { displayCode, todayUtc } from './code-format.ts';
import {
  activeCodeExists,
  lockClientDiagnoses,
  selectDiagnosis,
  selectDiagnosisClient,
  shiftRanks,
  updateDiagnosis,
  type DiagnosisRow,
} from './queries.ts';
import type { DiagnosisPatch } from './schemas.ts';
import { MAX_ACTIVE, accessDetail, checkNotFuture, toDiagnosis } from './service.ts';

const noSuchDiagnosis = () => AppError.notFound('There is no such diagnosis.');

/**
 * Runs `fn` on one diagnosis through the client's door (withClientAccess), with the client's
 * diagnoses locked. Another practice's diagnosis is invisible (row-level security): 404.
 */
async function withDiagnosis<T>(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
  action: AuditAction,
  fn: (tx: Tx, row: DiagnosisRow, active: number, access: ClientAccess) => Promise<T>,
): Promise<T> {
  const clientId = await db.withPractice(actor.practiceId, (tx) => selectDiagnosisClient(tx, id));
  if (!clientId) throw noSuchDiagnosis();
  return withClientAccess(db, actor, clientId, context, action, async (tx, access) => {
    const active = await lockClientDiagnoses(tx, clientId);
    // Read again under the lock: it may have changed since the lookup above.
    const row = await selectDiagnosis(tx, id);
    if (!row) throw noSuchDiagnosis();
    return fn(tx, row, active, access);
  });
}

/** Moves an active diagnosis from rank `from` to `to`, shifting those in between. */
async function moveRank(tx: Tx, row: DiagnosisRow, to: number, active: number) {
  const from = row.rank!;
  if (to > active) {
    throw AppError.badRequest(
      `The rank must be from 1 to ${active}: this client has ${active} active diagnoses.`,
      'invalid_rank',
    );
  }
  if (to < from) await shiftRanks(tx, row.client_id, { from: to, to: from - 1, by: 1 });
  if (to > from) await shiftRanks(tx, row.client_id, { from: from + 1, to, by: -1 });
  await updateDiagnosis(tx, row.id, { rank: to });
}

function checkResolvedAfterOnset(row: DiagnosisRow, on: string): void {
  if (row.onset_date && on < row.onset_date) {
    throw AppError.badRequest('The resolution date is before the onset date.', 'invalid_date');
  }
}

async function resolve(tx: Tx, row: DiagnosisRow, on: string, active: number) {
  checkResolvedAfterOnset(row, on);
  await updateDiagnosis(tx, row.id, { status: 'resolved', rank: null, resolved_on: on });
  await shiftRanks(tx, row.client_id, { from: row.rank! + 1, to: active, by: -1 });
}

async function reopen(tx: Tx, row: DiagnosisRow, rank: number | undefined, active: number) {
  if (await activeCodeExists(tx, row.client_id, row.code)) {
    throw AppError.conflict(
      `${displayCode(row.code)} is already an active diagnosis of this client.`,
      'duplicate_diagnosis',
    );
  }
  if (active >= MAX_ACTIVE) {
    throw AppError.conflict(
      `A client can have at most ${MAX_ACTIVE} active diagnoses; resolve one first.`,
      'too_many_diagnoses',
    );
  }
  const at = rank ?? active + 1;
  if (at > active + 1) {
    throw AppError.badRequest(`The rank must be from 1 to ${active + 1}.`, 'invalid_rank');
  }
  await shiftRanks(tx, row.client_id, { from: at, to: active, by: 1 });
  await updateDiagnosis(tx, row.id, { status: 'active', rank: at, resolved_on: null });
}

/**
 * Re-ranks (`{ rank }`), resolves (`{ status: 'resolved', resolvedOn? }`, today by default),
 * re-opens (`{ status: 'active', rank? }`) or corrects the dates of a diagnosis. Ranks stay
 * 1, 2, 3… without gaps among the client's active diagnoses.
 */
export async function changeDiagnosis(
  db: Database,
  actor: Actor,
  id: string,
  patch: DiagnosisPatch,
  context: AuditContext,
) {
  checkNotFuture(patch.resolvedOn, 'resolution date');
  checkNotFuture(patch.onsetDate, 'onset date');
  return withDiagnosis(db, actor, id, context, 'diagnosis.update', async (tx, found, n, access) => {
    let row = found;
    const status = patch.status ?? row.status;
    if (patch.resolvedOn !== undefined && status !== 'resolved') {
      throw AppError.badRequest(
        'Only a resolved diagnosis has a resolution date: send status "resolved" with it.',
        'invalid_change',
      );
    }
    if (patch.rank !== undefined && status === 'resolved') {
      throw AppError.badRequest(
        'A resolved diagnosis has no rank; re-open it with status "active" to rank it.',
        'invalid_change',
      );
    }
    if (patch.onsetDate !== undefined) {
      const resolvedOn = patch.resolvedOn ?? row.resolved_on;
      if (patch.onsetDate && resolvedOn && patch.onsetDate > resolvedOn) {
        throw AppError.badRequest('The onset date is after the resolution date.', 'invalid_date');
      }
      await updateDiagnosis(tx, row.id, { onset_date: patch.onsetDate });
      row = { ...row, onset_date: patch.onsetDate };
    }
    if (row.status === 'active' && status === 'resolved') {
      await resolve(tx, row, patch.resolvedOn ?? todayUtc(), n);
    } else if (row.status === 'resolved' && status === 'active') {
      await reopen(tx, row, patch.rank, n);
    } else if (status === 'resolved' && patch.resolvedOn !== undefined) {
      checkResolvedAfterOnset(row, patch.resolvedOn);
      await updateDiagnosis(tx, row.id, { resolved_on: patch.resolvedOn });
    } else if (patch.rank !== undefined) {
      await moveRank(tx, row, patch.rank, n);
    }
    await audit(tx, context, {
      action: 'diagnosis.update',
      subjectType: 'diagnosis',
      subjectId: row.id,
      clientId: row.client_id,
      detail: {
        ...accessDetail(access),
        ...Object.fromEntries(Object.keys(patch).map((k) => [k, true])),
      },
    });
    return toDiagnosis((await selectDiagnosis(tx, row.id))!);
  });
}

/**
 * Removes a diagnosis entered in error. The row is kept, marked `entered_in_error` and hidden
 * from every answer, so that the record of what was once on the chart survives (the audit
 * trail names only ids); the ranks after it close up.
 */
export async function removeDiagnosis(
  db: Database,
  actor: Actor,
  id: string,
  context: AuditContext,
): Promise<void> {
  await withDiagnosis(db, actor, id, context, 'diagnosis.delete', async (tx, row, n, access) => {
    await updateDiagnosis(tx, row.id, {
      status: 'entered_in_error',
      rank: null,
      resolved_on: null,
      removed_by: actor.userId,
      removed_at: new Date(),
    });
    if (row.rank !== null)
      await shiftRanks(tx, row.client_id, { from: row.rank + 1, to: n, by: -1 });
    await audit(tx, context, {
      action: 'diagnosis.delete',
      subjectType: 'diagnosis',
      subjectId: row.id,
      clientId: row.client_id,
      detail: { ...accessDetail(access), wasActive: row.rank !== null },
    });
  });
}
