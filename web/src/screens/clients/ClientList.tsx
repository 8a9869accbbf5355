import { Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ClientStatus } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { ageOf, clientName, formatDate } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState } from '../../ui/Section.tsx';
import { useClientList } from './clients.ts';
import { STATUS_LABELS, StatusBadge } from './StatusBadge.tsx';

const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'discharged', label: 'Discharged' },
  { value: 'all', label: 'All statuses' },
];

export function ClientList() {
  const { can, canAny } = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState<ClientStatus | 'all'>('active');
  const list = useClientList(debounced, status);
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
          w={180}
        />
      </Group>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} refetch={list.refetch} />
      ) : clients.length === 0 ? (
        <EmptyState>
          {debounced
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
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Link className="row-link" to={`/clients/${c.id}`} title={clientName(c)}>
                        {clientName(c)}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      {formatDate(c.dateOfBirth)}
                      <Text span c="dimmed" size="sm">
                        {' '}
                        ({ageOf(c.dateOfBirth)})
                      </Text>
                    </Table.Td>
                    <Table.Td>
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
