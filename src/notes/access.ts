import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { AuditDetail } from '../platform/audit-trail/detail.ts';
import type { AuditAction } from '../platform/audit-trail/actions.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from '../clients/index.ts';
import type { NoteTemplateId } from '../platform/db/tables/notes.ts';
import { selectNoteLocation } from './queries.ts';

/**
 * How the actor reaches a note (the one access rule, src/clients/access.ts): through its
 * client (the whole practice, their care, or break-glass), or through supervision — a
 * supervisor reads the notes their supervisees write, also for clients outside their own care
 * (`read:note:supervisee`).
 */
export type NoteReach = 'care' | 'break_glass' | 'supervision';

export interface NoteLocation {
  noteId: string;
  clientId: string;
  authorId: string;
  template: NoteTemplateId;
  supervisorId: string | null;
}

export const noSuchNote = () => AppError.notFound('There is no such note.');

/** Finds a note in the actor's practice (another practice's is invisible: 404). */
export async function locateNote(
  db: Database,
  actor: Actor,
  noteId: string,
): Promise<NoteLocation> {
  const row = await db.withPractice(actor.practiceId, (tx) => selectNoteLocation(tx, noteId));
  if (!row) throw noSuchNote();
  return {
    noteId,
    clientId: row.client_id,
    authorId: row.author_id,
    template: row.template,
    supervisorId: row.supervisor_id,
  };
}

/**
 * Runs `fn` in one practice-scoped transaction once the rule lets the actor reach the note —
 * its client, its author — through the client's door (withClientAccess, which answers and
 * audits its own 403). The note's client is looked up first because the door needs it; a note
 * never changes client (the database refuses it), so the lookup cannot go stale.
 */
export async function withNoteAccess<T>(
  db: Database,
  actor: Actor,
  location: NoteLocation,
  context: AuditContext,
  action: AuditAction,
  fn: (tx: Tx, reach: NoteReach) => Promise<T>,
): Promise<T> {
  const target = {
    clientId: location.clientId,
    authorId: location.authorId,
    subject: { type: 'note', id: location.noteId },
  };
  return withClientAccess(db, actor, target, context, action, (tx, access) =>
    fn(tx, access.reach === 'practice' ? 'care' : access.reach),
  );
}

/** The audit detail that says how a note was reached. */
export const reachDetail = (reach: NoteReach): AuditDetail =>
  reach === 'care' ? {} : reach === 'break_glass' ? { breakGlass: true } : { supervision: true };

/**
 * A refusal decided inside a transaction. The transaction returns it instead of throwing, so
 * that its work rolls back cleanly; `refuse` then audits it in a transaction of its own (an
 * audit row written in the refused transaction would be rolled back with it) and throws.
 */
export class Refusal {
  readonly error: AppError;
  readonly outcome: 'denied' | 'error';
  constructor(error: AppError, outcome: 'denied' | 'error' = 'denied') {
    this.error = error;
    this.outcome = outcome;
  }
}

export async function refuse(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  location: { noteId: string; clientId: string },
  refusal: Refusal,
): Promise<never> {
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action,
      outcome: refusal.outcome,
      subjectType: 'note',
      subjectId: location.noteId,
      clientId: location.clientId,
      detail: { reason: refusal.error.code },
    }),
  );
  throw refusal.error;
}

/** Unwraps a transaction's answer: a refusal is audited and thrown, anything else returned. */
export async function settle<T>(
  db: Database,
  actor: Actor,
  context: AuditContext,
  action: AuditAction,
  location: { noteId: string; clientId: string },
  result: T | Refusal,
): Promise<T> {
  if (result instanceof Refusal) return refuse(db, actor, context, action, location, result);
  return result;
}
