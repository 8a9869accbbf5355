import { ActionIcon, Badge, Button, Menu, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABELS, type Role, type StaffUser } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { InviteDialog, ROLE_OPTIONS } from './InviteDialog.tsx';
import { useStaff, useStaffChange, type StaffChange } from './staff.ts';

const STATUS_COLOR: Record<string, string> = { active: 'teal', invited: 'blue', suspended: 'red' };

interface Pending {
  change: StaffChange;
  title: string;
  text: string;
  confirm: string;
  danger?: boolean;
}

export function Staff() {
  const { me } = useSession();
  const staff = useStaff();
  const change = useStaffChange();
  const [inviting, setInviting] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [roleFor, setRoleFor] = useState<StaffUser | null>(null);
  const [newRole, setNewRole] = useState<Role>('associate');
  const [notice, setNotice] = useState('');
  const ask = (p: Pending) => {
    change.reset();
    setNotice('');
    setPending(p);
  };
  const run = (p: Pending) =>
    change.mutate(p.change, {
      onSuccess: (r) => {
        setPending(null);
        setRoleFor(null);
        if (r.ended !== undefined)
          setNotice(`Ended ${r.ended} session${r.ended === 1 ? '' : 's'}.`);
      },
    });
  const actions = (u: StaffUser) => {
    const first = u.name.split(/\s+/)[0] ?? u.name;
    return (
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${u.name}`}>
            <span aria-hidden="true">⋯</span>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            onClick={() => {
              change.reset();
              setNewRole(u.role);
              setRoleFor(u);
            }}
          >
            Change role…
          </Menu.Item>
          {u.status === 'suspended' ? (
            <Menu.Item
              onClick={() =>
                ask({
                  change: { kind: 'patch', id: u.id, body: { status: 'active' } },
                  title: `Reactivate ${u.name}?`,
                  text: `${first} will be able to sign in again.`,
                  confirm: 'Reactivate',
                })
              }
            >
              Reactivate
            </Menu.Item>
          ) : (
            <Menu.Item
              onClick={() =>
                ask({
                  change: { kind: 'patch', id: u.id, body: { status: 'suspended' } },
                  title: `Suspend ${u.name}?`,
                  text: `${first} is signed out everywhere and cannot sign in until reactivated. Nothing is deleted.`,
                  confirm: 'Suspend',
                  danger: true,
                })
              }
            >
              Suspend
            </Menu.Item>
          )}
          {!u.emergencyAccess && (
            <Menu.Item
              onClick={() =>
                ask({
                  change: { kind: 'patch', id: u.id, body: { emergencyAccess: true } },
                  title: `Allow emergency access for ${u.name}?`,
                  text: `${first} will be able to open a client outside their care in an emergency, with a reason, for one hour at a time. Each use alerts the privacy officer.`,
                  confirm: 'Allow emergency access',
                })
              }
            >
              Allow emergency access
            </Menu.Item>
          )}
          {u.emergencyAccess && (
            <Menu.Item
              onClick={() =>
                ask({
                  change: { kind: 'patch', id: u.id, body: { emergencyAccess: false } },
                  title: `Withdraw emergency access from ${u.name}?`,
                  text: `${first} will no longer be able to use break-glass access.`,
                  confirm: 'Withdraw emergency access',
                })
              }
            >
              Withdraw emergency access
            </Menu.Item>
          )}
          <Menu.Item
            onClick={() =>
              ask({
                change: { kind: 'end-sessions', id: u.id },
                title: `Sign ${u.name} out everywhere?`,
                text: `Every session of ${first}'s ends now, on every device.`,
                confirm: 'End sessions',
              })
            }
          >
            End sessions
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            onClick={() =>
              ask({
                change: { kind: 'remove', id: u.id },
                title: `Remove ${u.name}?`,
                text: `${first} loses access to the practice for good. The audit trail keeps what they did.`,
                confirm: 'Remove',
                danger: true,
              })
            }
          >
            Remove…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    );
  };
  return (
    <>
      <PageHeader
        title="Staff"
        subtitle="Everyone who signs in to your practice."
        actions={<Button onClick={() => setInviting(true)}>Invite</Button>}
      />
      {notice && (
        <Text role="status" c="teal.9" mb="sm">
          {notice}
        </Text>
      )}
      {staff.isPending ? (
        <Loading />
      ) : staff.isError ? (
        <QueryError error={staff.error} refetch={staff.refetch} />
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="sm" aria-label="Staff">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Second factor</Table.Th>
                <Table.Th>
                  <span className="visually-hidden-label">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.data.items.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {u.name}
                      {u.id === me.user.id ? ' (you)' : ''}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {u.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[u.status] ?? 'gray'} variant="light" size="sm">
                      {u.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{u.mfaEnabled ? 'On' : 'Not set up'}</Table.Td>
                  <Table.Td ta="right">
                    {u.id !== me.user.id && u.status !== 'removed' && actions(u)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      <InviteDialog opened={inviting} onClose={() => setInviting(false)} />
      <ConfirmDialog
        opened={pending !== null}
        title={pending?.title ?? ''}
        confirmLabel={pending?.confirm ?? ''}
        danger={pending?.danger ?? false}
        pending={change.isPending}
        error={change.error}
        onConfirm={() => pending && run(pending)}
        onClose={() => setPending(null)}
      >
        {pending?.text ?? ''}
      </ConfirmDialog>
      <ConfirmDialog
        opened={roleFor !== null}
        title={`Change ${roleFor?.name ?? ''}'s role`}
        confirmLabel="Change role"
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          roleFor &&
          run({
            change: { kind: 'patch', id: roleFor.id, body: { role: newRole } },
            title: '',
            text: '',
            confirm: '',
          })
        }
        onClose={() => setRoleFor(null)}
      >
        <Stack gap="sm">
          <Select
            label="New role"
            data={ROLE_OPTIONS}
            value={newRole}
            onChange={(r) => r && setNewRole(r as Role)}
            allowDeselect={false}
          />
          <Text size="sm" c="dimmed">
            They are signed out and sign in again with the new role’s permissions.
          </Text>
        </Stack>
      </ConfirmDialog>
    </>
  );
}
