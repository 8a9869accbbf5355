import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { callAs } from '../testing/practice.ts';
import { notesWorld, type NotesWorld } from './fixture.ts';

let w: NotesWorld;
before(async () => {
  w = await notesWorld();
});
after(() => w.t.close());

async function book(clientId: string, clinicianId: string, hoursAhead: number): Promise<string> {
  const start = new Date(Date.now() + hoursAhead * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  const r = await callAs(w.t, w.p.staff.front_desk, 'POST', '/api/v1/appointments', {
    clientId,
    clinicianId,
    start: start.toISOString(),
    end: new Date(start.getTime() + 50 * 60_000).toISOString(),
    kind: 'telehealth',
    serviceCode: '90834',
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json<{ id: string }>().id;
}

const soap = { subjective: 'Reports better sleep.', objective: '', assessment: '', plan: '' };

describe('a note documents one of its client’s appointments', () => {
  test('linked to the client’s appointment; another client’s or an unknown one is a 400, nothing written', async () => {
    const mine = await book(w.clientId, w.p.staff.associate.userId, 30);
    const theirs = await book(w.otherCareClientId, w.p.secondAssociate.userId, 54);
    const ok = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'soap',
        fields: soap,
        appointmentId: mine,
      },
    );
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<{ appointmentId: string }>().appointmentId, mine);

    const count = () =>
      w.t.db.withPractice(
        w.p.practiceId,
        async (tx) => (await tx.selectFrom('notes').select('id').execute()).length,
      );
    const before = await count();
    for (const appointmentId of [theirs, crypto.randomUUID()]) {
      const r = await callAs(
        w.t,
        w.p.staff.associate,
        'POST',
        `/api/v1/clients/${w.clientId}/notes`,
        {
          template: 'soap',
          fields: soap,
          appointmentId,
        },
      );
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'unknown_appointment');
    }
    const patch = await callAs(
      w.t,
      w.p.staff.associate,
      'PATCH',
      `/api/v1/notes/${ok.json<{ id: string }>().id}`,
      {
        appointmentId: theirs,
      },
    );
    assert.equal(patch.statusCode, 400);
    assert.equal(await count(), before);
  });
});

describe('notes to write (the Today screen)', () => {
  test('my past sessions without a note are listed until a note documents them; others’ never', async () => {
    const start = new Date(Date.now() - 2 * 86_400_000);
    start.setUTCMinutes(0, 0, 0);
    const past = await callAs(w.t, w.p.staff.associate, 'POST', '/api/v1/appointments', {
      clientId: w.clientId,
      clinicianId: w.p.staff.associate.userId,
      start: start.toISOString(),
      end: new Date(start.getTime() + 50 * 60_000).toISOString(),
      kind: 'telehealth',
      serviceCode: '90834',
      status: 'completed',
    });
    assert.equal(past.statusCode, 201, past.body);
    const appointmentId = past.json<{ id: string }>().id;
    const list = async (who = w.p.staff.associate) => {
      const r = await callAs(w.t, who, 'GET', '/api/v1/notes/to-write');
      assert.equal(r.statusCode, 200, r.body);
      return r.json<{ items: { appointmentId: string; clientName: string }[] }>().items;
    };
    const mine = await list();
    assert.deepEqual(
      mine.map((i) => i.appointmentId),
      [appointmentId],
    );
    assert.equal(mine[0]!.clientName, 'Quinn Notes');
    assert.deepEqual(await list(w.p.secondAssociate), []);
    const note = await callAs(
      w.t,
      w.p.staff.associate,
      'POST',
      `/api/v1/clients/${w.clientId}/notes`,
      {
        template: 'soap',
        fields: soap,
        appointmentId,
      },
    );
    assert.equal(note.statusCode, 201, note.body);
    assert.deepEqual(await list(), []);
    assert.equal(
      (await callAs(w.t, w.p.staff.front_desk, 'GET', '/api/v1/notes/to-write')).statusCode,
      403,
    );
  });
});
