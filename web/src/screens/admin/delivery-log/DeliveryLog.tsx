import './delivery-log.css';
import { Badge, Button, Select, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, query } from '../../../api/http.ts';
import { useTimeZone } from '../../../session/time-zone.ts';
import { QueryError } from '../../../ui/errors.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState } from '../../../ui/Section.tsx';
import type { DeliveryPage } from './types.ts';
import { DeliverySummaryCards } from './DeliverySummary.tsx';
import { CHANNEL_WORDS, KIND_WORDS, reasonWords, STATUS_WORDS } from './words.ts';
import { ClearFilters, DateRangeFilter } from '../../../ui/FilterBar.tsx';

interface Filters {
  kind: string | null;
  channel: string | null;
  status: string | null;
  from: string;
  to: string;
}

const EMPTY: Filters = { kind: null, channel: null, status: null, from: '', to: '' };

const options = (words: Record<string, string>) =>
  Object.entries(words).map(([value, label]) => ({ value, label }));

const STATUS_OPTIONS = Object.entries(STATUS_WORDS).map(([value, w]) => ({
  value,
  label: w.label,
}));

/** Days typed as local dates become instants: from the start of `from` to the end of `to`. */
function params(f: Filters) {
  return {
    kind: f.kind,
    channel: f.channel,
    status: f.status,
    from: f.from ? new Date(`${f.from}T00:00:00`).toISOString() : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999`).toISOString() : undefined,
  };
}

/**
 * Administration → Delivery log: every email and text Hearth sent or tried to, newest first,
 * with what became of it. Never a message's words, and addresses and numbers only in part.
 */
export function DeliveryLog() {
  const timeZone = useTimeZone();
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const set = <K extends keyof Filters>(k: K, v: Filters[K]) =>
    setFilters((f) => ({ ...f, [k]: v }));
  const log = useInfiniteQuery({
    queryKey: ['delivery-log', filters],
    queryFn: ({ pageParam }) =>
      get<DeliveryPage>(
        `/delivery-log${query({ ...params(filters), limit: 50, cursor: pageParam })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (previous) => previous,
  });
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];
  const summary = log.data?.pages[0]?.summary;
  return (
    <>
      <PageHeader
        title="Delivery log"
        subtitle="Each email and text message Hearth sent, and what became of it. The words of a message are never shown here."
      />
      {summary && <DeliverySummaryCards summary={summary} />}
      <div className="delivery-filters">
        <Select
          label="Kind"
          placeholder="Any kind"
          data={options(KIND_WORDS)}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          clearable
        />
        <Select
          label="Sent by"
          placeholder="Email or text"
          data={options(CHANNEL_WORDS)}
          value={filters.channel}
          onChange={(v) => set('channel', v)}
          clearable
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={STATUS_OPTIONS}
          value={filters.status}
          onChange={(v) => set('status', v)}
          clearable
        />
        <DateRangeFilter from={filters.from} to={filters.to} onChange={set} />
      </div>
      <ClearFilters filters={filters} empty={EMPTY} onClear={() => setFilters(EMPTY)} />
      {log.isPending ? (
        <Loading />
      ) : log.isError ? (
        <QueryError error={log.error} refetch={log.refetch} />
      ) : rows.length === 0 ? (
        <EmptyState>No messages match these filters.</EmptyState>
      ) : (
        <>
          <Table
            verticalSpacing="xs"
            aria-label="Messages"
            aria-busy={log.isFetching}
            className="delivery-table"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Message</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((m) => {
                const status = STATUS_WORDS[m.status] ?? { label: m.status, color: 'gray' };
                const reason = reasonWords(m.reason);
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td data-label="Message">
                      <div>
                        <Text size="sm">{KIND_WORDS[m.kind] ?? m.kind}</Text>
                        <Text size="xs" c="dimmed">
                          {CHANNEL_WORDS[m.channel] ?? m.channel}
                        </Text>
                      </div>
                    </Table.Td>
                    <Table.Td data-label="To" className="mono">
                      <div>{m.to ?? 'The practice’s administrators'}</div>
                    </Table.Td>
                    <Table.Td data-label="Status" className="badge-cell">
                      <div>
                        <Badge color={status.color} variant="light" size="sm">
                          {status.label}
                        </Badge>
                        {reason && (
                          <Text size="xs" c={m.status === 'failed' ? 'red.9' : 'dimmed'} mt={2}>
                            {reason}
                          </Text>
                        )}
                        {m.attempts > 1 && (
                          <Text size="xs" c="dimmed">
                            {m.attempts} attempts
                          </Text>
                        )}
                      </div>
                    </Table.Td>
                    <Table.Td data-label="When">
                      <div>
                        <Text size="sm">{formatDateTime(m.createdAt, timeZone)}</Text>
                        {m.statusAt && m.status !== 'queued' && (
                          <Text size="xs" c="dimmed">
                            {status.label} {formatDateTime(m.statusAt, timeZone)}
                          </Text>
                        )}
                      </div>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {log.hasNextPage && (
            <Button
              variant="default"
              mt="md"
              onClick={() => void log.fetchNextPage()}
              loading={log.isFetchingNextPage}
            >
              Show older messages
            </Button>
          )}
        </>
      )}
    </>
  );
}
