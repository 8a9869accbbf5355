import {
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ROLE_LABELS, type Role } from '../../api/types.ts';
import { ErrorAlert, fieldErrorOf } from '../../ui/errors.tsx';
import { useInvite } from './staff.ts';

export const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
  value: r,
  label: ROLE_LABELS[r],
}));

/** Invite a colleague; the answer carries the single-use link, shown to copy (also emailed). */
export function InviteDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const invite = useInvite();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('associate');
  const close = () => {
    invite.reset();
    setName('');
    setEmail('');
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate({ name: name.trim(), email: email.trim(), role });
  };
  const fieldError = fieldErrorOf(invite.error, ['name', 'email', 'role']);
  return (
    <Modal opened={opened} onClose={close} title="Invite a colleague" centered size="lg">
      {invite.isSuccess ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" title="Invitation created">
            We emailed {invite.data.email} a link to choose a password. You can also send them this
            link yourself; it works once, for 72 hours.
          </Alert>
          <TextInput
            label="Invitation link"
            value={invite.data.inviteUrl}
            readOnly
            data-testid="invite-url"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Group justify="flex-end">
            <CopyButton value={invite.data.inviteUrl}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy link'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="Name"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              required
              data-autofocus
              error={fieldError?.field === 'name' ? fieldError.message : undefined}
            />
            <TextInput
              label="Email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              required
              error={fieldError?.field === 'email' ? fieldError.message : undefined}
            />
            <Select
              label="Role"
              data={ROLE_OPTIONS}
              value={role}
              onChange={(r) => r && setRole(r as Role)}
              allowDeselect={false}
            />
            <Text size="xs" c="dimmed">
              What each role may do is described in the permissions guide (docs/permissions.md).
            </Text>
            {!fieldError && <ErrorAlert error={invite.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button
                type="submit"
                loading={invite.isPending}
                disabled={!name.trim() || !email.trim()}
              >
                Send invitation
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
