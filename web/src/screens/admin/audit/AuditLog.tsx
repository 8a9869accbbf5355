import { Button, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { download, get, query } from '../../../api/http.ts';
import { ROLE_LABELS, type AuditEvent, type Page, type Role } from '../../../api/types.ts';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState } from '../../../ui/Section.tsx';
import { useStaff } from '../staff.ts';
import { actionLabel, AUDIT_ACTIONS, jobLabel } from './actions.ts';
import { ClientPicker } from './ClientPicker.tsx';
import { detailWords } from './detail-words.ts';
import { ClearFilters, DateRangeFilter } from '../../../ui/FilterBar.tsx';

interface Filters {
  userId: string | null;
  clientId: string | null;
  action: string | null;
  outcome: string | null;
  from: string;
  to: string;
}

const EMPTY: Filters = {
  userId: null,
  clientId: null,
  action: null,
  outcome: null,
  from: '',
  to: '',
};

/** Dates typed as local days become the API's instants: from the start of `from` to the end of `to`. */
function params(f: Filters) {
  return {
    userId: f.userId,
    clientId: f.clientId,
    action: f.action,
    outcome: f.outcome,
    from: f.from ? new Date(`${f.from}T00:00:00`).toISOString() : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999`).toISOString() : undefined,
  };
}

const ACTION_OPTIONS = [...AUDIT_ACTIONS]
  .map((a) => ({ value: a, label: actionLabel(a) }))
  .sort((a, b) => a.label.localeCompare(b.label));

export function AuditLog() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const staff = useStaff();
  const timeZone = useTimeZone();
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) =>
    setFilters((f) => ({ ...f, [k]: v }));
  const events = useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) =>
      get<Page<AuditEvent>>(
        `/audit-events${query({ ...params(filters), limit: 50, cursor: pageParam })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const exportCsv = useMutation({
    mutationFn: () =>
      download(`/audit-events${query({ ...params(filters), format: 'csv' })}`, 'hearth-audit.csv'),
  });
  const rows = events.data?.pages.flatMap((p) => p.items) ?? [];
  const users = (staff.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const nameOf = new Map(users.map((u) => [u.value, u.label]));
  const clientNames = new Map(
    rows.flatMap((e) => (e.clientId && e.clientName ? [[e.clientId, e.clientName] as const] : [])),
  );
  const names = {
    user: (id: string) => nameOf.get(id),
    client: (id: string) => clientNames.get(id),
  };
  const who = (e: AuditEvent) =>
    (e.actor.userId && nameOf.get(e.actor.userId)) ??
    (e.actor.label && e.actor.type === 'system' ? jobLabel(e.actor.label) : e.actor.label) ??
    (e.actor.type === 'anonymous'
      ? 'Not signed in'
      : e.actor.type === 'system'
        ? 'Hearth'
        : 'Former staff member');
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every sign-in, record access and change, newest first. The trail is tamper-evident."
        actions={
          <Button
            variant="default"
            onClick={() => exportCsv.mutate()}
            loading={exportCsv.isPending}
          >
            Export CSV
          </Button>
        }
      />
      <ErrorAlert error={exportCsv.error} />
      <div className="audit-filters">
        <Select
          label="User"
          placeholder="Anyone"
          data={users}
          value={filters.userId}
          onChange={(v) => set('userId', v)}
          searchable
          clearable
        />
        <ClientPicker value={filters.clientId} onChange={(v) => set('clientId', v)} />
        <Select
          label="Action"
          placeholder="Any action"
          data={ACTION_OPTIONS}
          value={filters.action}
          onChange={(v) => set('action', v)}
          searchable
          clearable
        />
        <Select
          label="Outcome"
          placeholder="Any outcome"
          data={[
            { value: 'success', label: 'Allowed' },
            { value: 'denied', label: 'Refused' },
            { value: 'error', label: 'Failed' },
          ]}
          value={filters.outcome}
          onChange={(v) => set('outcome', v)}
          clearable
        />
        <DateRangeFilter from={filters.from} to={filters.to} onChange={set} />
      </div>
      <ClearFilters filters={filters} empty={EMPTY} onClear={() => setFilters(EMPTY)} />
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <QueryError error={events.error} refetch={events.refetch} />
      ) : rows.length === 0 ? (
        <EmptyState>No events match these filters.</EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <Table verticalSpacing="xs" aria-label="Audit events" aria-busy={events.isFetching}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Address</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td className="nowrap">{formatDateTime(e.occurredAt, timeZone)}</Table.Td>
                    <Table.Td>
                      {who(e)}
                      {e.actor.role && (
                        <Text size="xs" c="dimmed">
                          {ROLE_LABELS[e.actor.role as Role] ?? e.actor.role}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" title={e.action}>
                        {actionLabel(e.action)}
                      </Text>
                      {e.clientId && (
                        <Text size="sm">
                          {e.clientName ? (
                            <Link to={`/clients/${e.clientId}`}>{e.clientName}</Link>
                          ) : (
                            'A client'
                          )}
                        </Text>
                      )}
                      <Text size="xs" c="dimmed">
                        {detailWords(e.detail, names).join(' · ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {e.outcome === 'success'
                        ? 'Allowed'
                        : e.outcome === 'denied'
                          ? 'Refused'
                          : 'Failed'}
                    </Table.Td>
                    <Table.Td>{e.ip ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {events.hasNextPage && (
            <Button
              variant="default"
              mt="md"
              onClick={() => void events.fetchNextPage()}
              loading={events.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </>
      )}
    </>
  );
}
