import { Type } from 'typebox';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { auditContextOf, actorOf } from '../auth/index.ts';
import { listNotes } from './author-notes.ts';
import { updateNote } from './drafts/drafts.ts';
import { discardDraft } from './drafts/discard.ts';
import { historyRoutes } from './history/history-routes.ts';
import { printRoutes } from './print/print-routes.ts';
import {
  ClientNotesQuery,
  IdParams,
  NewNote,
  Note,
  NoteHeader,
  NotePage,
  NotePatch,
  NotesQuery,
  TemplateList,
} from './schemas.ts';
import { createNote, listClientNotes, readNote } from './service.ts';
import { signingRoutes } from './signing/signing-routes.ts';
import { describeTemplates, NOTE_BODY_LIMIT } from './drafts/templates.ts';
import { listNotesToWrite, SessionToDocument } from './drafts/to-write.ts';

const ClientParams = Type.Object(
  { id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export function noteRoutes(deps: FeatureDeps) {
  const { db } = deps;
  return async (app: HearthApp) => {
    app.get(
      '/api/v1/note-templates',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary: 'The note templates and their fields, for rendering note forms.',
          response: responses({ 200: TemplateList }),
        },
      },
      async () => ({ items: describeTemplates(), nextCursor: null }),
    );

    app.get(
      '/api/v1/notes/to-write',
      {
        config: { permission: 'write:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            'My sessions of the last two weeks that have no note yet (for the Today screen).',
          response: responses({
            200: Type.Object(
              { items: Type.Array(SessionToDocument), nextCursor: Type.Null() },
              { additionalProperties: false },
            ),
          }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listNotesToWrite(db, actor, auditContextOf(request));
      },
    );

    app.get(
      '/api/v1/clients/:id/notes',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary: "A client's notes, newest date of service first (headers only, no text).",
          params: ClientParams,
          querystring: ClientNotesQuery,
          response: responses({ 200: NotePage }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const { id: clientId } = request.params;
        return listClientNotes(deps, {
          actor,
          context: auditContextOf(request),
          clientId,
          query: request.query,
        });
      },
    );

    app.post(
      '/api/v1/clients/:id/notes',
      {
        config: { permission: 'write:note:own' },
        bodyLimit: NOTE_BODY_LIMIT,
        schema: {
          tags: ['notes'],
          summary: 'Start a note (a draft) for a client in your care.',
          params: ClientParams,
          body: NewNote,
          response: responses({ 201: Note }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        const note = await createNote(deps, {
          actor,
          context,
          clientId: request.params.id,
          input: request.body,
        });
        return reply.code(201).send(note);
      },
    );

    app.get(
      '/api/v1/notes',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary: 'Notes by one author (`me` by default, or a supervisee): headers only.',
          querystring: NotesQuery,
          response: responses({ 200: NotePage }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return listNotes(deps, { actor, context: auditContextOf(request), query: request.query });
      },
    );

    app.get(
      '/api/v1/notes/:id',
      {
        config: { permission: 'read:note:own' },
        schema: {
          tags: ['notes'],
          summary: 'A note with its fields and addenda.',
          params: IdParams,
          response: responses({ 200: Note }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        return readNote(deps, {
          actor,
          context: auditContextOf(request),
          noteId: request.params.id,
        });
      },
    );

    app.patch(
      '/api/v1/notes/:id',
      {
        config: { permission: 'write:note:own' },
        bodyLimit: NOTE_BODY_LIMIT,
        schema: {
          tags: ['notes'],
          summary:
            'Save a draft (autosave): the fields sent replace the stored ones. A signed note answers 409 note_locked.',
          params: IdParams,
          body: NotePatch,
          response: responses({ 200: NoteHeader }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const context = auditContextOf(request);
        return updateNote(deps, { actor, context, noteId: request.params.id, patch: request.body });
      },
    );

    app.delete(
      '/api/v1/notes/:id',
      {
        config: { permission: 'write:note:own' },
        schema: {
          tags: ['notes'],
          summary:
            'Discard a draft (its author only). A signed note, or one signed before and unlocked, answers 409.',
          params: IdParams,
          response: responses({ 204: Type.Null() }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        await discardDraft(deps, {
          actor,
          context: auditContextOf(request),
          noteId: request.params.id,
        });
        return reply.code(204).send(null);
      },
    );

    await app.register(signingRoutes(deps));
    await app.register(historyRoutes(deps));
    await app.register(printRoutes(deps));
  };
}
