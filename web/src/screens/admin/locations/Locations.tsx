import { Button, Group, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../../api/http.ts';
import { LOCATIONS_KEY, useLocations } from '../../../scheduling/api.ts';
import type { Location } from '../../../scheduling/types.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert, fieldErrorOf, QueryError } from '../../../ui/errors.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState } from '../../../ui/Section.tsx';

/**
 * The practice's places for in-person sessions. Archiving takes one off the list for new
 * bookings; sessions already booked there keep it.
 */
export function Locations() {
  const list = useLocations();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: LOCATIONS_KEY });
  const add = useMutation({
    mutationFn: (name: string) => api<Location>('POST', '/locations', { name }),
    onSuccess: refresh,
  });
  const archive = useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/locations/${id}`),
    onSuccess: refresh,
  });
  const [name, setName] = useState('');
  const [archiving, setArchiving] = useState<Location | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    add.mutate(name.trim(), { onSuccess: () => setName('') });
  };
  const field = fieldErrorOf(add.error, ['name']);
  return (
    <>
      <PageHeader
        title="Locations"
        subtitle="Where in-person sessions take place: offices, rooms."
      />
      <Stack gap="md">
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <QueryError error={list.error} refetch={list.refetch} />
        ) : list.data.length === 0 ? (
          <EmptyState>No locations yet. Add the first one below.</EmptyState>
        ) : (
          <Table aria-label="Locations" verticalSpacing="sm" maw={560}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>
                  <span className="visually-hidden-label">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td>{l.name}</Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        archive.reset();
                        setArchiving(l);
                      }}
                      aria-label={`Archive ${l.name}`}
                    >
                      Archive
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="sm">
            <TextInput
              label="New location"
              placeholder="Main office, Room 2…"
              value={name}
              maxLength={60}
              onChange={(e) => setName(e.currentTarget.value)}
              error={field?.message}
              w={320}
            />
            <Button type="submit" loading={add.isPending} disabled={!name.trim()}>
              Add location
            </Button>
          </Group>
        </form>
        {!field && <ErrorAlert error={add.error} />}
      </Stack>
      <ConfirmDialog
        opened={archiving !== null}
        title={`Archive ${archiving?.name ?? ''}?`}
        confirmLabel="Archive"
        danger
        pending={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archiving && archive.mutate(archiving.id, { onSuccess: () => setArchiving(null) })
        }
        onClose={() => setArchiving(null)}
      >
        It leaves the list for new bookings. Sessions already booked there keep it.
      </ConfirmDialog>
    </>
  );
}
