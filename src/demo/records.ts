import { Temporal } from 'temporal-polyfill';
import {
  insertSession,
  encodeSessionValue,
  newSessionToken,
  SESSION_COOKIE,
} from '../auth/index.ts';
import type { Database } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { DEMO_CLIENTS, demoLetter, soapNote } from './content.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

/**
 * Fills the demo practice with records a visitor can click through: clients in each
 * clinician's care with diagnoses and insurance, a week of recurring sessions, signed and draft
 * notes (one waiting for its co-signature), a safety plan and a document. Everything goes
 * through the real API in process, as the demo users themselves — so it is validated,
 * encrypted and audited exactly as if they had typed it — on short sessions ended afterwards.
 */
export async function seedDemoRecords(
  app: HearthApp,
  db: Database,
  practiceId: string,
): Promise<void> {
  const users = await db.withPractice(practiceId, (tx) =>
    tx.selectFrom('users').select(['id', 'role', 'email']).execute(),
  );
  const byRole = (role: Role) => users.find((u) => u.role === role)!;
  const cookies = new Map<Role, string>();
  const sessions: string[] = [];
  await db.withPractice(practiceId, async (tx) => {
    for (const user of users) {
      const { token, hash } = newSessionToken();
      sessions.push(
        await insertSession(tx, {
          userId: user.id,
          tokenHash: hash,
          mfaPending: false,
          expiresAt: new Date(Date.now() + 10 * 60_000),
          ip: '127.0.0.1',
          userAgent: 'hearth-demo-seed',
        }),
      );
      const value = app.signCookie(encodeSessionValue(practiceId, token));
      cookies.set(user.role, `${SESSION_COOKIE}=${encodeURIComponent(value)}`);
    }
  });
  const call = async <T = { id: string }>(
    role: Role,
    method: Method,
    url: string,
    body?: object,
  ) => {
    const r = await app.inject({
      method,
      url,
      headers: { 'sec-fetch-site': 'same-origin', cookie: cookies.get(role)! },
      ...(body ? { payload: body } : {}),
    });
    if (r.statusCode >= 300)
      throw new Error(`demo seed: ${method} ${url} answered ${r.statusCode}`);
    return r.json<T>();
  };
  try {
    const admin = byRole('admin');
    const supervisor = byRole('supervisor');
    const associate = byRole('associate');
    await call('admin', 'PATCH', `/api/v1/users/${supervisor.id}`, { credentials: 'PhD, LP' });
    await call('admin', 'PATCH', `/api/v1/users/${associate.id}`, {
      credentials: 'LMSW',
      supervisorId: supervisor.id,
    });
    await call('admin', 'PATCH', `/api/v1/users/${admin.id}`, { credentials: 'LCSW' });
    for (const clinician of [admin, supervisor, associate]) {
      await call('admin', 'PUT', `/api/v1/clinicians/${clinician.id}/hours`, {
        blocks: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
      });
    }
    const office = await call('admin', 'POST', '/api/v1/locations', { name: 'Main office' });
    const clinicians = [associate, associate, associate, supervisor, supervisor, admin];
    const zone = 'America/New_York';
    const firstDay = Temporal.Now.plainDateISO(zone).add({ days: 1 });
    for (const [i, client] of DEMO_CLIENTS.entries()) {
      const clinician = clinicians[i % clinicians.length]!;
      const created = await call('front_desk', 'POST', '/api/v1/clients', {
        ...client.details,
        clinicianIds: [clinician.id],
      });
      for (const code of client.diagnoses) {
        await call('admin', 'POST', `/api/v1/clients/${created.id}/diagnoses`, { code });
      }
      if (client.insurance) {
        await call(
          'front_desk',
          'POST',
          `/api/v1/clients/${created.id}/insurance`,
          client.insurance,
        );
      }
      const day = firstDay.add({ days: i % 5 });
      const start = day.toZonedDateTime({ timeZone: zone, plainTime: `${10 + (i % 6)}:00` });
      await call('front_desk', 'POST', '/api/v1/appointments', {
        clientId: created.id,
        clinicianId: clinician.id,
        start: start.toInstant().toString(),
        end: start.add({ minutes: 50 }).toInstant().toString(),
        kind: i % 3 === 0 ? 'telehealth' : 'in_person',
        ...(i % 3 === 0 ? {} : { locationId: office.id }),
        serviceCode: i === 0 ? '90791' : '90834',
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=8' },
      });
      const author: Role =
        clinician.id === associate.id
          ? 'associate'
          : clinician.id === supervisor.id
            ? 'supervisor'
            : 'admin';
      if (client.note) {
        const note = await call(author, 'POST', `/api/v1/clients/${created.id}/notes`, {
          template: 'soap',
          fields: soapNote(client.note),
        });
        if (client.note.sign) await call(author, 'POST', `/api/v1/notes/${note.id}/sign`);
      }
      if (client.safetyPlan) {
        await call(author, 'POST', `/api/v1/clients/${created.id}/safety-plans`, client.safetyPlan);
      }
      if (client.letter) {
        await uploadLetter(app, cookies.get(author)!, created.id);
      }
    }
  } finally {
    await db.withPractice(practiceId, (tx) =>
      tx
        .updateTable('sessions')
        .set({ revoked_at: new Date() })
        .where('id', 'in', sessions)
        .execute(),
    );
  }
}

async function uploadLetter(app: HearthApp, cookie: string, clientId: string): Promise<void> {
  const boundary = '----hearthdemo';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Referral letter.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    await demoLetter(),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await app.inject({
    method: 'POST',
    url: `/api/v1/clients/${clientId}/documents`,
    headers: {
      'sec-fetch-site': 'same-origin',
      cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  if (r.statusCode !== 201) throw new Error(`demo seed: document upload answered ${r.statusCode}`);
}
