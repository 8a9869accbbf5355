// Clinical notes: one per completed session (its appointment linked), the most recent still
// drafts, the rest signed as signNote signs them (status, signer, credentials, SHA-256 of the
// canonical content, and the 'sign' entry in the note's history holding the signed content),
// plus each client's intake and older progress notes from before the calendar's two years.
// Fields are sealed with the real FieldCipher (src/notes/sealing.ts), so the server opens them.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/database.ts';
import type { FieldCipher } from '../../src/platform/crypto/field.ts';
import type { NoteTemplateId } from '../../src/platform/db/tables/notes.ts';
import { noteContentHash } from '../../src/notes/signing/content-hash.ts';
import { SEALED, sealFields } from '../../src/notes/signing/sealing.ts';
import type { SeededClient } from './seed-clients.ts';
import { chunks, eachConcurrently, type SeededRandom } from './seed-random.ts';
import type { PlannedAppointment } from './seed-schedule.ts';
import { noteFields } from './seed-text.ts';

const DAY_MS = 86_400_000;
const BATCH = 250;
const PROGRESS: NoteTemplateId[] = ['soap', 'dap', 'birp'];

export interface PlannedNote {
  id: string;
  clientId: string;
  authorId: string;
  template: NoteTemplateId;
  dateOfService: string;
  appointmentId: string | null;
  signed: boolean;
  fields: Record<string, unknown>;
}

export interface SeededDraft {
  id: string;
  authorId: string;
  template: NoteTemplateId;
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `count` notes: completed sessions' notes (newest first, drafts from `draftsSince` on), then
 * an intake per client and older progress notes dated one to four years back.
 */
export function planNotes(options: {
  appointments: readonly PlannedAppointment[];
  clients: readonly SeededClient[];
  count: number;
  draftsSince: Date;
  random: SeededRandom;
}): PlannedNote[] {
  const { random } = options;
  // Each clinician writes in one progress-note format, as practices tend to standardise.
  const formats = new Map<string, NoteTemplateId>();
  const formatOf = (authorId: string) => {
    if (!formats.has(authorId)) formats.set(authorId, PROGRESS[formats.size % PROGRESS.length]!);
    return random.chance(0.04) ? 'contact' : formats.get(authorId)!;
  };
  const note = (n: Omit<PlannedNote, 'id' | 'fields'>): PlannedNote => ({
    ...n,
    id: randomUUID(),
    fields: noteFields(random, n.template),
  });
  const completed = options.appointments
    .filter((a) => a.status === 'completed')
    .sort((a, b) => b.start.getTime() - a.start.getTime());
  const notes: PlannedNote[] = [];
  for (const a of completed.slice(0, options.count)) {
    notes.push(
      note({
        clientId: a.clientId,
        authorId: a.clinicianId,
        template: formatOf(a.clinicianId),
        dateOfService: dateOf(a.start.getTime()),
        appointmentId: a.id,
        signed: a.start < options.draftsSince,
      }),
    );
  }
  const yearsAgo = (years: number) => Date.now() - years * 365 * DAY_MS;
  for (let i = 0; notes.length < options.count; i++) {
    const client = i < options.clients.length ? options.clients[i]! : random.pick(options.clients);
    const when = yearsAgo(1) - random.int(3 * 365) * DAY_MS;
    notes.push(
      note({
        clientId: client.id,
        authorId: client.clinicianId,
        template: i < options.clients.length ? 'intake' : formatOf(client.clinicianId),
        dateOfService: dateOf(when),
        appointmentId: null,
        signed: true,
      }),
    );
  }
  return notes;
}

/** Inserts the planned notes and, for the signed ones, their history's 'sign' entries. */
export async function seedNotes(
  db: Database,
  fields: FieldCipher,
  options: {
    practiceId: string;
    planned: readonly PlannedNote[];
    credentials: ReadonlyMap<string, string | null>;
    concurrency: number;
  },
): Promise<{ drafts: SeededDraft[]; signed: number }> {
  await eachConcurrently(chunks(options.planned, BATCH), options.concurrency, (batch) =>
    db.withPractice(options.practiceId, async (tx) => {
      const notes = [];
      const history = [];
      for (const n of batch) {
        const row = { id: n.id, client_id: n.clientId, template: n.template };
        const base = {
          ...row,
          author_id: n.authorId,
          date_of_service: n.dateOfService,
          appointment_id: n.appointmentId,
          fields_sealed: await sealFields(fields, tx, SEALED.noteFields(n.id), n.fields),
        };
        if (!n.signed) {
          notes.push(base);
          continue;
        }
        const sha256 = noteContentHash({ ...row, date_of_service: n.dateOfService }, n.fields);
        const signedAt = new Date(Date.parse(n.dateOfService) + 20 * 3_600_000);
        const credentials = options.credentials.get(n.authorId) ?? null;
        const entryId = randomUUID();
        notes.push({
          ...base,
          status: 'signed' as const,
          draft_opened_at: null,
          history_seq: 1,
          signed_at: signedAt,
          signed_by: n.authorId,
          signer_credentials: credentials,
          content_sha256: sha256,
        });
        history.push({
          id: entryId,
          note_id: n.id,
          n: 1,
          kind: 'sign' as const,
          actor_id: n.authorId,
          occurred_at: signedAt,
          version: 1,
          date_of_service: n.dateOfService,
          fields_sealed: await sealFields(fields, tx, SEALED.versionFields(entryId), n.fields),
          credentials,
          content_sha256: sha256,
        });
      }
      await tx.insertInto('notes').values(notes).execute();
      if (history.length > 0) await tx.insertInto('note_versions').values(history).execute();
    }),
  );
  const drafts = options.planned
    .filter((n) => !n.signed)
    .map((n) => ({ id: n.id, authorId: n.authorId, template: n.template }));
  return { drafts, signed: options.planned.length - drafts.length };
}
