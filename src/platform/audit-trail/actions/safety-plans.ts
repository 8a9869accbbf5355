/** Audit actions of the safety plans feature (merged into AUDIT_ACTIONS in ../actions.ts). */
export const SAFETY_PLAN_ACTIONS = [
  'safety_plan.read',
  'safety_plan.export',
  'safety_plan.list',
  'safety_plan.create',
] as const;
