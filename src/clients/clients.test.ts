import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp, type TestApp } from '../testing/app.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { AuditSealer } from '../platform/audit-trail/sealer.ts';
import { verifyAuditChains } from '../platform/audit-trail/verify.ts';
import { captureLogs } from '../testing/logs.ts';
import { asSuperuser } from '../testing/superuser.ts';
import { sql } from 'kysely';

let t: TestApp;
let practiceId = '';
const who: Record<string, string> = {};
const ids: Record<string, string> = {};
const SAME_ORIGIN = { 'sec-fetch-site': 'same-origin' };

function call(method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: { ...SAME_ORIGIN, cookie },
    ...(payload ? { payload } : {}),
  });
}

async function signIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/session',
    headers: SAME_ORIGIN,
    payload: { email, password },
  });
  assert.equal(r.statusCode, 200, r.body);
  const c = r.cookies.find((x) => x.name === SESSION_COOKIE)!;
  return `${SESSION_COOKIE}=${encodeURIComponent(c.value)}`;
}

async function auditRows(action: string, clientId?: string) {
  return t.db.withPractice(practiceId, (tx) => {
    let q = tx
      .selectFrom('audit_events')
      .select(['actor_user_id', 'outcome', 'client_id', 'detail'])
      .where('action', '=', action);
    if (clientId) q = q.where('client_id', '=', clientId);
    return q.orderBy('id').execute();
  });
}

before(async () => {
  t = await testApp();
  practiceId = (await seedDemo(t.db)).practiceId;
  for (const role of ['admin', 'supervisor', 'associate', 'biller', 'frontdesk'])
    who[role] = await signIn(`${role}@hearth-demo.test`);
  const me = await call('GET', '/api/v1/me', who.associate!);
  ids.associate = me.json<{ user: { id: string } }>().user.id;
});
after(() => t.close());

