import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';
import { assertCanaryNowhere, newCanary } from '../testing/canary.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { sql } from 'kysely';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;
let clientId = '';
const NOTE_TEXT = 'Client described the panic episodes in detail';

async function ok(r: { statusCode: number; body: string }, status = 201) {
  assert.equal(r.statusCode, status, r.body);
  return JSON.parse(r.body) as { id: string };
}

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t);
  clientId = (
    await ok(
      await callAs(t, p.staff.front_desk, 'POST', '/api/v1/clients', {
        firstName: 'Lena',
        lastName: 'Varga',
        dateOfBirth: '1993-08-14',
        phone: '+1 555 0100',
        clinicianIds: [p.staff.associate.userId],
      }),
    )
  ).id;
  const as = p.staff.associate;
  await ok(await callAs(t, as, 'POST', `/api/v1/clients/${clientId}/diagnoses`, { code: 'F41.1' }));
  const start = new Date(Date.now() + 48 * 3_600_000);
  start.setUTCMinutes(0, 0, 0);
  await ok(
    await callAs(t, p.staff.front_desk, 'POST', '/api/v1/appointments', {
      clientId,
      clinicianId: as.userId,
      start: start.toISOString(),
      end: new Date(start.getTime() + 50 * 60_000).toISOString(),
      kind: 'telehealth',
      serviceCode: '90834',
    }),
  );
  await ok(
    await callAs(t, as, 'POST', `/api/v1/clients/${clientId}/notes`, {
      template: 'soap',
      fields: { subjective: NOTE_TEXT, objective: '', assessment: '', plan: '' },
    }),
  );
  await ok(
    await callAs(t, as, 'POST', `/api/v1/clients/${clientId}/safety-plans`, {
      warningSigns: ['Not sleeping'],
    }),
  );
});
after(() => t.close());

const chart = (who: { cookie: string }, id = clientId) =>
  callAs(t, who, 'GET', `/api/v1/clients/${id}/chart`);

describe('the client chart', () => {
  test('a clinician sees the whole chart in one answer; the read is in the access report', async () => {
    const r = await chart(p.staff.associate);
    assert.equal(r.statusCode, 200, r.body);
    const c = r.json();
    assert.equal(c.view, 'clinical');
    assert.equal(c.client.lastName, 'Varga');
    assert.deepEqual(c.client.clinicianIds, [p.staff.associate.userId]);
    assert.deepEqual(
      c.diagnoses.map((d: { code: string; description: string }) => [d.code, d.description]),
      [['F41.1', 'Generalized anxiety disorder']],
    );
    assert.equal(c.nextAppointments.length, 1);
    assert.equal(c.nextAppointments[0].serviceCode, '90834');
    assert.equal(c.nextAppointments[0].clinician.id, p.staff.associate.userId);
    assert.match(c.nextAppointments[0].start, /Z$/);
    assert.deepEqual(
      c.latestNotes.map((n: { template: string; status: string }) => [n.template, n.status]),
      [['soap', 'draft']],
    );
    assert.ok(c.safetyPlan?.id);
    assert.ok(!r.body.includes(NOTE_TEXT), 'note text is never part of the chart');
    const reads = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'client.read')
        .where('client_id', '=', clientId)
        .execute(),
    );
    assert.ok(reads.some((row) => row.detail.view === 'chart'));
  });

  test('minimum necessary: the biller gets codes and appointments; the front desk no clinical field at all', async () => {
    const billing = (await chart(p.staff.biller)).json();
    assert.deepEqual(Object.keys(billing).sort(), [
      'client',
      'diagnoses',
      'nextAppointments',
      'view',
    ]);
    assert.equal(billing.diagnoses[0].code, 'F41.1');
    // The biller's client is the biller's client view (src/clients/views.ts): no pronouns.
    assert.deepEqual(Object.keys(billing.client).sort(), [
      'clinicianIds',
      'dateOfBirth',
      'email',
      'firstName',
      'id',
      'lastName',
      'phone',
      'preferredName',
      'status',
    ]);
    const desk = await chart(p.staff.front_desk);
    assert.equal(desk.statusCode, 200);
    assert.deepEqual(Object.keys(desk.json()).sort(), ['client', 'nextAppointments', 'view']);
    assert.ok('pronouns' in desk.json().client, "the front desk's client view keeps pronouns");
    for (const clinical of ['anxiety', 'soap', 'diagnos', 'safety', NOTE_TEXT]) {
      assert.ok(!desk.body.toLowerCase().includes(clinical.toLowerCase()), `no "${clinical}"`);
    }
    // Case kept: ids are lowercase hex, where "f41" turns up now and then.
    assert.ok(!/F41/.test(desk.body), 'no diagnosis code');
  });

  test('another clinician gets 403 not_your_client (audited); another practice 404', async () => {
    const theirs = await chart(p.secondAssociate);
    assert.equal(theirs.statusCode, 403);
    assert.equal(theirs.json().error.code, 'not_your_client');
    const denied = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('actor_user_id')
        .where('action', '=', 'client.read')
        .where('outcome', '=', 'denied')
        .where('client_id', '=', clientId)
        .execute(),
    );
    assert.deepEqual(denied, [{ actor_user_id: p.secondAssociate.userId }]);
    // With a break-glass grant the same clinician gets in, and the read is flagged.
    await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .insertInto('break_glass_grants')
        .values({
          user_id: p.secondAssociate.userId,
          client_id: clientId,
          reason: 'Client in crisis, on call',
          expires_at: new Date(Date.now() + 60_000),
        })
        .execute(),
    );
    assert.equal((await chart(p.secondAssociate)).statusCode, 200);
    const flagged = await t.db.withPractice(p.practiceId, (tx) =>
      tx
        .selectFrom('audit_events')
        .select('detail')
        .where('action', '=', 'client.read')
        .where('outcome', '=', 'success')
        .where('actor_user_id', '=', p.secondAssociate.userId)
        .execute(),
    );
    assert.deepEqual(
      flagged.map((f) => f.detail),
      [{ view: 'chart', breakGlass: true }],
    );
    assert.equal((await chart(other.staff.admin)).statusCode, 404);
    assert.equal((await chart(p.staff.admin, crypto.randomUUID())).statusCode, 404);
  });

  test('each opened chart writes exactly one read event; if it cannot, no chart is answered (fail closed)', async () => {
    const reads = () =>
      t.db.withPractice(p.practiceId, async (tx) => {
        const { n } = await tx
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('action', '=', 'client.read')
          .where('actor_user_id', '=', p.staff.associate.userId)
          .executeTakeFirstOrThrow();
        return Number(n);
      });
    const before = await reads();
    assert.equal((await chart(p.staff.associate)).statusCode, 200);
    assert.equal(await reads(), before + 1);
    await asSuperuser(t.database, (su) =>
      sql`revoke insert on audit_events from hearth_app`.execute(su),
    );
    try {
      const refused = await chart(p.staff.associate);
      assert.equal(refused.statusCode, 503, refused.body);
      assert.equal(refused.json().error.code, 'audit_unavailable');
      assert.ok(!refused.body.includes('Varga'), 'nothing of the chart is answered');
    } finally {
      await asSuperuser(t.database, (su) =>
        sql`grant insert on audit_events to hearth_app`.execute(su),
      );
    }
    assert.equal(await reads(), before + 1);
  });

  test('no PHI reaches the log or the audit detail', async () => {
    const canary = newCanary();
    await chart(p.staff.associate, canary);
    await callAs(t, p.staff.associate, 'GET', `/api/v1/clients/${clientId}/chart?${canary}=1`);
    await assertCanaryNowhere(t, canary);
  });
});
