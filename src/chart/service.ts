import type { Database } from '../platform/db/database.ts';
import {
  AuditWriteError,
  isAuditWriteFailure,
  type AuditContext,
} from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/index.ts';
import { refuseReach, wholePractice } from '../clients/index.ts';
import type { ChartRow } from './queries.ts';
import type { Chart } from './schemas.ts';

type View = Chart['view'];

/** Which chart a role gets: clinicians and admins the clinical one, then billing, then the desk. */
function viewOf(role: string): View {
  if (hasPermission(role, 'read:note:own')) return 'clinical';
  if (hasPermission(role, 'read:diagnosis:any')) return 'billing';
  return 'front_desk';
}

/** JSON timestamps from PostgreSQL ("2026-12-01T09:00:00+00:00") as ISO 8601 in UTC. */
const iso = (value: unknown) => (value === null ? null : new Date(String(value)).toISOString());

function times<T extends Record<string, unknown>>(row: T, keys: (keyof T)[]): T {
  const out = { ...row };
  for (const k of keys) out[k] = iso(row[k]) as T[keyof T];
  return out;
}

/**
 * Opens a client's chart — the screen a clinician lives in — in one round trip: the database
 * function `hearth_chart` (migrations 0016 and 0019, ADRs 0017 and 0018) decides access by
 * the one access rule (hearth_reach), records the read as
 * `client.read` (view `chart`, so it shows in the client's access report) and reads every
 * part the role may see, in one transaction. A refusal is audited in a transaction of its own
 * (refuseReach); a read that cannot be audited is not answered (AuditWriteError, 503).
 */
export async function openChart(
  db: Database,
  actor: Actor,
  clientId: string,
  context: AuditContext,
): Promise<Chart> {
  const view = viewOf(actor.role);
  let row: ChartRow;
  try {
    const rows = await db.callInPractice<{ hearth_chart: ChartRow }>(
      actor.practiceId,
      'hearth_chart',
      [
        clientId,
        actor.userId,
        actor.role,
        wholePractice(actor),
        // The biller's client view has no pronouns (src/clients/views.ts); nor has their chart.
        view !== 'billing',
        view !== 'front_desk',
        view === 'clinical',
        view === 'clinical',
        context.ip ?? null,
        context.userAgent ?? null,
        context.requestId ?? null,
      ],
    );
    row = rows[0]!.hearth_chart;
  } catch (err) {
    throw isAuditWriteFailure(err) ? new AuditWriteError(actor.practiceId, err) : err;
  }
  if ('client' in row) return toChart(view, row);
  return refuseReach(db, actor, context, 'client.read', clientId, row.reach);
}

function toChart(view: View, row: Extract<ChartRow, { client: unknown }>): Chart {
  const client = row.client as unknown as Extract<Chart, { view: 'clinical' }>['client'];
  const nextAppointments = (row.appointments as Record<string, unknown>[]).map((a) =>
    times(a, ['start', 'end']),
  ) as Chart['nextAppointments'];
  const diagnoses = (row.diagnoses ?? []) as Extract<Chart, { view: 'billing' }>['diagnoses'];
  if (view === 'front_desk') return { view, client, nextAppointments };
  if (view === 'billing') {
    // hearth_chart read none (null); the key goes too, as in the biller's client view.
    const { pronouns, ...billed } = client;
    void pronouns;
    return { view, client: billed, diagnoses, nextAppointments };
  }
  return {
    view,
    client,
    diagnoses,
    nextAppointments,
    latestNotes: ((row.notes ?? []) as Record<string, unknown>[]).map(({ created: _, ...n }) =>
      times(n, ['signedAt']),
    ) as Extract<Chart, { view: 'clinical' }>['latestNotes'],
    safetyPlan: row.safetyPlan
      ? (times(row.safetyPlan, ['createdAt']) as { id: string; createdAt: string })
      : null,
  };
}
