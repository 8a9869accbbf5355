/**
 * What the database function `hearth_chart` (migration 0019) answers: how the viewer reaches
 * the client — or that they do not — and, when they do, the parts their role may see (the
 * others null).
 */
export type ChartRow =
  | { reach: 'missing' | 'denied' }
  | {
      reach: 'practice' | 'care' | 'break_glass';
      client: Record<string, unknown>;
      diagnoses: unknown[] | null;
      appointments: unknown[];
      notes: unknown[] | null;
      safetyPlan: Record<string, unknown> | null;
    };
