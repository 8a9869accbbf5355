import { SegmentedControl } from '@mantine/core';
import { useState } from 'react';
import { QueryError } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { AlertList } from '../alerts/AlertList.tsx';
import { useAlerts } from '../alerts/alerts.ts';

export function Alerts() {
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const alerts = useAlerts(which === 'open');
  return (
    <>
      <PageHeader
        title="Security alerts"
        subtitle="Emergency access, failed sign-ins, audit problems: for the privacy officer to review."
        actions={
          <SegmentedControl
            value={which}
            onChange={(v) => setWhich(v as 'open' | 'all')}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'all', label: 'All' },
            ]}
            aria-label="Which alerts"
          />
        }
      />
      <Section title={which === 'open' ? 'Open alerts' : 'All alerts'}>
        {alerts.isPending ? (
          <Loading />
        ) : alerts.isError ? (
          <QueryError error={alerts.error} refetch={alerts.refetch} />
        ) : alerts.data.items.length === 0 ? (
          <EmptyState>
            {which === 'open' ? 'No open alerts. All clear.' : 'No alerts yet.'}
          </EmptyState>
        ) : (
          <AlertList alerts={alerts.data.items} />
        )}
      </Section>
    </>
  );
}
