import type { NoteHeaderRow } from './queries.ts';
import type { HistoryRow } from './history/history-queries.ts';
import type { HistoryEntry, NoteHeader } from './schemas.ts';

/** A note's answer without its content: what lists, the Today screen and billing need. */
export function toHeader(
  row: NoteHeaderRow & { author_name?: string; client_name?: string },
): NoteHeader {
  return {
    ...(row.author_name === undefined ? {} : { authorName: row.author_name }),
    ...(row.client_name === undefined ? {} : { clientName: row.client_name }),
    id: row.id,
    clientId: row.client_id,
    authorId: row.author_id,
    template: row.template,
    status: row.status,
    dateOfService: row.date_of_service,
    appointmentId: row.appointment_id,
    version: row.version,
    signature:
      row.signed_at && row.signed_by && row.content_sha256
        ? {
            signedBy: row.signed_by,
            credentials: row.signer_credentials,
            signedAt: row.signed_at.toISOString(),
            sha256: row.content_sha256,
          }
        : null,
    cosignRequired: row.cosign_required,
    cosignature:
      row.cosigned_at && row.cosigned_by && row.content_sha256
        ? {
            signedBy: row.cosigned_by,
            credentials: row.cosigner_credentials,
            signedAt: row.cosigned_at.toISOString(),
            sha256: row.content_sha256,
          }
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    n: row.n,
    kind: row.kind,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.occurred_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    version: row.version,
    credentials: row.credentials,
    sha256: row.content_sha256,
    addendumId: row.addendum_id,
  };
}

/** Keyset cursors: opaque to callers, checked on the way back in. */
export function encodeCursor(last: { date_of_service: string; id: string }): string {
  return Buffer.from(JSON.stringify([last.date_of_service, last.id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): [string, string] | undefined | null {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/.test(value[1])
    )
      return [value[0], value[1]];
  } catch {
    // an invalid cursor is answered by the caller
  }
  return null;
}
