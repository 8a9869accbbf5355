// Appointment reminders: scheduling them (the triggers plan each booked appointment's reminders
// in the booking's own transaction) and sending them (the send job turns due reminders into
// outbox messages; OutboxDelivery hands those to a loopback SMTP server and fake Twilio).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import { OutboxDelivery } from '../src/platform/mail/delivery.ts';
import { captureLogs } from '../src/testing/logs.ts';
import { NumberDigester } from '../src/platform/sms/phone.ts';
import { sendDueReminders } from '../src/reminders/index.ts';
import { eachBackend, type Backend } from './lib/backends.ts';
import { createBenchPractice, withBenchDatabase } from './lib/database.ts';
import { startProviders } from './lib/reminder-fakes.ts';
import { count } from './lib/stats.ts';
import type { Benchmark, Row } from './lib/types.ts';

/** BENCH_REMINDERS shortens a run (default 10,000 appointments and 10,000 sends). */
const N = Number(process.env.BENCH_REMINDERS ?? 10_000);
const BATCH = 500;
const CLINICIANS = 20;
const CLIENTS = 1_000;
const SLOTS_PER_DAY = 10;
const DAY_MS = 86_400_000;
const NAME = `reminders (${count(N)} appointments scheduled, ${count(N)} reminders sent)`;

interface Practice {
  practiceId: string;
  clinicians: string[];
  clients: string[];
}

/** A practice with clinicians and clients whose texts are on, with consent. */
async function seedPractice(db: Database): Promise<Practice> {
  const practiceId = await createBenchPractice(db);
  return db.withPractice(practiceId, async (tx) => {
    const tag = randomUUID().slice(0, 8);
    const users = await tx
      .insertInto('users')
      .values(
        Array.from({ length: CLINICIANS }, (_, i) => ({
          email: `clinician-${i}-${tag}@example.test`,
          name: `Clinician ${i + 1}`,
          role: 'associate' as const,
          password_hash: 'scrypt$unused',
        })),
      )
      .returning('id')
      .execute();
    const clinicians = users.map((u) => u.id);
    const clients: string[] = [];
    for (let i = 0; i < CLIENTS; i += BATCH) {
      const rows = await tx
        .insertInto('clients')
        .values(
          Array.from({ length: Math.min(BATCH, CLIENTS - i) }, (_, k) => ({
            first_name: 'Bench',
            last_name: `Client ${i + k}`,
            date_of_birth: '1980-01-01',
            email: `client-${i + k}-${tag}@example.test`,
            phone: `+1555${String(1_000_000 + i + k).padStart(7, '0')}`,
          })),
        )
        .returning('id')
        .execute();
      clients.push(...rows.map((r) => r.id));
    }
    await tx
      .insertInto('client_contact_preferences')
      .values(
        clients.map((client_id) => ({
          client_id,
          sms_reminders: true,
          sms_consent_at: new Date(),
          sms_consent_by: clinicians[0]!,
          updated_by: clinicians[0]!,
        })),
      )
      .execute();
    return { practiceId, clinicians, clients };
  });
}

/** Books N appointments in batches; answers appointments per second. */
async function book(db: Database, p: Practice): Promise<number> {
  // From three days ahead, so a 48 h reminder is still in the future; hourly, 13:00–22:00 UTC.
  const first = Math.floor(Date.now() / DAY_MS) * DAY_MS + 3 * DAY_MS;
  const started = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, N - i) }, (_, k) => {
      const n = i + k;
      const slot = Math.floor(n / CLINICIANS);
      const start = new Date(
        first +
          Math.floor(slot / SLOTS_PER_DAY) * DAY_MS +
          (13 + (slot % SLOTS_PER_DAY)) * 3_600_000,
      );
      return {
        id: randomUUID(),
        client_id: p.clients[n % p.clients.length]!,
        clinician_id: p.clinicians[n % CLINICIANS]!,
        start_at: start,
        end_at: new Date(start.getTime() + 50 * 60_000),
        time_zone: 'America/New_York',
        kind: n % 3 === 0 ? ('telehealth' as const) : ('in_person' as const),
        service_code: '90834',
        status: 'scheduled' as const,
        created_by: p.clinicians[0]!,
        updated_by: p.clinicians[0]!,
      };
    });
    await db.withPractice(p.practiceId, (tx) =>
      tx.insertInto('appointments').values(rows).execute(),
    );
  }
  return N / ((performance.now() - started) / 1000);
}

async function measure(backend: Backend): Promise<Row[]> {
  return withBenchDatabase(backend, 8, async (db) => {
    const plain = await seedPractice(db);
    const withRule = await seedPractice(db);
    await db.withPractice(withRule.practiceId, (tx) =>
      tx
        .insertInto('reminder_rules')
        .values({
          offset_minutes: 48 * 60,
          channels: ['email', 'sms'],
          kinds: ['in_person', 'telehealth'],
          ask_confirmation: true,
          created_by: withRule.clinicians[0]!,
        })
        .execute(),
    );
    const without = await book(db, plain);
    const planned = await book(db, withRule);
    const reminders = await db.withPractice(withRule.practiceId, async (tx) => {
      // Due now: the first N of the 2N planned (email and SMS per appointment).
      await sql`update reminders set due_at = now() - interval '1 minute'
                 where id in (select id from reminders where status = 'pending'
                              order by due_at, id limit ${N})`.execute(tx);
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from reminders`.execute(
        tx,
      );
      return rows[0]?.n ?? 0;
    });
    // This machine's PostgreSQL runs without autovacuum: fresh statistics before the send.
    await sql`analyze reminders, appointments, notification_outbox`.execute(
      db.unsafeOwnerConnection(),
    );

    // One number key for planning and delivery: opt-outs are looked up by the same digest.
    const numbers = new NumberDigester(randomBytes(32));
    const services = {
      db,
      digester: numbers,
      publicUrl: 'https://hearth.example.org',
    };
    let started = performance.now();
    const report = await sendDueReminders(services);
    const enqueuePerS = report.queued / ((performance.now() - started) / 1000);
    if (report.queued !== N) throw new Error(`${report.queued} of ${N} reminders queued`);

    const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-providers-'));
    const providers = await startProviders(dir);
    const delivery = new OutboxDelivery(db, providers, captureLogs().logger, {
      numbers,
      statusCallbackUrl: 'https://hearth.bench/api/v1/webhooks/twilio/status',
    });
    let delivered = 0;
    started = performance.now();
    try {
      for (let sent = await delivery.deliver(); sent > 0; sent = await delivery.deliver()) {
        delivered += sent;
      }
    } finally {
      await delivery.stop();
      await providers.close();
      await rm(dir, { recursive: true, force: true });
    }
    const deliverPerS = delivered / ((performance.now() - started) / 1000);
    const got = providers.received();
    if (got.emails + got.texts !== N) {
      throw new Error(`the providers received ${got.emails + got.texts} of ${N} messages`);
    }
    const figures =
      `booking ${count(without)} appts/s without a rule, ${count(planned)} appts/s with one ` +
      `(email+SMS 48 h: ${count(reminders)} reminders planned); ` +
      `send job ${count(enqueuePerS)} reminders/s into the outbox; ` +
      `delivery ${count(deliverPerS)} messages/s (${count(got.emails)} emails, ${count(got.texts)} texts)`;
    return [{ benchmark: NAME, backend: backend.name, figures }];
  });
}

export const reminders: Benchmark = {
  name: 'reminders',
  run: () => eachBackend(NAME, measure),
};
