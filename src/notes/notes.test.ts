import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../testing/practice.ts';
import { auditOf, countRows, draftNote, notesWorld, SOAP, type NotesWorld } from './fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

interface NoteAnswer {
  id: string;
  status: string;
  version: number;
  fields: Record<string, unknown>;
  clientId: string;
  authorId: string;
  dateOfService: string;
}

describe('note templates', () => {
  test('clinicians get every template with its fields; the front desk gets 403', async () => {
    const r = await callAs(w.t, w.p.staff.associate, 'GET', '/api/v1/note-templates');
    assert.equal(r.statusCode, 200, r.body);
    const items = r.json<{
      items: { id: string; fields: { name: string; required: boolean }[] }[];
    }>().items;
    assert.deepEqual(
      items.map((i) => i.id),
      ['soap', 'dap', 'birp', 'intake', 'treatment_plan', 'discharge', 'contact'],
    );
    const names = (id: string) => items.find((i) => i.id === id)!.fields.map((f) => f.name);
    assert.deepEqual(names('soap'), ['subjective', 'objective', 'assessment', 'plan']);
    assert.deepEqual(names('dap'), ['data', 'assessment', 'plan']);
    assert.deepEqual(names('birp'), ['behavior', 'intervention', 'response', 'plan']);
    const r2 = await callAs(w.t, w.p.staff.front_desk, 'GET', '/api/v1/note-templates');
    assert.equal(r2.statusCode, 403);
  });
});

describe('creating a note', () => {
  test('the associate starts a draft for a client in their care; the write is audited', async () => {
    const r = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'soap',
        fields: SOAP,
        dateOfService: '2026-01-15',
      },
    );
    assert.equal(r.statusCode, 201, r.body);
    const note = r.json<NoteAnswer>();
    assert.equal(note.status, 'draft');
    assert.equal(note.version, 1);
    assert.equal(note.dateOfService, '2026-01-15');
    assert.deepEqual(note.fields, SOAP);
    assert.equal(note.authorId, w.p.staff.associate.userId);
    const rows = (await auditOf(w, 'note.create')).filter((a) => a.subject_id === note.id);
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.client_id, w.clientId);
  });

  test('without a date of service, today is used', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    const today = new Date();
    const near = [-1, 0, 1].map((d) =>
      new Date(today.getTime() + d * 86_400_000).toISOString().slice(0, 10),
    );
    assert.ok(near.includes(r.json<NoteAnswer>().dateOfService));
  });

  test('bad input is refused with a message saying what is wrong, and nothing is written', async () => {
    const before = await countRows(w, 'notes');
    const cases: [object, string, RegExp][] = [
      [{ template: 'poem', fields: {} }, 'validation_failed', /template/],
      [{ template: 'soap', fields: { data: 'x' } }, 'invalid_fields', /subjective, objective/],
      [{ template: 'soap', fields: { subjective: 42 } }, 'invalid_fields', /subjective/],
      [
        { template: 'soap', fields: { subjective: 'x'.repeat(200_001) } },
        'text_too_long',
        /Subjective is longer than the 200,000 characters/,
      ],
      [
        { template: 'contact', fields: { contactType: 'telepathy' } },
        'invalid_fields',
        /contactType/,
      ],
      [
        { template: 'soap', fields: {}, dateOfService: '2999-01-01' },
        'invalid_date_of_service',
        /future/,
      ],
      [{ template: 'soap', fields: {}, extra: true }, 'validation_failed', /extra/],
    ];
    for (const [body, code, message] of cases) {
      const r = await callAs(
        w.t,
        w.p.staff.associate,
        'POST',
        `/api/v1/clients/${w.clientId}/notes`,
        body,
      );
      assert.equal(r.statusCode, 400, `${JSON.stringify(body).slice(0, 80)}: ${r.body}`);
      const error = r.json<{ error: { code: string; message: string } }>().error;
      assert.equal(error.code, code);
      assert.match(error.message, message);
    }
    assert.equal(await countRows(w, 'notes'), before);
  });

  test('a structured template (treatment plan) is accepted in its own shape', async () => {
    const r = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'treatment_plan',
        fields: {
          problems: [
            {
              description: 'Generalised anxiety',
              goals: ['Fewer panic episodes'],
              objectives: ['Use breathing exercise daily'],
              interventions: ['CBT', 'Psychoeducation'],
            },
          ],
          reviewDate: '2026-06-01',
        },
      },
    );
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json<{ fields: { problems: unknown[] } }>().fields.problems.length, 1);
  });

  test('a clinician without the client in their care gets 403, audited; billing and front desk 403', async () => {
    const before = await countRows(w, 'notes');
    const body = { template: 'soap', fields: SOAP };
    const url = `/api/v1/clients/${w.clientId}/notes`;
    const r = await callAs(w.t, w.p.secondAssociate, 'POST', url, body);
    assert.equal(r.statusCode, 403);
    assert.equal(r.json<{ error: { code: string } }>().error.code, 'not_your_client');
    const denied = (await auditOf(w, 'note.create')).filter((a) => a.outcome === 'denied');
    assert.equal(denied.at(-1)?.actor_user_id, w.p.secondAssociate.userId);
    for (const who of [w.p.staff.biller, w.p.staff.front_desk]) {
      assert.equal((await callAs(w.t, who, 'POST', url, body)).statusCode, 403);
    }
    const refusals = await auditOf(w, 'auth.access.denied');
    assert.ok(refusals.some((a) => a.actor_user_id === w.p.staff.biller.userId));
    assert.equal(await countRows(w, 'notes'), before);
  });

  test('another practice gets 404 for the client, and nothing is written', async () => {
    const before = await countRows(w, 'notes');
    const r = await callAs(
      w.t,
      w.other.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'soap',
        fields: SOAP,
      },
    );
    assert.equal(r.statusCode, 404);
    assert.equal(await countRows(w, 'notes'), before);
  });
});

