import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, get } from '../../api/http.ts';
import type { MfaDevice, Page } from '../../api/types.ts';
import { ME_KEY } from '../../session/session.tsx';
import { ErrorAlert, QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { PasswordField } from '../../ui/PasswordField.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { SetupFlow, type Method } from '../auth/setup/SetupFlow.tsx';
import { ReauthenticationProvider } from '../auth/setup/reauthentication.tsx';

const DEVICES_KEY = ['mfa-devices'] as const;

export function MfaDevices() {
  const queryClient = useQueryClient();
  const devices = useQuery({
    queryKey: DEVICES_KEY,
    queryFn: () => get<Page<MfaDevice> & { recoveryCodesLeft: number }>('/mfa/devices'),
  });
  const [adding, setAdding] = useState(false);
  const timeZone = useTimeZone();
  const [removing, setRemoving] = useState<MfaDevice | null>(null);
  const [password, setPassword] = useState('');
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: DEVICES_KEY }),
      queryClient.invalidateQueries({ queryKey: ME_KEY }),
    ]);
  const remove = useMutation({
    mutationFn: (d: MfaDevice) =>
      api('DELETE', `/mfa/devices/${encodeURIComponent(d.id)}`, { password }),
    onSuccess: async () => {
      setRemoving(null);
      setPassword('');
      await refresh();
    },
  });
  const items = devices.data?.items ?? [];
  // One authenticator app and one phone per account; passkeys, as many as wanted.
  const exclude: Method[] = items.flatMap((d) =>
    d.kind === 'totp' || d.kind === 'sms' ? [d.kind] : [],
  );
  const submitRemove = (e: FormEvent) => {
    e.preventDefault();
    if (removing) remove.mutate(removing);
  };
  const wrongPassword =
    remove.error instanceof ApiError && remove.error.code === 'invalid_credentials';
  return (
    <Section
      title="Sign-in methods"
      description="Your second factors. Having two means losing one phone does not lock you out."
      actions={
        <Button variant="default" size="sm" onClick={() => setAdding(true)}>
          Add a method
        </Button>
      }
    >
      {devices.isPending ? (
        <Loading />
      ) : devices.isError ? (
        <QueryError error={devices.error} refetch={devices.refetch} />
      ) : (
        <>
          {items.length === 0 ? (
            <EmptyState>
              No second factor yet: anyone with your password could sign in as you.
            </EmptyState>
          ) : (
            <Table verticalSpacing="xs" aria-label="Sign-in methods">
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {d.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {d.kind === 'passkey'
                          ? 'Passkey'
                          : d.kind === 'sms'
                            ? 'SMS codes'
                            : 'Authenticator codes'}{' '}
                        · added {formatDateTime(d.createdAt, timeZone)}
                        {d.lastUsedAt
                          ? ` · last used ${formatDateTime(d.lastUsedAt, timeZone)}`
                          : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          remove.reset();
                          setPassword('');
                          setRemoving(d);
                        }}
                        aria-label={`Remove ${d.name}`}
                      >
                        Remove
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" c="dimmed">
            Recovery codes left: {devices.data.recoveryCodesLeft}
          </Text>
        </>
      )}
      {/* The password prompt opens above the set-up dialog, which waits behind it. */}
      <Modal.Stack>
        <Modal
          opened={adding}
          onClose={() => setAdding(false)}
          title="Add a sign-in method"
          size="lg"
          stackId="add-method"
          centered
        >
          <ReauthenticationProvider stackId="confirm-password">
            <SetupFlow
              exclude={exclude}
              onCancel={() => setAdding(false)}
              onDone={() => {
                setAdding(false);
                void refresh();
              }}
            />
          </ReauthenticationProvider>
        </Modal>
      </Modal.Stack>
      <Modal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? ''}?`}
        centered
      >
        <form onSubmit={submitRemove} noValidate>
          <Stack gap="md">
            <Text size="sm">Enter your password to confirm.</Text>
            <PasswordField
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={wrongPassword ? remove.error?.message : undefined}
              required
              data-autofocus
            />
            {!wrongPassword && <ErrorAlert error={remove.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={remove.isPending} disabled={!password}>
                Remove
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Section>
  );
}
