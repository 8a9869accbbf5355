import { lazy, type ComponentType } from 'react';
import { Title } from '@mantine/core';
import { Route, Routes } from 'react-router';
import { useSession } from '../../session/session.tsx';
import { SubPage } from '../../ui/PageHeader.tsx';
import { RouteTabs } from '../../ui/RouteTabs.tsx';
import { TabFallback, TabNotice } from '../../ui/TabFallback.tsx';
import { Screen } from '../../ui/Screen.tsx';

const page = (load: () => Promise<ComponentType>) => lazy(async () => ({ default: await load() }));

/** Administration's sections; one entry adds one (who may see it: any of `anyOf`). */
const SECTIONS: { path: string; label: string; anyOf: string[]; component: ComponentType }[] = [
  {
    path: 'staff',
    label: 'Staff',
    anyOf: ['manage:user:any'],
    component: page(() => import('./Staff.tsx').then((m) => m.Staff)),
  },
  {
    path: 'practice',
    label: 'Practice settings',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./PracticeSettings.tsx').then((m) => m.PracticeSettings)),
  },
  {
    path: 'locations',
    label: 'Locations',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./locations/Locations.tsx').then((m) => m.Locations)),
  },
  {
    path: 'audit',
    label: 'Audit log',
    anyOf: ['read:audit:any'],
    component: page(() => import('./audit/AuditLog.tsx').then((m) => m.AuditLog)),
  },
  {
    path: 'alerts',
    label: 'Alerts',
    anyOf: ['read:alert:any'],
    component: page(() => import('./Alerts.tsx').then((m) => m.Alerts)),
  },
  {
    path: 'reminders',
    label: 'Reminders',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./reminders/Reminders.tsx').then((m) => m.Reminders)),
  },
  {
    path: 'delivery-log',
    label: 'Delivery log',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./delivery-log/DeliveryLog.tsx').then((m) => m.DeliveryLog)),
  },
  {
    path: 'outbox',
    label: 'Outbox',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./Outbox.tsx').then((m) => m.Outbox)),
  },
  {
    path: 'documents',
    label: 'Agreements',
    anyOf: ['manage:practice:any'],
    component: page(() => import('./Agreements.tsx').then((m) => m.Agreements)),
  },
];

export function Admin() {
  const { canAny } = useSession();
  const sections = SECTIONS.filter((s) => canAny(s.anyOf));
  const hidden = new Map(SECTIONS.filter((s) => !canAny(s.anyOf)).map((s) => [s.path, s.label]));
  const fallback = sections[0] && (
    <TabFallback
      to={`/admin/${sections[0].path}`}
      landing={sections[0].label}
      hidden={hidden}
      page="in Administration"
    />
  );
  return (
    <>
      <Title order={1} size="h2" mb="md">
        Administration
      </Title>
      <RouteTabs label="Administration" base="/admin" tabs={sections} />
      <TabNotice />
      <SubPage>
        <Routes>
          {fallback && <Route index element={fallback} />}
          {sections.map((s) => (
            <Route
              key={s.path}
              path={s.path}
              element={
                <Screen>
                  <s.component />
                </Screen>
              }
            />
          ))}
          {fallback && <Route path="*" element={fallback} />}
        </Routes>
      </SubPage>
    </>
  );
}
