import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { auditContextOf, actorOf } from '../../auth/index.ts';
import { addAddendum } from './addenda.ts';
import { listCosignQueue } from '../author-notes.ts';
import { cosignNote } from './cosign.ts';
import { Addendum, AddendumBody, IdParams, NoteHeader, NotePage, UnlockBody } from '../schemas.ts';
import { signNote, unlockNote } from './signing.ts';
import { ADDENDUM_BODY_LIMIT } from '../drafts/templates.ts';

/** Signing, unlocking, co-signing and addenda: the routes of a note's integrity. */
export function signingRoutes(deps: FeatureDeps) {
  return async (app: HearthApp) => {
    app.post(
      '/api/v1/notes/:id/sign',
      {
        config: { permission: 'sign:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            'Sign your note: it is locked, with your credentials, the time and the SHA-256 of its content. An associate’s note may then wait for a co-signature (`pending_cosign`).',
          params: IdParams,
          response: responses({ 200: NoteHeader }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return signNote(deps, {
          actor,
          context: auditContextOf(request),
          noteId: request.params.id,
        });
      },
    );

    app.post(
      '/api/v1/notes/:id/unlock',
      {
        config: { permission: 'unlock:note:any' },
        schema: {
          tags: ['notes'],
          summary:
            'Unlock a signed note so that its author can change it: `{ confirm: true, reason }`. The reason and the earlier signature stay in its history.',
          params: IdParams,
          body: UnlockBody,
          response: responses({ 200: NoteHeader }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { confirm, reason } = request.body;
        const context = auditContextOf(request);
        return unlockNote(deps, { actor, context, noteId: request.params.id, confirm, reason });
      },
    );

    app.post(
      '/api/v1/notes/:id/cosign',
      {
        config: { permission: 'cosign:note:supervisee' },
        schema: {
          tags: ['notes'],
          summary: "Co-sign a supervisee's signed note (the author's supervisor, or an admin).",
          params: IdParams,
          response: responses({ 200: NoteHeader }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return cosignNote(deps, {
          actor,
          context: auditContextOf(request),
          noteId: request.params.id,
        });
      },
    );

    app.get(
      '/api/v1/notes/cosign-queue',
      {
        config: { permission: 'cosign:note:supervisee' },
        schema: {
          tags: ['notes'],
          summary: 'Notes waiting for your co-signature, oldest first (headers only).',
          response: responses({ 200: NotePage }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listCosignQueue(deps, { actor, context: auditContextOf(request) });
      },
    );

    app.post(
      '/api/v1/notes/:id/addenda',
      {
        config: { permission: 'write:note:own' },
        bodyLimit: ADDENDUM_BODY_LIMIT,
        schema: {
          tags: ['notes'],
          summary: 'Add an addendum to a signed note; it is signed by you as it is created.',
          params: IdParams,
          body: AddendumBody,
          response: responses({ 201: Addendum }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        const { text } = request.body;
        return reply
          .code(201)
          .send(await addAddendum(deps, { actor, context, noteId: request.params.id, text }));
      },
    );
  };
}
