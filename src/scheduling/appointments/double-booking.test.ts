import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../../testing/app.ts';
import { callAs } from '../../testing/practice.ts';
import {
  book,
  booking,
  countRows,
  errorCode,
  plusMinutes,
  schedulingPractice,
  upcoming,
  type Scheduling,
} from '../test-fixtures.ts';

let t: TestApp;
let s: Scheduling;
let start = '';
let takenId = '';

before(async () => {
  t = await testApp();
  s = await schedulingPractice(t);
  start = upcoming(s.zone, 2, 2, '10:00');
  const r = await book(t, s.p.staff.front_desk, booking(s, start));
  assert.equal(r.statusCode, 201, r.body);
  takenId = r.json<{ id: string }>().id;
});
after(() => t.close());

/** An insert straight into the table, as the app role, bypassing every check of the service. */
async function rawInsert(startAt: string, minutes: number, status = 'scheduled') {
  return t.db.withPractice(s.p.practiceId, (tx) =>
    tx
      .insertInto('appointments')
      .values({
        id: randomUUID(),
        client_id: s.otherClientId,
        clinician_id: s.p.staff.associate.userId,
        start_at: new Date(startAt),
        end_at: new Date(plusMinutes(startAt, minutes)),
        time_zone: s.zone,
        kind: 'telehealth',
        service_code: '90834',
        status: status as 'scheduled',
        status_reason: status === 'cancelled' ? 'weather' : null,
        created_by: s.p.staff.admin.userId,
        updated_by: s.p.staff.admin.userId,
      })
      .execute(),
  );
}

describe('no double booking', () => {
  test('the database itself refuses an overlapping row (23P01), but not a cancelled one', async () => {
    await assert.rejects(
      rawInsert(plusMinutes(start, 30), 50),
      (err: { code?: string }) => err.code === '23P01',
    );
    await rawInsert(plusMinutes(start, 30), 50, 'cancelled');
    await rawInsert(plusMinutes(start, 50), 10); // back to back: [start, end) ranges touch
  });

  test('through the API: 409 slot_taken naming the time, not the other client', async () => {
    const before = await countRows(t, s.p.practiceId, 'appointments');
    const r = await book(t, s.p.staff.front_desk, {
      ...booking(s, plusMinutes(start, -20)),
      clientId: s.otherClientId,
    });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(errorCode(r), 'slot_taken');
    const message = r.json<{ error: { message: string } }>().error.message;
    // In words, in the practice's zone, naming the clinician (not the other client).
    assert.match(
      message,
      /^associate \S+ already sees a client on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, 10:00–10:50 AM\. Choose another time\.$/,
    );
    assert.doesNotMatch(message, /Rowan|Achebe|Okafor|America|T10/);
    assert.equal(await countRows(t, s.p.practiceId, 'appointments'), before);
  });

  test('moving another appointment onto the slot is refused too', async () => {
    const other = await book(t, s.p.staff.front_desk, booking(s, upcoming(s.zone, 2, 2, '14:00')));
    const id = other.json<{ id: string }>().id;
    const r = await callAs(t, s.p.staff.front_desk, 'PATCH', `/api/v1/appointments/${id}`, {
      start: plusMinutes(start, 10),
    });
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(errorCode(r), 'slot_taken');
  });

  test('a cancellation frees the slot; reinstating it then collides', async () => {
    const cancel = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${takenId}`,
      {
        status: 'late_cancelled',
        statusReason: 'client_illness',
      },
    );
    assert.equal(cancel.statusCode, 200, cancel.body);
    const rebook = await book(t, s.p.staff.front_desk, booking(s, start));
    assert.equal(rebook.statusCode, 201, rebook.body);
    const reinstate = await callAs(
      t,
      s.p.staff.front_desk,
      'PATCH',
      `/api/v1/appointments/${takenId}`,
      { status: 'scheduled' },
    );
    assert.equal(reinstate.statusCode, 409);
    assert.equal(errorCode(reinstate), 'slot_taken');
  });

  test('two simultaneous bookings of one slot: exactly one 201, the other 409', async () => {
    const slot = upcoming(s.zone, 3, 4, '11:00');
    const before = await countRows(t, s.p.practiceId, 'appointments');
    const answers = await Promise.all(
      [s.p.staff.front_desk, s.p.staff.admin, s.p.staff.associate].map((who) =>
        book(t, who, booking(s, slot)),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(codes, [201, 409, 409], answers.map((a) => a.body).join('\n'));
    assert.equal(await countRows(t, s.p.practiceId, 'appointments'), before + 1);
  });

  test('a booking racing an uncommitted one waits for it, then gets 409 from the constraint', async () => {
    const slot = upcoming(s.zone, 3, 5, '09:00');
    let inserted!: () => void;
    let release!: () => void;
    const ready = new Promise<void>((r) => (inserted = r));
    const gate = new Promise<void>((r) => (release = r));
    // PGlite has one connection: a held transaction would block everything, so there the
    // rival commits first and the check before the insert sees it. PostgreSQL runs the real
    // race: our check cannot see the rival's uncommitted row, and the insert waits on it.
    const concurrent = t.db.kind === 'postgres';
    const rival = t.db.withPractice(s.p.practiceId, async (tx) => {
      await tx
        .insertInto('appointments')
        .values({
          id: randomUUID(),
          client_id: s.otherClientId,
          clinician_id: s.p.staff.associate.userId,
          start_at: new Date(slot),
          end_at: new Date(plusMinutes(slot, 50)),
          time_zone: s.zone,
          kind: 'telehealth',
          service_code: '90834',
          status: 'scheduled',
          created_by: s.p.staff.admin.userId,
          updated_by: s.p.staff.admin.userId,
        })
        .execute();
      inserted();
      if (concurrent) await gate;
    });
    await ready;
    if (!concurrent) await rival;
    const answer = book(t, s.p.staff.front_desk, booking(s, slot));
    if (concurrent) {
      await new Promise((r) => setTimeout(r, 300));
      release();
      await rival;
    }
    const r = await answer;
    assert.equal(r.statusCode, 409, r.body);
    assert.equal(errorCode(r), 'slot_taken');
    assert.match(r.json<{ error: { message: string } }>().error.message, /9:00–9:50 AM/);
  });

  test('another clinician at the same time is fine', async () => {
    const r = await book(t, s.p.staff.front_desk, {
      ...booking(s, start),
      clinicianId: s.p.staff.supervisor.userId,
    });
    assert.equal(r.statusCode, 201, r.body);
  });
});
