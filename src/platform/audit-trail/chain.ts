import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** The fields of an event that its seal covers, as read back from the database. */
export interface ChainedEvent {
  id: string;
  practice_id: string;
  occurred_at: Date;
  actor_type: string;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_label: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  client_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
}

export const GENESIS = Buffer.alloc(32);

/**
 * hash(n) = SHA-256(hash(n-1) ‖ canonical(n)), where canonical(n) is a JSON array of the
 * position and every field in a fixed order, with the detail object in RFC 8785 canonical
 * form (sorted keys, normalised numbers) — the same bytes however jsonb stored it.
 */
export function sealHash(prevHash: Buffer, seq: bigint, e: ChainedEvent): Buffer {
  const canonical = JSON.stringify([
    'hearth-audit-v1',
    seq.toString(),
    e.id,
    e.practice_id,
    e.occurred_at.toISOString(),
    e.actor_type,
    e.actor_user_id,
    e.actor_role,
    e.actor_label,
    e.action,
    e.subject_type,
    e.subject_id,
    e.client_id,
    e.outcome,
    e.ip,
    e.user_agent,
    e.request_id,
    canonicalize(e.detail) ?? '{}',
  ]);
  return createHash('sha256').update(prevHash).update(canonical, 'utf8').digest();
}

export const CHAINED_COLUMNS = [
  'audit_events.id',
  'audit_events.practice_id',
  'audit_events.occurred_at',
  'audit_events.actor_type',
  'audit_events.actor_user_id',
  'audit_events.actor_role',
  'audit_events.actor_label',
  'audit_events.action',
  'audit_events.subject_type',
  'audit_events.subject_id',
  'audit_events.client_id',
  'audit_events.outcome',
  'audit_events.ip',
  'audit_events.user_agent',
  'audit_events.request_id',
  'audit_events.detail',
] as const;
