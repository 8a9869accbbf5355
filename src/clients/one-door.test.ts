import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hasPermission, type Role } from '../auth/roles.ts';
import { testApp, type TestApp } from '../testing/app.ts';
import { callAs, STAFF_ROLES, type StaffMember } from '../testing/practice.ts';
import { ROUTES, type Reach, type RouteCase } from './testing/access-routes.ts';
import {
  accessWorld,
  recordsFor,
  RELATIONSHIPS,
  uploadAs,
  type AccessWorld,
  type Records,
  type Relationship,
} from './testing/access-world.ts';

/**
 * The one access rule (docs/permissions.md), restated independently of the code: whole-practice
 * roles reach every client; clinicians the clients in their care or opened by break-glass, and
 * — with `read:note:supervisee` — the notes their supervisees write and the clients in their
 * supervisees' care. Another
 * practice's records do not exist.
 */
function reaches(role: Role, relationship: Relationship, reach: Reach): boolean {
  if (relationship === 'other_practice') return false;
  if (reach === 'exists') return true;
  if (hasPermission(role, 'read:client:any')) return true;
  if (!hasPermission(role, 'read:client:own')) return false;
  if (relationship === 'care' || relationship === 'break_glass') return true;
  // Supervision reaches the supervisee's clients — their whole record, the chart included.
  return relationship === 'supervision' && hasPermission(role, 'read:note:supervisee');
}

type Expected = 'allowed' | 'forbidden' | 'not_your_client' | 'missing' | 'listed' | 'unlisted';

function expected(route: RouteCase, role: Role, relationship: Relationship): Expected {
  // The permission is checked first, and its refusal is the same for every id: it says
  // nothing about whether the record exists.
  if (!route.permitted(role)) return 'forbidden';
  const reached = reaches(role, relationship, route.reach);
  if (route.listed) return reached ? 'listed' : 'unlisted';
  if (reached) return 'allowed';
  return relationship === 'other_practice' ? 'missing' : 'not_your_client';
}

/**
 * Allowed answers are 2xx or a 4xx for another reason (already signed, not the author…); these
 * are pinned exactly, so that "allowed" cannot pass by failing for some other reason everywhere.
 */
const EXACT: Record<string, number> = {
  'associate/care/read note': 200,
  'associate/break_glass/read note': 200,
  'supervisor/supervision/read note': 200,
  'supervisor/supervision/note versions': 200,
  'supervisor/supervision/co-sign': 200,
  'supervisor/supervision/unlock': 200,
  'supervisor/care/unlock': 200,
  'supervisor/break_glass/add diagnosis': 201,
  'admin/outside/unlock': 200,
  'admin/outside/document bytes': 200,
  'front_desk/outside/book': 201,
  'front_desk/outside/change appointment': 200,
  'biller/outside/insurance': 200,
  'associate/care/delete document': 204,
  'associate/outside/break-glass': 201,
};

let t: TestApp;
let w: AccessWorld;

before(async () => {
  t = await testApp();
  w = await accessWorld(t);
});
after(() => t.close());

async function deniedRows(viewer: StaffMember): Promise<number> {
  return t.db.withPractice(w.p.practiceId, async (tx) => {
    const { n } = await tx
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('actor_user_id', '=', viewer.userId)
      .where('outcome', '=', 'denied')
      .executeTakeFirstOrThrow();
    return Number(n);
  });
}

function send(viewer: StaffMember, route: RouteCase, records: Records) {
  const url = route.url(records);
  if (route.upload) return uploadAs(t, viewer, records.clientId);
  return callAs(t, viewer, route.method, url, route.body?.(records));
}