describe('clients', () => {
  test('the front desk adds a client and assigns a clinician; the write is audited', async () => {
    const r = await call('POST', '/api/v1/clients', who.frontdesk!, {
      firstName: 'Ánna',
      lastName: 'Müller',
      preferredName: 'Annie',
      pronouns: 'she/her',
      dateOfBirth: '1988-04-12',
      email: 'Anna.M@example.org',
      phone: '+1 (555) 010-2030',
      address: { line1: '1 Elm St', city: 'Springfield', postalCode: '12345', country: 'US' },
      emergencyContact: { name: 'Jon Müller', relationship: 'spouse', phone: '+15550102031' },
      clinicianIds: [ids.associate],
    });
    assert.equal(r.statusCode, 201, r.body);
    const client = r.json<{
      id: string;
      clinicianIds: string[];
      email: string;
      dateOfBirth: string;
    }>();
    ids.anna = client.id;
    assert.deepEqual(client.clinicianIds, [ids.associate]);
    assert.equal(client.email, 'anna.m@example.org');
    assert.equal(client.dateOfBirth, '1988-04-12');
    assert.equal((await auditRows('client.create', client.id)).length, 1);
  });

  test('a clinician who adds a client takes them into their care', async () => {
    const r = await call('POST', '/api/v1/clients', who.supervisor!, {
      firstName: 'Bob',
      lastName: 'Baker',
      dateOfBirth: '1970-01-31',
    });
    assert.equal(r.statusCode, 201, r.body);
    ids.bob = r.json<{ id: string }>().id;
    assert.equal(r.json<{ clinicianIds: string[] }>().clinicianIds.length, 1);
  });

  test('bad input is refused and writes nothing', async () => {
    const cases: [object, string][] = [
      [{ firstName: 'A', lastName: 'B', dateOfBirth: '2999-01-01' }, 'invalid_date_of_birth'],
      [{ firstName: 'A', lastName: 'B', dateOfBirth: '1990-02-30' }, 'validation_failed'],
      // Before the database's earliest date: a field message, never a 500 from its CHECK.
      [{ firstName: 'A', lastName: 'B', dateOfBirth: '1800-01-01' }, 'validation_failed'],
      [{ firstName: 'A', lastName: 'B', dateOfBirth: '1900-01-01' }, 'validation_failed'],
      [
        { firstName: 'A', lastName: 'B', dateOfBirth: '1990-01-01', ssn: '123' },
        'validation_failed',
      ],
      [{ firstName: '   ', lastName: 'B', dateOfBirth: '1990-01-01' }, 'validation_failed'],
      [
        {
          firstName: 'A',
          lastName: 'B',
          dateOfBirth: '1990-01-01',
          clinicianIds: ['00000000-0000-4000-8000-000000000000'],
        },
        'invalid_clinician',
      ],
    ];
    const before = (await call('GET', '/api/v1/clients?limit=100', who.admin!)).json<{
      items: unknown[];
    }>().items.length;
    for (const [body, code] of cases) {
      const r = await call('POST', '/api/v1/clients', who.admin!, body);
      assert.equal(r.statusCode, 400, JSON.stringify(body));
      assert.equal(r.json<{ error: { code: string } }>().error.code, code, JSON.stringify(body));
    }
    const early = await call('POST', '/api/v1/clients', who.admin!, {
      firstName: 'A',
      lastName: 'B',
      dateOfBirth: '1800-01-01',
    });
    assert.match(
      early.json<{ error: { message: string } }>().error.message,
      /^body\.dateOfBirth must be after 1900-01-01\.$/,
    );
    // A change to an existing record is held to the same dates.
    const patched = await call('PATCH', `/api/v1/clients/${ids.bob}`, who.admin!, {
      dateOfBirth: '1800-01-01',
    });
    assert.equal(patched.statusCode, 400, patched.body);
    assert.equal(patched.json<{ error: { code: string } }>().error.code, 'validation_failed');
    const after = (await call('GET', '/api/v1/clients?limit=100', who.admin!)).json<{
      items: unknown[];
    }>().items.length;
    assert.equal(after, before);
  });

  test('search: word prefix, case- and accent-insensitive; pages by cursor', async () => {
    for (const [first, last] of [
      ['Anne', 'Zeller'],
      ['Carl', 'Anand'],
      ['Dora', 'Dupont'],
    ]) {
      await call('POST', '/api/v1/clients', who.admin!, {
        firstName: first,
        lastName: last,
        dateOfBirth: '1980-01-01',
      });
    }
    const names = async (q: string) =>
      (await call('GET', `/api/v1/clients?search=${encodeURIComponent(q)}`, who.admin!))
        .json<{ items: { lastName: string }[] }>()
        .items.map((c) => c.lastName);
    assert.deepEqual(
      (await names('ann')).sort(),
      ['Müller', 'Zeller'].sort(),
      'Ánna and Anne; not Anand (no word starts with "ann")',
    );
    assert.deepEqual(await names('MUELL'), [], 'no transliteration beyond accents');
    assert.deepEqual(await names('mull'), ['Müller']);
    assert.deepEqual(await names('annie'), ['Müller'], 'preferred names too');
    assert.deepEqual(await names('%'), [], 'LIKE wildcards are literal');
    const first = (await call('GET', '/api/v1/clients?limit=2', who.admin!)).json<{
      items: { id: string }[];
      nextCursor: string;
    }>();
    const second = (
      await call('GET', `/api/v1/clients?limit=2&cursor=${first.nextCursor}`, who.admin!)
    ).json<{ items: { id: string }[] }>();
    assert.equal(first.items.length, 2);
    assert.ok(second.items.every((c) => !first.items.some((f) => f.id === c.id)));
    assert.equal((await call('GET', '/api/v1/clients?cursor=garbage', who.admin!)).statusCode, 400);
  });

  test('a clinician sees only clients in their care; opening another is refused and audited', async () => {
    const list = (await call('GET', '/api/v1/clients', who.associate!)).json<{
      items: { id: string }[];
    }>();
    assert.deepEqual(
      list.items.map((c) => c.id),
      [ids.anna],
    );
    assert.equal(
      (await call('GET', `/api/v1/clients/${ids.anna}`, who.associate!)).statusCode,
      200,
    );
    const refused = await call('GET', `/api/v1/clients/${ids.bob}`, who.associate!);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'not_your_client');
    const denied = (await auditRows('client.read', ids.bob)).filter((e) => e.outcome === 'denied');
    assert.equal(denied.length, 1);
    assert.equal(
      (await call('PATCH', `/api/v1/clients/${ids.bob}`, who.associate!, { phone: '555' }))
        .statusCode,
      403,
    );
  });

  test('reads and changes are audited with the client id; a change lists field names only', async () => {
    await call('GET', `/api/v1/clients/${ids.anna}`, who.admin!);
    const patch = await call('PATCH', `/api/v1/clients/${ids.anna}`, who.admin!, {
      status: 'inactive',
      pronouns: 'they/them',
    });
    assert.equal(patch.statusCode, 200, patch.body);
    assert.equal(patch.json<{ status: string }>().status, 'inactive');
    const updates = await auditRows('client.update', ids.anna);
    assert.deepEqual(updates[0]?.detail, { status: true, pronouns: true });
    assert.ok((await auditRows('client.read', ids.anna)).length >= 2);
  });

  test('break-glass: refused without the grant, then time-boxed access, flagged and alerted', async () => {
    const noGrant = await call('POST', `/api/v1/clients/${ids.bob}/break-glass`, who.associate!, {
      reason: 'Client in crisis on the phone now',
    });
    assert.equal(noGrant.statusCode, 403);
    // The refusal is kept in the audit trail even though the request failed.
    const refused = await auditRows('break_glass.opened', ids.bob);
    assert.deepEqual(
      refused.map((r) => [r.actor_user_id, r.outcome]),
      [[ids.associate, 'denied']],
    );
    assert.equal(
      (await call('PATCH', `/api/v1/users/${ids.associate}`, who.admin!, { emergencyAccess: true }))
        .statusCode,
      200,
    );
    const tooShort = await call('POST', `/api/v1/clients/${ids.bob}/break-glass`, who.associate!, {
      reason: 'urgent',
    });
    assert.equal(tooShort.statusCode, 400);
    const granted = await call('POST', `/api/v1/clients/${ids.bob}/break-glass`, who.associate!, {
      reason: 'Client in crisis on the phone now',
    });
    assert.equal(granted.statusCode, 201, granted.body);
    const open = await call('GET', `/api/v1/clients/${ids.bob}`, who.associate!);
    assert.equal(open.statusCode, 200);
    const flagged = (await auditRows('client.read', ids.bob)).filter(
      (e) => e.outcome === 'success' && e.actor_user_id === ids.associate,
    );
    assert.deepEqual(flagged[0]?.detail, { breakGlass: true });
    const alerts = (await call('GET', '/api/v1/alerts', who.admin!)).json<{
      items: { kind: string }[];
    }>().items;
    assert.ok(alerts.some((a) => a.kind === 'break_glass'));
  });

  test('access report: every access to one client, with names; admins only', async () => {
    const report = await call('GET', `/api/v1/clients/${ids.bob}/access-report`, who.admin!);
    assert.equal(report.statusCode, 200, report.body);
    const items = report.json<{
      items: {
        action: string;
        outcome: string;
        breakGlass: boolean;
        actor: { name: string | null };
      }[];
    }>().items;
    assert.ok(
      items.some(
        (i) =>
          i.action === 'client.read' && i.outcome === 'denied' && i.actor.name === 'Alex Associate',
      ),
    );
    assert.ok(items.some((i) => i.action === 'client.read' && i.breakGlass));
    assert.ok(items.some((i) => i.action === 'break_glass.opened' && i.outcome === 'success'));
    assert.equal(
      (await call('GET', `/api/v1/clients/${ids.bob}/access-report`, who.frontdesk!)).statusCode,
      403,
    );
  });

  test('listing is audited too, with a count and no names', async () => {
    await call('GET', '/api/v1/clients?search=ann', who.frontdesk!);
    const listed = await auditRows('client.list');
    assert.deepEqual(listed.at(-1)?.detail, { count: 2, searched: true });
  });

  test('hundreds of concurrent audited requests make one unbroken, fully sealed chain', async () => {
    const sealer = new AuditSealer(t.db, captureLogs().logger, 100);
    sealer.start();
    const before = (await auditRows('client.read', ids.anna)).length;
    const responses = await Promise.all(
      Array.from({ length: 200 }, () => call('GET', `/api/v1/clients/${ids.anna}`, who.admin!)),
    );
    assert.ok(responses.every((r) => r.statusCode === 200));
    await sealer.stop();
    assert.equal((await auditRows('client.read', ids.anna)).length, before + 200);
    const pending = await t.db.withPractice(practiceId, (tx) =>
      tx.selectFrom('audit_pending').select('event_id').execute(),
    );
    assert.deepEqual(pending, []);
    const report = await verifyAuditChains(t.db, [practiceId]);
    assert.equal(report.intact, true);
    assert.ok(report.events >= 200);
  });

  test('another practice gets 404 for these clients and changes nothing', async () => {
    const signup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/signup',
      headers: SAME_ORIGIN,
      payload: {
        practiceName: 'Far Away Clinic',
        name: 'Fay Far',
        email: 'fay@faraway.test',
        password: 'pebble lantern orchard fjord',
        baa: { accepted: true, signature: 'Fay Far' },
      },
    });
    const other = signup.json<{ practice: { id: string } }>().practice.id;
    await t.db.withPractice(other, (tx) =>
      tx.updateTable('practices').set({ mfa_required: false }).where('id', '=', other).execute(),
    );
    const outsider = await signIn('fay@faraway.test', 'pebble lantern orchard fjord');
    assert.equal((await call('GET', `/api/v1/clients/${ids.anna}`, outsider)).statusCode, 404);
    assert.equal(
      (await call('PATCH', `/api/v1/clients/${ids.anna}`, outsider, { firstName: 'Hacked' }))
        .statusCode,
      404,
    );
    assert.equal(
      (await call('GET', `/api/v1/clients/${ids.anna}/access-report`, outsider)).statusCode,
      404,
    );
    assert.equal(
      (
        await call('POST', `/api/v1/clients/${ids.anna}/break-glass`, outsider, {
          reason: 'Trying to get in here',
        })
      ).statusCode,
      404,
    );
    assert.deepEqual(
      (await call('GET', '/api/v1/clients', outsider)).json<{ items: unknown[] }>().items,
      [],
    );
    const anna = (await call('GET', `/api/v1/clients/${ids.anna}`, who.admin!)).json<{
      firstName: string;
    }>();
    assert.equal(anna.firstName, 'Ánna');
  });

  test('a record opened reads as it was written, with one read event; unauditable, nothing is answered', async () => {
    const created = await call('POST', '/api/v1/clients', who.admin!, {
      firstName: 'Read',
      lastName: 'Roundtrip',
      dateOfBirth: '1991-07-04',
      address: { line1: '2 Oak St', city: 'Springfield', postalCode: '12345', country: 'US' },
      clinicianIds: [ids.associate],
    });
    assert.equal(created.statusCode, 201, created.body);
    const { id } = created.json<{ id: string }>();
    const opened = await call('GET', `/api/v1/clients/${id}`, who.admin!);
    assert.equal(opened.statusCode, 200, opened.body);
    assert.deepEqual(opened.json(), created.json());
    assert.equal((await auditRows('client.read', id)).length, 1);
    await asSuperuser(t.database, (su) =>
      sql`revoke insert on audit_events from hearth_app`.execute(su),
    );
    let refused;
    try {
      refused = await call('GET', `/api/v1/clients/${id}`, who.admin!);
    } finally {
      await asSuperuser(t.database, (su) =>
        sql`grant insert on audit_events to hearth_app`.execute(su),
      );
    }
    assert.equal(refused.statusCode, 503, refused.body);
    assert.equal(refused.json<{ error: { code: string } }>().error.code, 'audit_unavailable');
    assert.ok(!refused.body.includes('Roundtrip'), 'nothing of the record is answered');
    assert.equal((await auditRows('client.read', id)).length, 1);
  });
});
