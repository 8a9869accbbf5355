import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Client } from '../../api/types.ts';

export interface ClientTabProps {
  client: Client;
}

/**
 * The tabs of a client's page, in order. A feature adds its tab with one entry: the path
 * under /clients/:id/, the label, who sees it (any of these permissions), and its component
 * (lazy, so the chart's code loads only when opened).
 */
export interface ClientTab {
  path: string;
  /** Fixed, or worded for what the role sees of the tab. */
  label: string | ((can: (permission: string) => boolean) => string);
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
    path: 'records',
    label: (can) =>
      can('read:diagnosis:any') && can('read:insurance:any')
        ? 'Diagnoses & insurance'
        : can('read:diagnosis:any')
          ? 'Diagnoses'
          : 'Insurance',
    anyOf: ['read:diagnosis:any', 'read:insurance:any'],
    component: tab(() => import('./records/DiagnosesTab.tsx'), 'DiagnosesTab'),
  },
  {
    path: 'appointments',
    label: 'Appointments',
    anyOf: ['read:schedule:any'],
    component: tab(() => import('./appointments/AppointmentsTab.tsx'), 'AppointmentsTab'),
  },
  {
    path: 'notes',
    label: 'Notes',
    anyOf: ['read:note:own'],
    component: tab(() => import('./notes/NotesTab.tsx'), 'NotesTab'),
  },
  {
    path: 'documents',
    label: 'Documents',
    anyOf: ['read:document:own'],
    component: tab(() => import('./documents/DocumentsTab.tsx'), 'DocumentsTab'),
  },
  {
    path: 'safety-plans',
    label: 'Safety plans',
    anyOf: ['read:safety_plan:own'],
    component: tab(() => import('./safety-plans/SafetyPlansTab.tsx'), 'SafetyPlansTab'),
  },
  {
    path: 'access',
    label: 'Access report',
    anyOf: ['read:audit:any'],
    component: tab(() => import('./AccessReportTab.tsx'), 'AccessReportTab'),
  },
];
