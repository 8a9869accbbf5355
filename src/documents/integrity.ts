import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../platform/db/database.ts';
import { insertAlert } from '../platform/alerting/alerts.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import { DocumentIntegrityError } from '../platform/crypto/document/index.ts';
import type { Logger } from '../platform/logging.ts';

export const INTEGRITY_CHECKER: AuditContext = {
  actor: { type: 'system', job: 'integrity-check' },
};

/**
 * A document failed its integrity check (a segment tag, its header or its HMAC): recorded in
 * the practice's audit trail and raised as a critical alert for the privacy officer, in a
 * transaction of its own. Only the document id and the reason are kept — never content.
 */
export async function reportIntegrityFailure(
  db: Database,
  practiceId: string,
  documentId: string,
  clientId: string | null,
  reason: string,
): Promise<void> {
  await db.withPractice(practiceId, async (tx) => {
    await audit(tx, INTEGRITY_CHECKER, {
      action: 'document.integrity_failed',
      outcome: 'error',
      subjectType: 'document',
      subjectId: documentId,
      clientId,
      detail: { reason },
    });
    await insertAlert(tx, {
      kind: 'document_integrity_failed',
      severity: 'critical',
      message: `A stored document failed its integrity check (${reason}): its bytes are not what was stored. Hearth refused to serve it. Restore it from a backup of the blob store, or ask the uploader for a new copy (document ${documentId}).`,
      detail: { documentId, reason },
    });
  });
}

/** For a download cut off mid-stream: reports integrity failures, logs other errors (ids only). */
export function recordIntegrityFailure(
  db: Database,
  log: FastifyBaseLogger | Logger,
  where: { practiceId: string; documentId: string; clientId: string },
  err: Error,
): void {
  const { practiceId, documentId, clientId } = where;
  if (!(err instanceof DocumentIntegrityError)) {
    log.warn({ documentId, error: err.name }, 'document download failed');
    return;
  }
  void reportIntegrityFailure(db, practiceId, documentId, clientId, err.reason).catch(
    (e: unknown) =>
      log.error({ documentId, error: (e as Error).name }, 'could not record an integrity failure'),
  );
}
