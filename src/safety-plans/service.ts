import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import type { Database, Tx } from '../platform/db/database.ts';
import type { FieldCipher, FieldRef } from '../platform/crypto/field.ts';
import { KeyError } from '../platform/keys/provider.ts';
import { audit, type AuditContext } from '../platform/audit-trail/record.ts';
import type { Actor } from '../platform/http/request-context.ts';
import { withClientAccess } from '../clients/index.ts';
import {
  insertPlan,
  selectCurrentPlanId,
  selectPlan,
  selectPlanClient,
  selectPlans,
  selectPrintFacts,
  type PlanRow,
} from './queries.ts';
import type { NewSafetyPlan, SafetyPlan, SafetyPlanHeader, SafetyPlanSteps } from './schemas.ts';

export interface PlanDeps {
  db: Database;
  fields: FieldCipher;
}
interface Acting {
  actor: Actor;
  context: AuditContext;
}

/**
 * Filled in when a plan names no professionals or agencies, so that no plan leaves a client
 * without a number to call. An explicit list (even an empty one) is kept as given.
 */
export const LIFELINE_988 =
  '988 Suicide & Crisis Lifeline: call or text 988, or chat at 988lifeline.org (24/7)';

const sealedContents = (rowId: string): FieldRef => ({
  table: 'safety_plans',
  column: 'contents_sealed',
  rowId,
});

export function stepsOf(input: NewSafetyPlan): { steps: SafetyPlanSteps; prefilled: boolean } {
  const prefilled = input.professionals === undefined;
  return {
    prefilled,
    steps: {
      warningSigns: input.warningSigns,
      copingStrategies: input.copingStrategies ?? [],
      socialContacts: input.socialContacts ?? [],
      peopleToAsk: input.peopleToAsk ?? [],
      professionals: input.professionals ?? [LIFELINE_988],
      safeEnvironment: input.safeEnvironment ?? [],
      reasonsForLiving: input.reasonsForLiving ?? [],
    },
  };
}

function toHeader(row: PlanRow): SafetyPlanHeader {
  return {
    id: row.id,
    clientId: row.client_id,
    authorId: row.author_id,
    createdAt: row.created_at.toISOString(),
    supersedesId: row.supersedes_id,
    supersededById: row.superseded_by_id,
    current: row.superseded_by_id === null,
    professionalsPrefilled: row.professionals_prefilled,
  };
}

const notCurrent = (current: string | undefined) =>
  AppError.conflict(
    current
      ? `This client's current safety plan is ${current}: a new plan supersedes that one (set supersedesId to it). Earlier plans stay readable.`
      : 'This client has no safety plan yet: leave supersedesId out for the first one.',
    current ? 'safety_plan_exists' : 'no_current_plan',
  );

/** Refusals are audited in a transaction of their own, then thrown. */
async function refuse(
  db: Database,
  { actor, context }: Acting,
  clientId: string,
  error: AppError,
): Promise<never> {
  await db.withPractice(actor.practiceId, (tx) =>
    audit(tx, context, {
      action: 'safety_plan.create',
      outcome: 'denied',
      subjectType: 'client',
      subjectId: clientId,
      clientId,
      detail: { reason: error.code },
    }),
  );
  throw error;
}

/**
 * Writes a new plan, once. A client's plans form one chain: the first supersedes nothing, each
 * later one supersedes the current one, whose row is never touched (the database enforces
 * both, and refuses any UPDATE or DELETE).
 */
