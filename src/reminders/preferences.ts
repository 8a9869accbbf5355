import { sql } from 'kysely';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { toE164, type NumberDigester } from '../platform/sms/phone.ts';
import { withClientAccess } from '../clients/index.ts';
import type { Preferences, PreferencesBody } from './schemas.ts';

// The runtime's zones; the database must know the zone too (quiet hours are computed there).
const ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

async function selectPreferences(tx: Tx, clientId: string) {
  return tx
    .selectFrom('clients as c')
    .leftJoin('client_contact_preferences as p', (j) =>
      j.onRef('p.practice_id', '=', 'c.practice_id').onRef('p.client_id', '=', 'c.id'),
    )
    .leftJoin('users as u', (j) =>
      j.onRef('u.practice_id', '=', 'p.practice_id').onRef('u.id', '=', 'p.sms_consent_by'),
    )
    .select([
      'c.email',
      'c.phone',
      'p.email_reminders',
      'p.sms_reminders',
      'p.sms_consent_at',
      'p.sms_consent_by',
      'p.time_zone',
      'u.name as consent_by_name',
    ])
    .where('c.id', '=', clientId)
    .executeTakeFirstOrThrow();
}

async function answer(tx: Tx, clientId: string, numbers: NumberDigester): Promise<Preferences> {
  const row = await selectPreferences(tx, clientId);
  const e164 = row.phone ? toE164(row.phone) : null;
  const digest = e164 ? numbers.digest(e164) : null;
  const stop = digest
    ? await tx
        .selectFrom('sms_opt_outs')
        .select('opted_out')
        .where('number_digest', '=', digest)
        .executeTakeFirst()
    : undefined;
  return {
    emailReminders: row.email_reminders ?? true,
    smsReminders: row.sms_reminders ?? false,
    smsConsent: row.sms_consent_at
      ? { at: row.sms_consent_at.toISOString(), byName: row.consent_by_name ?? '' }
      : null,
    timeZone: row.time_zone ?? null,
    hasEmail: Boolean(row.email),
    phone: !row.phone ? 'missing' : e164 ? 'ok' : 'invalid',
    optedOut: stop?.opted_out ?? false,
  };
}

export async function readContactPreferences(
  db: Database,
  numbers: NumberDigester,
  actor: Actor,
  clientId: string,
  context: AuditContext,
): Promise<Preferences> {
  return withClientAccess(
    db,
    actor,
    clientId,
    context,
    'client.contact_preferences.read',
    async (tx, access) => {
      const result = await answer(tx, clientId, numbers);
      await audit(tx, context, {
        action: 'client.contact_preferences.read',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        ...(access.breakGlass ? { detail: { breakGlass: true } } : {}),
      });
      return result;
    },
  );
}

/**
 * Saves a client's choices. Consent to texts is a record of who took it and when: turning it on
 * records now and the caller (an existing consent is kept as it was), turning it off clears it.
 * Their future appointments' reminders follow in the same transaction (trigger, migration 0026).
 */
export async function writeContactPreferences(
  db: Database,
  numbers: NumberDigester,
  actor: Actor,
  clientId: string,
  body: PreferencesBody,
  context: AuditContext,
): Promise<Preferences> {
  if (body.timeZone !== null && !ZONES.has(body.timeZone)) {
    throw AppError.badRequest(
      `timeZone: "${body.timeZone}" is not a time zone Hearth knows; use a name like America/Chicago or Europe/Berlin.`,
      'invalid_time_zone',
    );
  }
  return withClientAccess(
    db,
    actor,
    clientId,
    context,
    'client.contact_preferences.changed',
    async (tx, access) => {
      if (body.timeZone !== null) {
        const { rows } = await sql<{ n: number }>`
          select count(*)::int as n from pg_timezone_names where name = ${body.timeZone}`.execute(
          tx,
        );
        if (!rows[0]?.n) {
          throw AppError.badRequest(
            `timeZone: "${body.timeZone}" is not a time zone the database knows; choose another name for it.`,
            'invalid_time_zone',
          );
        }
      }
      const before = await selectPreferences(tx, clientId);
      const keep = body.smsConsent && before.sms_consent_at && before.sms_consent_by;
      const consent = keep
        ? { sms_consent_at: before.sms_consent_at, sms_consent_by: before.sms_consent_by }
        : body.smsConsent
          ? { sms_consent_at: new Date(), sms_consent_by: actor.userId }
          : { sms_consent_at: null, sms_consent_by: null };
      const values = {
        email_reminders: body.emailReminders,
        sms_reminders: body.smsReminders,
        ...consent,
        time_zone: body.timeZone,
        updated_by: actor.userId,
        updated_at: new Date(),
      };
      await tx
        .insertInto('client_contact_preferences')
        .values({ client_id: clientId, ...values })
        .onConflict((oc) => oc.columns(['practice_id', 'client_id']).doUpdateSet(values))
        .execute();
      await audit(tx, context, {
        action: 'client.contact_preferences.changed',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        detail: {
          emailReminders: body.emailReminders,
          smsReminders: body.smsReminders,
          smsConsent: consent.sms_consent_at === null ? 'none' : keep ? 'kept' : 'recorded',
          ...(access.breakGlass ? { breakGlass: true } : {}),
        },
      });
      return answer(tx, clientId, numbers);
    },
  );
}
