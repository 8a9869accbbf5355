import { Badge, Button, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, get } from '../../api/http.ts';
import type { Page, SessionRow } from '../../api/types.ts';
import { useLeaveSession } from '../../session/session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { ErrorAlert, QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { Loading } from '../../ui/Screen.tsx';
import { Section } from '../../ui/Section.tsx';
import { useNavigate } from 'react-router';

/** "Chrome on Windows" from a user-agent string; enough to recognise one's own devices. */
function deviceOf(ua: string | null): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'another system';
  return `${browser} on ${os}`;
}

export function Sessions() {
  const queryClient = useQueryClient();
  const leave = useLeaveSession();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const timeZone = useTimeZone();
  const sessions = useQuery({
    queryKey: ['sessions'],
    queryFn: () => get<Page<SessionRow>>('/sessions'),
  });
  const endOne = useMutation({
    mutationFn: (id: string) => api('DELETE', `/sessions/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
  const endAll = useMutation({
    mutationFn: () => api<{ ended: number }>('DELETE', '/sessions'),
    onSuccess: async () => {
      await leave(() => navigate('/signed-out', { replace: true }));
    },
  });
  return (
    <Section
      title="Where you are signed in"
      description="End a session you do not recognise, or sign out everywhere if you think your account was used by someone else."
      actions={
        <Button variant="default" color="red" size="sm" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      }
    >
      <ErrorAlert error={endOne.error} />
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} refetch={sessions.refetch} />
      ) : (
        <Table verticalSpacing="xs" aria-label="Sessions">
          <Table.Tbody>
            {sessions.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {deviceOf(s.userAgent)}{' '}
                    {s.current && (
                      <Badge size="sm" color="teal" variant="light">
                        This browser
                      </Badge>
                    )}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {s.ip ?? 'unknown address'} · signed in {formatDateTime(s.createdAt, timeZone)}{' '}
                    · last active {formatDateTime(s.lastSeenAt, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  {!s.current && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => endOne.mutate(s.id)}
                      loading={endOne.isPending && endOne.variables === s.id}
                    >
                      End
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ConfirmDialog
        opened={confirming}
        title="Sign out everywhere?"
        confirmLabel="Sign out everywhere"
        danger
        pending={endAll.isPending}
        error={endAll.error}
        onConfirm={() => endAll.mutate()}
        onClose={() => setConfirming(false)}
      >
        Every session of your account ends, this one included. You will need to sign in again.
      </ConfirmDialog>
    </Section>
  );
}