export async function createSafetyPlan(
  deps: PlanDeps,
  acting: Acting & { clientId: string; input: NewSafetyPlan },
): Promise<SafetyPlan> {
  const { actor, context, clientId, input } = acting;
  const { steps, prefilled } = stepsOf(input);
  const supersedesId = input.supersedesId ?? null;
  let result: SafetyPlan | AppError;
  try {
    result = await withClientAccess(
      deps.db,
      actor,
      clientId,
      context,
      'safety_plan.create',
      async (tx, access) => {
        const current = await selectCurrentPlanId(tx, clientId);
        if ((current ?? null) !== supersedesId) return notCurrent(current);
        const id = randomUUID();
        const contents = await deps.fields.seal(tx, sealedContents(id), JSON.stringify(steps));
        const createdAt = await insertPlan(tx, {
          id,
          clientId,
          authorId: actor.userId,
          contentsSealed: contents,
          professionalsPrefilled: prefilled,
          supersedesId,
        });
        await audit(tx, context, {
          action: 'safety_plan.create',
          subjectType: 'safety_plan',
          subjectId: id,
          clientId,
          detail: {
            supersedes: supersedesId !== null,
            professionalsPrefilled: prefilled,
            ...(access.breakGlass ? { breakGlass: true } : {}),
          },
        });
        return {
          id,
          clientId,
          authorId: actor.userId,
          createdAt: createdAt.toISOString(),
          supersedesId,
          supersededById: null,
          current: true,
          professionalsPrefilled: prefilled,
          ...steps,
        };
      },
    );
  } catch (err) {
    // Two plans written at once for the same client: the chain's unique indexes let one win.
    if ((err as { code?: string }).code !== '23505') throw err;
    result = notCurrent(
      await deps.db.withPractice(actor.practiceId, (tx) => selectCurrentPlanId(tx, clientId)),
    );
  }
  if (result instanceof AppError) return refuse(deps.db, acting, clientId, result);
  return result;
}

/** A client's plans, newest first: which one is current, and what superseded each other. */
export async function listSafetyPlans(
  deps: PlanDeps,
  { actor, context, clientId }: Acting & { clientId: string },
) {
  return withClientAccess(
    deps.db,
    actor,
    clientId,
    context,
    'safety_plan.list',
    async (tx, access) => {
      const rows = await selectPlans(tx, clientId);
      await audit(tx, context, {
        action: 'safety_plan.list',
        subjectType: 'client',
        subjectId: clientId,
        clientId,
        detail: { count: rows.length, ...(access.breakGlass ? { breakGlass: true } : {}) },
      });
      return { items: rows.map(toHeader), nextCursor: null };
    },
  );
}

/** One plan, whole, through the client's door (its client is looked up first). */
/** A plan's steps, opened; a value that fails its check is never shown. */
async function openPlan(deps: PlanDeps, tx: Tx, planId: string) {
  const row = (await selectPlan(tx, planId))!;
  try {
    const steps = JSON.parse(
      await deps.fields.open(tx, sealedContents(planId), row.contents_sealed),
    ) as SafetyPlanSteps;
    return { ...toHeader(row), ...steps };
  } catch (err) {
    if (!(err instanceof KeyError)) throw err;
    throw new AppError('sealed_value_unreadable', {
      status: 500,
      message:
        'This safety plan failed its integrity check, so Hearth will not show it: it may have been altered outside Hearth. Ask your administrator to restore it from a backup.',
    });
  }
}

/** Opens one plan for a reader within reach, audited as `action` (a read, or an export). */
async function withPlan<T>(
  deps: PlanDeps,
  { actor, context, planId }: Acting & { planId: string },
  action: 'safety_plan.read' | 'safety_plan.export',
  fn: (tx: Tx, plan: SafetyPlan) => Promise<T>,
): Promise<T> {
  const clientId = await deps.db.withPractice(actor.practiceId, (tx) =>
    selectPlanClient(tx, planId),
  );
  if (!clientId) throw AppError.notFound('There is no such safety plan.');
  return withClientAccess(deps.db, actor, clientId, context, action, async (tx, access) => {
    const plan = await openPlan(deps, tx, planId);
    await audit(tx, context, {
      action,
      subjectType: 'safety_plan',
      subjectId: planId,
      clientId,
      detail: {
        ...(action === 'safety_plan.export' ? { format: 'pdf' } : {}),
        ...(access.breakGlass ? { breakGlass: true } : {}),
      },
    });
    return fn(tx, plan);
  });
}

/** One plan, whole. */
export async function readSafetyPlan(deps: PlanDeps, acting: Acting & { planId: string }) {
  return withPlan(deps, acting, 'safety_plan.read', async (_tx, plan) => plan);
}

/** One plan with what its printed copy names: the client, the author, the practice's zone. */
export async function exportSafetyPlan(deps: PlanDeps, acting: Acting & { planId: string }) {
  return withPlan(deps, acting, 'safety_plan.export', async (tx, plan) => ({
    plan,
    facts: await selectPrintFacts(tx, plan.id),
  }));
}