/** Checks one answer against the rule; returns a line describing a mismatch, or null. */
async function check(
  viewer: StaffMember,
  relationship: Relationship,
  route: RouteCase,
  records: Records,
): Promise<string | null> {
  const want = expected(route, viewer.role, relationship);
  const denied = await deniedRows(viewer);
  const r = await send(viewer, route, records);
  const code =
    r.statusCode >= 400 ? r.json<{ error?: { code?: string } }>().error?.code : undefined;
  const got = `${r.statusCode}${code ? ` ${code}` : ''}`;
  const where = `${viewer.role} / ${relationship} / ${route.name} (${route.method})`;
  if (r.statusCode >= 500) return `${where}: ${got}`;
  switch (want) {
    case 'allowed': {
      const exact = EXACT[`${viewer.role}/${relationship}/${route.name}`];
      if (exact !== undefined && r.statusCode !== exact)
        return `${where}: expected ${exact}, got ${got}`;
      // 2xx, or a 4xx for another reason (already signed, not the author…) — never a refusal
      // of access, and never "no such record".
      if (r.statusCode === 404 || code === 'not_your_client' || code === 'forbidden')
        return `${where}: expected access, got ${got}`;
      return null;
    }
    case 'listed':
    case 'unlisted': {
      if (r.statusCode !== 200) return `${where}: expected 200, got ${got}`;
      const listed = route.listed!(r.json(), records);
      return listed === (want === 'listed')
        ? null
        : `${where}: expected ${want}, got ${listed ? 'listed' : 'unlisted'}`;
    }
    case 'missing':
      return r.statusCode === 404 ? null : `${where}: expected 404, got ${got}`;
    case 'forbidden':
    case 'not_your_client': {
      if (r.statusCode !== 403 || code !== want)
        return `${where}: expected 403 ${want}, got ${got}`;
      if ((await deniedRows(viewer)) <= denied)
        return `${where}: 403 ${want} left no denied audit row`;
      return null;
    }
  }
}

describe('one access door: every route that takes a client, note, document or appointment id', () => {
  for (const role of STAFF_ROLES) {
    test(`${role}: each relationship, each route, answered as the rule says and refusals audited`, async () => {
      const viewer = w.p.staff[role];
      const mismatches: string[] = [];
      for (const relationship of RELATIONSHIPS) {
        const records = await recordsFor(w, viewer, relationship);
        for (const route of ROUTES) {
          const mismatch = await check(viewer, relationship, route, records);
          if (mismatch) mismatches.push(mismatch);
        }
      }
      assert.deepEqual(mismatches, []);
    });
  }

  test('the note lists follow the same rule: a supervisee’s notes, the co-signature queue, an author who lost the client', async () => {
    const supervisor = w.p.staff.supervisor;
    const theirs = await recordsFor(w, supervisor, 'supervision');
    const ids = (r: { json: () => unknown }) =>
      (r.json() as { items: { id: string }[] }).items.map((i) => i.id);
    const byAuthor = await callAs(
      t,
      supervisor,
      'GET',
      `/api/v1/notes?authorId=${theirs.author.userId}`,
    );
    assert.equal(byAuthor.statusCode, 200, byAuthor.body);
    assert.ok(ids(byAuthor).includes(theirs.signedNoteId));
    const queue = await callAs(t, supervisor, 'GET', '/api/v1/notes/cosign-queue');
    assert.ok(ids(queue).includes(theirs.signedNoteId));
    // The author's client moves to another clinician: the author no longer reaches its notes,
    // in a list or one by one.
    const records = await recordsFor(w, w.p.staff.associate, 'outside');
    const moved = await callAs(
      t,
      w.p.staff.front_desk,
      'PATCH',
      `/api/v1/clients/${records.clientId}`,
      {
        clinicianIds: [w.p.secondAssociate.userId],
      },
    );
    assert.equal(moved.statusCode, 200, moved.body);
    const mine = await callAs(t, w.author, 'GET', '/api/v1/notes?authorId=me');
    assert.equal(mine.statusCode, 200);
    assert.ok(!ids(mine).includes(records.draftNoteId));
    const one = await callAs(t, w.author, 'GET', `/api/v1/notes/${records.draftNoteId}`);
    assert.equal(one.statusCode, 403);
  });

  test('refusals of client create and change are audited', async () => {
    const biller = w.p.staff.biller;
    const before = await deniedRows(biller);
    const created = await callAs(t, biller, 'POST', '/api/v1/clients', {
      firstName: 'Refused',
      lastName: 'Create',
      dateOfBirth: '1990-01-01',
    });
    assert.equal(created.statusCode, 403);
    assert.equal(await deniedRows(biller), before + 1);
    const associate = w.p.staff.associate;
    const records = await recordsFor(w, associate, 'outside');
    const beforeChange = await deniedRows(associate);
    const changed = await callAs(t, associate, 'PATCH', `/api/v1/clients/${records.clientId}`, {
      clinicianIds: [associate.userId],
    });
    assert.equal(changed.statusCode, 403);
    assert.equal(await deniedRows(associate), beforeChange + 1);
  });
});
