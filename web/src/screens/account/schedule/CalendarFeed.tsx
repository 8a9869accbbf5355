import { Alert, Button, CopyButton, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { useCreateFeed, useFeeds, useRevokeFeed } from '../../../scheduling/availability-api.ts';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';

/**
 * The private calendar feed: a secret address a phone's calendar subscribes to. It is shown
 * once; it carries times and "Client session" only, because calendar apps copy feeds to their
 * providers' servers. Revoking it stops the address at once.
 */
export function CalendarFeed() {
  const { me } = useSession();
  const zone = useTimeZone();
  const feeds = useFeeds();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [revoking, setRevoking] = useState<string | null>(null);
  // Admins list the whole practice's feeds: this section is about one's own.
  const mine = (feeds.data ?? []).filter((f) => f.clinicianId === me.user.id);
  return (
    <Stack gap="sm">
      <Text size="sm">
        Subscribe to your sessions from your phone’s or computer’s calendar. The feed shows each
        session’s time as <strong>“Client session”</strong>, “Telehealth” or “In person” — never a
        client’s name, a service code, a room or a remark — because calendar apps copy it to their
        providers’ servers. Cancelled sessions drop out of it.
      </Text>
      {create.data && (
        <Alert color="teal" variant="light" title="Your feed address">
          <Stack gap="xs">
            <Text size="sm">
              Copy it now: it is shown only once. Keep it like a password — anyone with it sees your
              session times.
            </Text>
            <TextInput
              label="Calendar feed address"
              value={create.data.url}
              readOnly
              classNames={{ input: 'feed-url' }}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="feed-url"
            />
            <Group>
              <CopyButton value={create.data.url}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? 'Copied' : 'Copy address'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      {feeds.isPending ? (
        <Loading />
      ) : feeds.isError ? (
        <QueryError error={feeds.error} refetch={feeds.refetch} />
      ) : (
        mine.length > 0 && (
          <List spacing="xs" listStyleType="none" aria-label="Your calendar feeds">
            {mine.map((f) => (
              <List.Item key={f.id}>
                <Group gap="sm" justify="space-between">
                  <Text size="sm">
                    Feed created {formatDateTime(f.createdAt, zone)} ·{' '}
                    {f.lastAccessedAt
                      ? `last fetched ${formatDateTime(f.lastAccessedAt, zone)}`
                      : 'not fetched yet'}
                  </Text>
                  <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(f.id)}>
                    Revoke
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )
      )}
      <ErrorAlert error={create.error} />
      <Group>
        <Button variant="default" onClick={() => create.mutate()} loading={create.isPending}>
          {mine.length > 0 ? 'Create another feed address' : 'Create a feed address'}
        </Button>
      </Group>
      <ConfirmDialog
        opened={revoking !== null}
        title="Revoke this calendar feed?"
        confirmLabel="Revoke"
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking, {
            onSuccess: () => {
              setRevoking(null);
              create.reset();
            },
          })
        }
        onClose={() => setRevoking(null)}
      >
        Calendars subscribed to it stop receiving your sessions at once. You can create a new
        address afterwards.
      </ConfirmDialog>
    </Stack>
  );
}
