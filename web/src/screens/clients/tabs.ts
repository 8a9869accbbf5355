import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Client } from '../../api/types.ts';

export interface ClientTabProps {
  client: Client;
}

/**
 * The tabs of a client's page, in order. A feature adds its tab with one entry: the path
 * under /clients/:id/, the label, who sees it (any of these permissions), and its component
 * (lazy, so the chart's code loads only when opened). Next: Diagnoses & insurance,
 * Appointments, Notes, Documents, Safety plans.
 */
export interface ClientTab {
  path: string;
  label: string;
  anyOf?: readonly string[];
  component: LazyExoticComponent<ComponentType<ClientTabProps>>;
}

const tab = <K extends string>(
  load: () => Promise<Record<K, ComponentType<ClientTabProps>>>,
  name: K,
) => lazy(async () => ({ default: (await load())[name] }));

export const CLIENT_TABS: readonly ClientTab[] = [
  {
    path: 'overview',
    label: 'Overview',
    component: tab(() => import('./OverviewTab.tsx'), 'OverviewTab'),
  },
  {
    path: 'access',
    label: 'Access report',
    anyOf: ['read:audit:any'],
    component: tab(() => import('./AccessReportTab.tsx'), 'AccessReportTab'),
  },
];