describe('reading notes', () => {
  test('the author reads the whole note; the read is audited', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.associate, 'GET', `/api/v1/notes/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(r.json<NoteAnswer>().fields, SOAP);
    const reads = (await auditOf(w, 'note.read')).filter((a) => a.subject_id === id);
    assert.equal(reads.length, 1);
    assert.equal(reads[0]!.outcome, 'success');
  });

  test("a supervisor reads a supervisee's note about a client outside their care, flagged", async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.staff.supervisor, 'GET', `/api/v1/notes/${id}`);
    assert.equal(r.statusCode, 200, r.body);
    const read = (await auditOf(w, 'note.read')).filter((a) => a.subject_id === id).at(-1)!;
    assert.equal(read.actor_user_id, w.p.staff.supervisor.userId);
    assert.deepEqual(read.detail, { addenda: 0, supervision: true });
  });

  test('another clinician gets 403 not_your_client (audited); another practice 404', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const r = await callAs(w.t, w.p.secondAssociate, 'GET', `/api/v1/notes/${id}`);
    assert.equal(r.statusCode, 403);
    assert.ok(!r.body.includes(SOAP.plan));
    const denied = (await auditOf(w, 'note.read')).filter((a) => a.outcome === 'denied');
    assert.equal(denied.at(-1)?.actor_user_id, w.p.secondAssociate.userId);
    const outsider = await callAs(w.t, w.other.staff.admin, 'GET', `/api/v1/notes/${id}`);
    assert.equal(outsider.statusCode, 404);
    assert.equal(
      (await callAs(w.t, w.p.staff.admin, 'GET', `/api/v1/notes/${randomUUID()}`)).statusCode,
      404,
    );
  });

  test("a client's notes list headers only, newest first, paged, audited with the count", async () => {
    const client = w.otherCareClientId;
    for (const day of ['2026-02-01', '2026-02-03', '2026-02-02']) {
      const r = await callAs(w.t, w.p.secondAssociate, 'POST', `/api/v1/clients/${client}/notes`, {
        template: 'dap',
        fields: { data: 'Session data text' },
        dateOfService: day,
      });
      assert.equal(r.statusCode, 201, r.body);
    }
    const first = await callAs(
      w.t,
      w.p.secondAssociate,
      'GET',
      `/api/v1/clients/${client}/notes?limit=2`,
    );
    assert.equal(first.statusCode, 200, first.body);
    const page = first.json<{ items: { dateOfService: string }[]; nextCursor: string }>();
    assert.deepEqual(
      page.items.map((i) => i.dateOfService),
      ['2026-02-03', '2026-02-02'],
    );
    assert.ok(!first.body.includes('Session data text'), 'no field text in a list');
    assert.ok(!first.body.includes('"fields"'));
    const next = await callAs(
      w.t,
      w.p.secondAssociate,
      'GET',
      `/api/v1/clients/${client}/notes?limit=2&cursor=${page.nextCursor}`,
    );
    assert.deepEqual(
      next.json<{ items: { dateOfService: string }[] }>().items.map((i) => i.dateOfService),
      ['2026-02-01'],
    );
    const lists = (await auditOf(w, 'note.list')).filter((a) => a.client_id === client);
    assert.deepEqual(
      lists.map((l) => l.detail),
      [{ count: 2 }, { count: 1 }],
    );
    const bad = await callAs(
      w.t,
      w.p.secondAssociate,
      'GET',
      `/api/v1/clients/${client}/notes?cursor=nope`,
    );
    assert.equal(bad.statusCode, 400);
    const outsider = await callAs(
      w.t,
      w.other.staff.admin,
      'GET',
      `/api/v1/clients/${client}/notes`,
    );
    assert.equal(outsider.statusCode, 404);
  });

  test('my drafts for the Today screen; a supervisor lists a supervisee, nobody else can', async () => {
    const id = await draftNote(w, w.p.staff.associate);
    const mine = await callAs(
      w.t,
      w.p.staff.associate,
      'GET',
      '/api/v1/notes?status=draft&authorId=me',
    );
    assert.equal(mine.statusCode, 200, mine.body);
    const items = mine.json<{ items: { id: string; status: string; authorId: string }[] }>().items;
    assert.ok(items.some((i) => i.id === id));
    assert.ok(
      items.every((i) => i.status === 'draft' && i.authorId === w.p.staff.associate.userId),
    );
    assert.ok(!mine.body.includes(SOAP.subjective));
    const url = `/api/v1/notes?authorId=${w.p.staff.associate.userId}`;
    const bySupervisor = await callAs(w.t, w.p.staff.supervisor, 'GET', url);
    assert.equal(bySupervisor.statusCode, 200);
    assert.ok(bySupervisor.json<{ items: { id: string }[] }>().items.some((i) => i.id === id));
    const byPeer = await callAs(w.t, w.p.secondAssociate, 'GET', url);
    assert.equal(byPeer.statusCode, 403);
    const denied = (await auditOf(w, 'note.list')).filter((a) => a.outcome === 'denied');
    assert.equal(denied.at(-1)?.actor_user_id, w.p.secondAssociate.userId);
    const outsider = await callAs(w.t, w.other.staff.admin, 'GET', url);
    assert.equal(outsider.statusCode, 200);
    assert.deepEqual(outsider.json<{ items: unknown[] }>().items, []);
  });
});
