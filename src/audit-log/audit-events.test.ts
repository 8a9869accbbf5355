import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { testApp, type TestApp } from '../testing/app.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { sealPractice } from '../platform/audit-trail/seal.ts';
import { inReach } from '../clients/index.ts';
import { selectAuditEvents } from './queries.ts';

let t: TestApp;
let practiceId: string;
let admin: string;
let associate: string;
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

async function signIn(
  email: string,
  password = DEMO_PASSWORD,
  userAgent = 'test-agent',
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: { ...SAME_ORIGIN, 'user-agent': userAgent },
    payload: { email, password },
  });
  assert.equal(response.statusCode, 200, response.body);
  const cookie = response.cookies.find((c) => c.name === '__Host-hearth_session');
  assert.ok(cookie);
  return `${cookie.name}=${cookie.value}`;
}

function get(url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

interface Page {
  items: {
    id: string;
    action: string;
    outcome: string;
    actor: { userId: string | null };
    seq: string | null;
  }[];
  nextCursor: string | null;
}

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
  admin = await signIn('admin@hearth-demo.test');
  associate = await signIn('associate@hearth-demo.test');
});
after(() => t.close());

describe('GET /api/v1/audit-events', () => {
  test('an admin reads the trail, newest first, and reading it is itself recorded', async () => {
    const first = await get('/api/v1/audit-events', admin);
    assert.equal(first.statusCode, 200);
    const page = first.json<Page>();
    assert.ok(page.items.some((e) => e.action === 'auth.login.succeeded'));
    const second = await get('/api/v1/audit-events?limit=1', admin);
    assert.equal(second.json<Page>().items[0]?.action, 'audit.read');
  });

  test('filters by action, outcome and user; sealed events carry their chain position', async () => {
    await sealPractice(t.db, practiceId);
    const me = await get('/api/v1/me', admin);
    const userId = me.json<{ user: { id: string } }>().user.id;
    const response = await get(
      `/api/v1/audit-events?action=auth.login.succeeded&outcome=success&userId=${userId}`,
      admin,
    );
    const items = response.json<Page>().items;
    assert.equal(items.length, 1);
    assert.equal(items[0]?.actor.userId, userId);
    assert.match(items[0]?.seq ?? '', /^\d+$/);
  });

  test('bad filters are refused with a message, not ignored', async () => {
    const cases: [string, string][] = [
      ['from=yesterday', 'validation_failed'],
      ['action=client.teleport', 'validation_failed'],
      ['outcome=maybe', 'validation_failed'],
      ['userId=42', 'validation_failed'],
      ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'invalid_range'],
      ['cursor=not-a-cursor', 'invalid_cursor'],
      ['limit=0', 'validation_failed'],
      ['sort=asc', 'validation_failed'],
    ];
    for (const [query, code] of cases) {
      const response = await get(`/api/v1/audit-events?${query}`, admin);
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json<{ error: { code: string } }>().error.code, code, query);
    }
  });

  test('cursor pages cover every event once', async () => {
    const all = (await get('/api/v1/audit-events?limit=500', admin))
      .json<Page>()
      .items.map((e) => e.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-events?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page = (await get(url, admin)).json<Page>();
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    // Each page read adds an audit.read event newer than the pages being walked.
    const walked = seen.filter((id) => all.includes(id));
    assert.deepEqual(
      walked,
      all.filter((id) => seen.includes(id)),
    );
    assert.equal(new Set(seen).size, seen.length, 'no event on two pages');
    assert.ok(
      all.every((id) => seen.includes(id)),
      'every event reached',
    );
  });

  test('CSV download: an attachment, formulas escaped, and the export recorded', async () => {
    await signIn('biller@hearth-demo.test', DEMO_PASSWORD, '=HYPERLINK("http://evil.test")');
    const response = await get(
      '/api/v1/audit-events?format=csv&action=auth.login.succeeded',
      admin,
    );
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(
      String(response.headers['content-disposition']),
      /^attachment; filename="hearth-audit-/,
    );
    const lines = response.body.trim().split('\n');
    assert.match(lines[0] ?? '', /^id,occurredAt,actorType/);
    assert.ok(lines.length >= 4, 'three sign-ins at least');
    assert.ok(
      response.body.includes(`"'=HYPERLINK`),
      'a formula is neutralised with a leading quote',
    );
    const exported = (await get('/api/v1/audit-events?action=audit.export', admin)).json<Page>();
    assert.equal(exported.items.length, 1);
  });

  test('an associate is refused with 403, and the refusal is audited', async () => {
    const response = await get('/api/v1/audit-events', associate);
    assert.equal(response.statusCode, 403);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'forbidden');
    const denied = (
      await get('/api/v1/audit-events?action=auth.access.denied&outcome=denied', admin)
    ).json<Page>();
    assert.equal(denied.items.length, 1);
  });

  test('each event names its client, for a reader the one access rule lets reach them', async () => {
    const post = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/clients',
        headers: { ...SAME_ORIGIN, cookie: admin },
        payload: body,
      });
    const meOf = async (cookie: string) =>
      (await get('/api/v1/me', cookie)).json<{ user: { id: string } }>().user.id;
    const associateId = await meOf(associate);
    const inCare = (
      await post({
        firstName: 'Ada',
        lastName: 'Quill',
        dateOfBirth: '1980-02-03',
        clinicianIds: [associateId],
      })
    ).json<{ id: string }>().id;
    const elsewhere = (
      await post({ firstName: 'Bo', lastName: 'Reed', dateOfBirth: '1981-02-03' })
    ).json<{ id: string }>().id;
    await get(`/api/v1/clients/${elsewhere}`, admin);
    const page = (await get('/api/v1/audit-events?action=client.read&limit=5', admin)).json<{
      items: { clientId: string | null; clientName: string | null }[];
    }>();
    assert.deepEqual(page.items[0], {
      ...page.items[0],
      clientId: elsewhere,
      clientName: 'Bo Reed',
    });
    const events = await get('/api/v1/audit-events?action=audit.read&limit=1', admin);
    assert.equal(events.json<{ items: { clientName: null }[] }>().items[0]?.clientName, null);
    // The name comes through the access rule: a clinician would see only their own client's.
    const actor = {
      userId: associateId,
      practiceId,
      role: 'associate',
      sessionId: '',
      mfaPending: false,
    };
    const rows = await t.db.withPractice(practiceId, (tx) =>
      selectAuditEvents(
        tx,
        { action: 'client.create' },
        10,
        inReach(actor, { client: sql.ref<string>('c.id') }),
      ),
    );
    const nameOf = new Map(rows.map((r) => [r.client_id, r.client_name]));
    assert.equal(nameOf.get(inCare), 'Ada Quill');
    assert.equal(nameOf.get(elsewhere), null);
  });

  test('without a session: 401', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events' });
    assert.equal(response.statusCode, 401);
  });

  test('another practice sees none of these events', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: SAME_ORIGIN,
      payload: {
        practiceName: 'Other Practice',
        name: 'Olga Other',
        email: 'olga@other.test',
        password: 'copper kettle singing softly',
        baa: { accepted: true, signature: 'Olga Other' },
      },
    });
    assert.equal(signup.statusCode, 201, signup.body);
    const otherPractice = signup.json<{ practice: { id: string } }>().practice.id;
    await t.db.withPractice(otherPractice, (tx) =>
      tx
        .updateTable('practices')
        .set({ mfa_required: false })
        .where('id', '=', otherPractice)
        .execute(),
    );
    const other = await signIn('olga@other.test', 'copper kettle singing softly');
    const page = (await get('/api/v1/audit-events?limit=500', other)).json<Page>();
    const mine = (await get('/api/v1/audit-events?limit=500', admin)).json<Page>();
    assert.ok(page.items.length >= 2);
    const overlap = page.items.filter((e) => mine.items.some((m) => m.id === e.id));
    assert.deepEqual(overlap, []);
  });

  test('when the audit row cannot be written the read fails with 503, returns nothing, and an alert goes out', async () => {
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/practice',
      headers: { ...SAME_ORIGIN, cookie: admin },
      payload: { privacyOfficerEmail: 'Privacy@Demo.test' },
    });
    const revoke = sql`revoke insert on audit_events from hearth_app`;
    await asSuperuser(t.database, (su) => revoke.execute(su));
    let response;
    try {
      response = await get('/api/v1/audit-events', admin);
    } finally {
      await asSuperuser(t.database, (su) =>
        sql`grant insert on audit_events to hearth_app`.execute(su),
      );
    }
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'audit_unavailable');
    assert.doesNotMatch(response.body, /auth\.login/);
    let alerts: { kind: string }[] = [];
    for (let i = 0; i < 50 && !alerts.some((a) => a.kind === 'audit_write_failed'); i++) {
      await new Promise((r) => setTimeout(r, 20));
      alerts = (await get('/api/v1/alerts', admin)).json<{ items: { kind: string }[] }>().items;
    }
    assert.ok(alerts.some((a) => a.kind === 'audit_write_failed'));
    const outbox = (await get('/api/v1/notifications', admin)).json<{
      items: { recipient: string; subject: string }[];
    }>();
    assert.equal(outbox.items[0]?.recipient, 'privacy@demo.test');
    assert.match(outbox.items[0]?.subject ?? '', /audit write failed/);
  });
});
