import type { Database } from '../platform/db/database.ts';
import { audit, type AuditContext } from '../platform/audit/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { hasPermission } from '../auth/roles.ts';
import { decideReach, refuseReach } from '../clients/service.ts';
import { selectChart, type ChartRow } from './queries.ts';
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
 * Opens a client's chart — the screen a clinician lives in — in one transaction of two
 * statements: one that decides access and reads every part the role may see, and the audit
 * row. The read is audited as `client.read` (view `chart`), so it shows in the client's access
 * report; a refusal is audited in a transaction of its own (refuseReach).
 */
export async function openChart(
  db: Database,
  actor: Actor,
  clientId: string,
  context: AuditContext,
): Promise<Chart> {
  const view = viewOf(actor.role);
  const caller = {
    userId: actor.userId,
    wholePractice: hasPermission(actor.role, 'read:client:any'),
  };
  const result = await db.withPractice(
    actor.practiceId,
    async (tx): Promise<{ verdict: 'denied' | 'missing' } | { chart: Chart }> => {
      const row = await selectChart(tx, clientId, caller, {
        diagnoses: view !== 'front_desk',
        notes: view === 'clinical',
        safetyPlan: view === 'clinical',
      });
      const verdict = decideReach(actor, clientId, row);
      if (typeof verdict === 'string') return { verdict };
      await audit(tx, context, {
        action: 'client.read',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        detail: { view: 'chart', ...(verdict.breakGlass ? { breakGlass: true } : {}) },
      });
      return { chart: toChart(view, row!) };
    },
  );
  if ('verdict' in result) {
    return refuseReach(db, actor, context, 'client.read', clientId, result.verdict);
  }
  return result.chart;
}

function toChart(view: View, row: ChartRow): Chart {
  const client = row.client as Chart['client'];
  const nextAppointments = (row.appointments as Record<string, unknown>[]).map((a) =>
    times(a, ['start', 'end']),
  ) as Chart['nextAppointments'];
  const diagnoses = (row.diagnoses ?? []) as Extract<Chart, { view: 'billing' }>['diagnoses'];
  if (view === 'front_desk') return { view, client, nextAppointments };
  if (view === 'billing') return { view, client, diagnoses, nextAppointments };
  return {
    view,
    client,
    diagnoses,
    nextAppointments,
    latestNotes: ((row.notes ?? []) as Record<string, unknown>[]).map(({ created: _, ...n }) =>
      times(n, ['signedAt']),
    ) as Extract<Chart, { view: 'clinical' }>['latestNotes'],
    safetyPlan: row.safety_plan
      ? (times(row.safety_plan, ['createdAt']) as { id: string; createdAt: string })
      : null,
  };
}
