import { Alert, Anchor, Group, Text } from '@mantine/core';
import { Link, Route, Routes, useParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { useSession } from '../../session/session.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { ageOf, clientName, formatDate, formatDateTime } from '../../ui/format.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RouteTabs } from '../../ui/RouteTabs.tsx';
import { TabFallback, TabNotice } from '../../ui/TabFallback.tsx';
import { Loading, Screen } from '../../ui/Screen.tsx';
import { BreakGlass } from './BreakGlass.tsx';
import { useBreakGlassUntil, useClient } from './clients.ts';
import { StatusBadge } from './StatusBadge.tsx';
import { CLIENT_TABS } from './tabs.ts';

export function ClientPage() {
  const { clientId = '' } = useParams();
  const { can, canAny } = useSession();
  const client = useClient(clientId);
  const emergencyUntil = useBreakGlassUntil(clientId);
  const timeZone = useTimeZone();
  if (client.isPending) return <Loading />;
  if (client.isError) {
    const err = client.error;
    if (err instanceof ApiError && err.code === 'not_your_client')
      return <BreakGlass clientId={clientId} />;
    if (err instanceof ApiError && (err.status === 404 || err.code === 'validation_failed')) {
      return (
        <>
          <PageHeader title="Client not found" />
          <Text>
            There is no client at this address in your practice.{' '}
            <Anchor component={Link} to="/clients">
              Back to clients
            </Anchor>
          </Text>
        </>
      );
    }
    return <QueryError error={err} refetch={client.refetch} />;
  }
  const c = client.data;
  const labelled = CLIENT_TABS.map((t) => ({
    ...t,
    label: typeof t.label === 'string' ? t.label : t.label(can),
    visible: !t.anyOf || canAny(t.anyOf),
  }));
  const tabs = labelled.filter((t) => t.visible);
  const hidden = new Map(labelled.filter((t) => !t.visible).map((t) => [t.path, t.label]));
  const base = `/clients/${clientId}`;
  const fallback = (
    <TabFallback
      to={`${base}/${tabs[0]!.path}`}
      landing={`the ${tabs[0]!.label.toLowerCase()}`}
      hidden={hidden}
      page="in a client's record"
    />
  );
  return (
    <>
      <Anchor component={Link} to="/clients" size="sm" className="no-print">
        ← Clients
      </Anchor>
      <PageHeader
        title={clientName(c)}
        documentTitle="Client record"
        subtitle={
          <Group gap="xs" component="span">
            <span>
              Born {formatDate(c.dateOfBirth)} ({ageOf(c.dateOfBirth)})
              {'pronouns' in c && c.pronouns ? ` · ${c.pronouns}` : ''}
            </span>
            <StatusBadge status={c.status} />
          </Group>
        }
      />
      {emergencyUntil && (
        <Alert color="red" variant="light" mb="md" title="Emergency access">
          You opened this record by emergency access until{' '}
          {formatDateTime(emergencyUntil, timeZone)}. The privacy officer reviews it.
        </Alert>
      )}
      <RouteTabs label="Client record" base={base} tabs={tabs} />
      <TabNotice />
      <Routes>
        <Route index element={fallback} />
        {tabs.map((t) => (
          <Route
            key={t.path}
            path={t.path}
            element={
              <Screen>
                <t.component client={c} />
              </Screen>
            }
          />
        ))}
        <Route path="*" element={fallback} />
      </Routes>
    </>
  );
}
