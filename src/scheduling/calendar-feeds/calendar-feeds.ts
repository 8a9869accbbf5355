import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../platform/errors.ts';
import type { Database } from '../../platform/db/database.ts';
import { audit, type AuditContext } from '../../platform/audit-trail/record.ts';
import type { Actor } from '../../platform/http/request-context.ts';
import { hasPermission } from '../../auth/index.ts';
import { requireClinician } from '../availability/clinicians.ts';
import { renderFeed } from './feed-ics.ts';
import { OCCUPYING } from '../appointments/statuses.ts';

/**
 * A feed token is the practice id (16 bytes, not secret: it scopes the lookup to one practice's
 * rows, like the session cookie) followed by 32 random bytes (256 bits, the secret). Only the
 * SHA-256 of the secret is stored; the URL is shown once.
 */
function newToken(practiceId: string): { token: string; hash: Buffer } {
  const secret = randomBytes(32);
  const id = Buffer.from(practiceId.replace(/-/g, ''), 'hex');
  return { token: Buffer.concat([id, secret]).toString('base64url'), hash: hashSecret(secret) };
}

const hashSecret = (secret: Buffer) => createHash('sha256').update(secret).digest();

export function parseToken(token: string): { practiceId: string; hash: Buffer } | null {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== 48 || bytes.toString('base64url') !== token) return null;
  const hex = bytes.subarray(0, 16).toString('hex');
  const practiceId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { practiceId, hash: hashSecret(bytes.subarray(16)) };
}

export async function createFeed(
  db: Database,
  actor: Actor,
  options: { clinicianId: string; origin: string; context: AuditContext },
) {
  const { token, hash } = newToken(actor.practiceId);
  return db.withPractice(actor.practiceId, async (tx) => {
    await requireClinician(tx, options.clinicianId);
    const row = await tx
      .insertInto('calendar_feeds')
      .values({ clinician_id: options.clinicianId, token_hash: hash, created_by: actor.userId })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await audit(tx, options.context, {
      action: 'calendar_feed.created',
      subjectType: 'calendar_feed',
      subjectId: row.id,
      detail: { clinicianId: options.clinicianId },
    });
    return {
      id: row.id,
      clinicianId: options.clinicianId,
      url: `${options.origin}/api/v1/calendar-feeds/${token}.ics`,
      createdAt: row.created_at.toISOString(),
    };
  });
}

/** Mine (as the clinician); an admin sees every live feed of the practice. */
export async function listFeeds(db: Database, actor: Actor) {
  const rows = await db.withPractice(actor.practiceId, (tx) => {
    let q = tx
      .selectFrom('calendar_feeds')
      .select(['id', 'clinician_id', 'created_at', 'last_accessed_at'])
      .where('revoked_at', 'is', null);
    if (!hasPermission(actor.role, 'manage:practice:any'))
      q = q.where('clinician_id', '=', actor.userId);
    return q.orderBy('created_at').execute();
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      clinicianId: r.clinician_id,
      createdAt: r.created_at.toISOString(),
      lastAccessedAt: r.last_accessed_at?.toISOString() ?? null,
    })),
    nextCursor: null,
  };
}

/** Whose feed this is (so the route can check the caller may revoke it); 404 when unknown. */
export async function feedOwner(db: Database, actor: Actor, id: string): Promise<string> {
  const row = await db.withPractice(actor.practiceId, (tx) =>
    tx
      .selectFrom('calendar_feeds')
      .select('clinician_id')
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst(),
  );
  if (!row) throw AppError.notFound('There is no such calendar feed.');
  return row.clinician_id;
}

export async function revokeFeed(db: Database, actor: Actor, id: string, context: AuditContext) {
  await db.withPractice(actor.practiceId, async (tx) => {
    const row = await tx
      .updateTable('calendar_feeds')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw AppError.notFound('There is no such calendar feed.');
    await audit(tx, context, {
      action: 'calendar_feed.revoked',
      subjectType: 'calendar_feed',
      subjectId: id,
    });
  });
}

/** How far the feed reaches: a month back, a year ahead. */
const PAST_DAYS = 31;
const AHEAD_DAYS = 366;

/**
 * Serves a feed to whoever holds its URL (a phone's calendar app: no session). Unknown, revoked
 * or otherwise unservable tokens are all 404; within a real practice each refusal is audited
 * as denied (so a probe trips the denied-burst alert) and each fetch as `calendar_feed.read`.
 * The practice's IP allowlist applies here too: it restricts every request, and a feed is one.
 */
export async function readFeed(
  db: Database,
  options: { token: string; ip: string; context: AuditContext },
) {
  const parsed = parseToken(options.token);
  if (!parsed) throw AppError.notFound('There is no such calendar feed.');
  const body = await db.withPractice(parsed.practiceId, async (tx) => {
    const practice = await tx
      .selectFrom('practices')
      .select([
        'status',
        sql<boolean>`cardinality(ip_allowlist) = 0 or ${options.ip}::inet <<= any (ip_allowlist)`.as(
          'allowed',
        ),
      ])
      .where('id', '=', parsed.practiceId)
      .executeTakeFirst();
    if (!practice) return null;
    const feed = await tx
      .selectFrom('calendar_feeds')
      .innerJoin('users', 'users.id', 'calendar_feeds.clinician_id')
      .select(['calendar_feeds.id', 'calendar_feeds.clinician_id', 'users.status'])
      .where('calendar_feeds.token_hash', '=', parsed.hash)
      .where('calendar_feeds.revoked_at', 'is', null)
      .executeTakeFirst();
    const reason = !feed
      ? 'unknown_token'
      : practice.status !== 'active'
        ? 'practice_inactive'
        : feed.status !== 'active'
          ? 'clinician_inactive'
          : !practice.allowed
            ? 'ip_allowlist'
            : null;
    if (!feed || reason) {
      // Returned, not thrown: the refusal's audit row must commit.
      await audit(tx, options.context, {
        action: 'calendar_feed.read',
        outcome: 'denied',
        subjectType: 'calendar_feed',
        ...(feed ? { subjectId: feed.id } : {}),
        detail: { reason: reason ?? 'unknown_token' },
      });
      return null;
    }
    const events = await tx
      .selectFrom('appointments')
      .select(['id', 'start_at', 'end_at', 'time_zone', 'kind', 'sequence', 'updated_at'])
      .where('clinician_id', '=', feed.clinician_id)
      .where('start_at', '>=', sql<Date>`now() - make_interval(days => ${PAST_DAYS})`)
      .where('start_at', '<', sql<Date>`now() + make_interval(days => ${AHEAD_DAYS})`)
      .where('status', 'in', OCCUPYING)
      .orderBy('start_at')
      .limit(5000)
      .execute();
    await tx
      .updateTable('calendar_feeds')
      .set({ last_accessed_at: new Date() })
      .where('id', '=', feed.id)
      .execute();
    await audit(tx, options.context, {
      action: 'calendar_feed.read',
      subjectType: 'calendar_feed',
      subjectId: feed.id,
      detail: { feedId: feed.id, clinicianId: feed.clinician_id, events: events.length },
    });
    return renderFeed(events);
  });
  if (body === null) throw AppError.notFound('There is no such calendar feed.');
  return body;
}
