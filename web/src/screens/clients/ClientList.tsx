import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ClientStatus, ClientSummary } from '../../api/types.ts';
import { useClinicians } from '../../scheduling/api.ts';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { Clipped } from '../../ui/Clipped.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { ageOf, clientName, formatDate, formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState } from '../../ui/Section.tsx';
import { useClientList, type ClientSort } from './clients.ts';
import { STATUS_LABELS, StatusBadge } from './StatusBadge.tsx';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'discharged', label: 'Discharged' },
  { value: 'all', label: 'All statuses' },
];

const SORT_OPTIONS: { value: ClientSort; label: string }[] = [
  { value: 'name', label: 'Name' },
  { value: 'clinician', label: 'Clinician' },
  { value: 'status', label: 'Status' },
];

/** The next appointment, and with whom. */
function NextAppointment({ next }: { next: ClientSummary['nextAppointment'] }) {
  const timeZone = useTimeZone();
  if (!next)
    return (
      <Text span size="sm" c="dimmed">
        None booked
      </Text>
    );
  return (
    <>
      <span className="nowrap">{formatDateTime(next.start, timeZone)}</span>
      <Text size="xs" c="dimmed">
        <Clipped text={next.clinician.name} width="12rem" />
      </Text>
    </>
  );
}

export function ClientList() {
  const { can, canAny } = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<ClientStatus | 'all'>('active');
  const [clinicianId, setClinicianId] = useState<string | null>(null);
  const [sort, setSort] = useState<ClientSort>('name');
  const list = useClientList({ search: debounced, status, clinicianId, sort });
  const clinicians = useClinicians();
  const clinicianOptions = (clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const clinicianName = clinicianOptions.find((c) => c.value === clinicianId)?.label;
  const clients = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mine = !can('read:client:any');
  return (
    <>
      <PageHeader
        title="Clients"
        subtitle={mine ? 'Clients in your care.' : undefined}
        actions={
          canAny(['write:client:own', 'write:client:any']) && (
            <Button component={Link} to="/clients/new">
              New client
            </Button>
          )
        }
      />
      <Group gap="sm" mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="First, last or preferred name"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          type="search"
          w={320}
          autoFocus
        />
        <Select
          label="Status"
          data={STATUS_OPTIONS}
          value={status}
          onChange={(v) => v && setStatus(v as ClientStatus | 'all')}
          allowDeselect={false}
          w={160}
        />
        <Select
          label="Clinician"
          placeholder="Any clinician"
          data={clinicianOptions}
          value={clinicianId}
          onChange={setClinicianId}
          searchable
          clearable
          w={220}
        />
        <Select
          label="Sort by"
          data={SORT_OPTIONS}
          value={sort}
          onChange={(v) => v && setSort(v as ClientSort)}
          allowDeselect={false}
          w={150}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} refetch={list.refetch} />
      ) : clients.length === 0 ? (
        <EmptyState>
          {clinicianName
            ? `No ${status === 'all' ? '' : `${STATUS_LABELS[status].toLowerCase()} `}client${debounced ? ` matching “${debounced}”` : ''} in ${clinicianName}’s care.`
            : debounced
              ? `No ${status === 'all' ? '' : `${STATUS_LABELS[status].toLowerCase()} `}client matches “${debounced}”.`
              : status === 'all'
                ? mine
                  ? 'No clients are assigned to you yet.'
                  : 'No clients yet. Add your first one with “New client”.'
                : `No ${STATUS_LABELS[status].toLowerCase()} clients${mine ? ' in your care' : ''}. Choose “All statuses” to see the others.`}
        </EmptyState>
      ) : (
        <>
          <div className="table-scroll">
            <Table
              highlightOnHover
              verticalSpacing="sm"
              aria-label="Clients"
              aria-busy={list.isFetching}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Date of birth</Table.Th>
                  <Table.Th>Phone</Table.Th>
                  <Table.Th>Clinician</Table.Th>
                  <Table.Th>Next appointment</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Link className="row-link" to={`/clients/${c.id}`}>
                        <Clipped text={clientName(c)} width="14rem" />
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      {formatDate(c.dateOfBirth)}
                      <Text span c="dimmed" size="sm">
                        {' '}
                        ({ageOf(c.dateOfBirth)})
                      </Text>
                    </Table.Td>
                    <Table.Td className="nowrap">{c.phone ?? '—'}</Table.Td>
                    <Table.Td>
                      {c.clinicians && c.clinicians.length > 0 ? (
                        <Clipped text={c.clinicians.map((u) => u.name).join(', ')} width="12rem" />
                      ) : (
                        <Text span size="sm" c="dimmed">
                          Unassigned
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <NextAppointment next={c.nextAppointment} />
                    </Table.Td>
                    <Table.Td className="badge-cell">
                      <StatusBadge status={c.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
          {list.hasNextPage && (
            <Button
              variant="default"
              mt="md"
              onClick={() => void list.fetchNextPage()}
              loading={list.isFetchingNextPage}
            >
              Load more
            </Button>
          )}
        </>
      )}
    </>
  );
}
