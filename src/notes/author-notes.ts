import { AppError } from '../platform/errors.ts';
import { audit } from '../platform/audit-trail/record.ts';
import { sql } from 'kysely';
import { hasPermission } from '../auth/index.ts';
import { inReach } from '../clients/index.ts';
import { selectCosignQueue, selectSuperviseeIds } from './queries.ts';
import type { NotesQuery } from './schemas.ts';
import { headerPage, type Acting, type NoteDeps } from './service.ts';
import { toHeader } from './views.ts';

/**
 * Administrators hold every permission (roles.ts) and answer for the whole practice: they may
 * list anyone's notes and co-sign any note. Named once here rather than tested by role name
 * in several places.
 */
export function isPracticeAdmin(role: string): boolean {
  return hasPermission(role, 'manage:practice:any');
}

/** The access rule over a list of notes of several clients: each note's client, or its author. */
export const notesInReach = (actor: Acting['actor']) =>
  inReach(actor, {
    client: sql.ref<string>('notes.client_id'),
    author: sql.ref<string>('notes.author_id'),
  });

/**
 * Headers of notes by one author (`me` by default): my drafts for the Today screen, or a
 * supervisee's notes for their supervisor. Only notes the rule lets the caller reach are
 * listed (an author whose client has left their care no longer sees that client's notes).
 */
export async function listNotes(
  deps: NoteDeps,
  { actor, context, query }: Acting & { query: NotesQuery },
) {
  const authorId = !query.authorId || query.authorId === 'me' ? actor.userId : query.authorId;
  const result = await deps.db.withPractice(actor.practiceId, async (tx) => {
    if (authorId !== actor.userId && !isPracticeAdmin(actor.role)) {
      const supervisees = hasPermission(actor.role, 'read:note:supervisee')
        ? await selectSuperviseeIds(tx, actor.userId)
        : [];
      if (!supervisees.includes(authorId)) return null;
    }
    const filter = { authorIds: [authorId], status: query.status, inReach: notesInReach(actor) };
    const page = await headerPage(tx, filter, query);
    await audit(tx, context, {
      action: 'note.list',
      subjectType: 'user',
      subjectId: authorId,
      detail: { count: page.items.length, own: authorId === actor.userId },
    });
    return page;
  });
  if (result) return result;
  await deps.db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action: 'note.list',
      outcome: 'denied',
      subjectType: 'user',
      subjectId: authorId,
      detail: { reason: 'not_your_supervisee' },
    }),
  );
  throw new AppError('not_your_supervisee', {
    status: 403,
    message: 'You can list only your own notes and those of the associates you supervise.',
  });
}

/** The notes waiting for the caller's co-signature, oldest signature first. */
export async function listCosignQueue(deps: NoteDeps, { actor, context }: Acting) {
  return deps.db.withPractice(actor.practiceId, async (tx) => {
    const rows = await selectCosignQueue(
      tx,
      {
        userId: actor.userId,
        orphansToo: isPracticeAdmin(actor.role),
        inReach: notesInReach(actor),
      },
      200,
    );
    await audit(tx, context, {
      action: 'note.list',
      subjectType: 'cosign_queue',
      detail: { count: rows.length, queue: true },
    });
    return { items: rows.map(toHeader), nextCursor: null };
  });
}
