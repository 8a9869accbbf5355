import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, staffedPractice, type StaffedPractice } from '../testing/practice.ts';

let t: TestApp;
let p: StaffedPractice;
let other: StaffedPractice;

before(async () => {
  t = await testApp();
  p = await staffedPractice(t);
  other = await staffedPractice(t, 'Other');
});
after(() => t.close());

interface Member {
  id: string;
  supervisorId: string | null;
  credentials: string | null;
}
const patch = (userId: string, body: object, who = p.staff.admin) =>
  callAs(t, who, 'PATCH', `/api/v1/users/${userId}`, body);
const member = async (userId: string) => {
  const r = await callAs(t, p.staff.admin, 'GET', '/api/v1/users');
  return r.json<{ items: Member[] }>().items.find((m) => m.id === userId)!;
};
const audited = (action: string) =>
  t.db.withPractice(p.practiceId, (tx) =>
    tx
      .selectFrom('audit_events')
      .select(['subject_id', 'detail'])
      .where('action', '=', action)
      .execute(),
  );

describe('clinical supervisor and credentials', () => {
  test('an admin sets an associate’s supervisor and credentials; both answer and are audited', async () => {
    const associate = p.staff.associate.userId;
    const r = await patch(associate, {
      supervisorId: p.staff.supervisor.userId,
      credentials: ' LPC-A ',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(
      { supervisorId: r.json<Member>().supervisorId, credentials: r.json<Member>().credentials },
      { supervisorId: p.staff.supervisor.userId, credentials: 'LPC-A' },
    );
    assert.equal((await member(associate)).supervisorId, p.staff.supervisor.userId);
    assert.deepEqual(
      (await audited('user.supervisor.changed')).map((a) => a.detail),
      [{ from: null, to: p.staff.supervisor.userId }],
    );
    assert.deepEqual(
      (await audited('user.credentials.changed')).map((a) => a.detail),
      [{ set: true }],
    );
    const cleared = await patch(associate, { supervisorId: null, credentials: null });
    assert.deepEqual(
      [cleared.json<Member>().supervisorId, cleared.json<Member>().credentials],
      [null, null],
    );
  });

  test('a supervisor must be an active supervisor or admin of the practice, not oneself', async () => {
    const associate = p.staff.associate.userId;
    const cases: [object, number][] = [
      [{ supervisorId: associate }, 400],
      [{ supervisorId: p.secondAssociate.userId }, 400],
      [{ supervisorId: p.staff.biller.userId }, 400],
      [{ supervisorId: other.staff.supervisor.userId }, 400],
      [{ supervisorId: randomUUID() }, 400],
      [{ credentials: '<script>' }, 400],
      [{ credentials: 'x'.repeat(41) }, 400],
    ];
    for (const [body, status] of cases) {
      const r = await patch(associate, body);
      assert.equal(r.statusCode, status, `${JSON.stringify(body)}: ${r.body}`);
    }
    const biller = await patch(p.staff.biller.userId, { supervisorId: p.staff.supervisor.userId });
    assert.equal(biller.statusCode, 400, 'billers have no clinical supervisor');
    assert.equal((await member(associate)).supervisorId, null);
  });

  test('only admins set them; another practice gets 404', async () => {
    const body = { supervisorId: p.staff.supervisor.userId };
    const bySupervisor = await patch(p.staff.associate.userId, body, p.staff.supervisor);
    assert.equal(bySupervisor.statusCode, 403);
    const outsider = await patch(p.staff.associate.userId, body, other.staff.admin);
    assert.equal(outsider.statusCode, 404);
    assert.equal((await member(p.staff.associate.userId)).supervisorId, null);
  });
});
