import { Badge, Spoiler, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/http.ts';
import type { OutboxMessage, Page } from '../../api/types.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState } from '../../ui/Section.tsx';

/** Emails and texts Hearth queued; without a mail server or SMS provider they wait here. */
export function Outbox() {
  const timeZone = useTimeZone();
  const outbox = useQuery({
    queryKey: ['notifications'],
    queryFn: () => get<Page<OutboxMessage>>('/notifications?limit=100'),
  });
  return (
    <>
      <PageHeader
        title="Outbox"
        subtitle="Emails and text messages Hearth has sent or is waiting to send. Without a mail server configured, they wait here."
      />
      {outbox.isPending ? (
        <Loading />
      ) : outbox.isError ? (
        <QueryError error={outbox.error} refetch={outbox.refetch} />
      ) : outbox.data.items.length === 0 ? (
        <EmptyState>Nothing has been sent yet.</EmptyState>
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="sm" aria-label="Outbox">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Queued</Table.Th>
                <Table.Th>To</Table.Th>
                <Table.Th>Message</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {outbox.data.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td className="nowrap">{formatDateTime(m.createdAt, timeZone)}</Table.Td>
                  <Table.Td>
                    {m.recipient ?? '—'}
                    <Text size="xs" c="dimmed">
                      {m.channel === 'sms' ? 'Text message' : 'Email'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {m.subject}
                    </Text>
                    {m.body ? (
                      <Spoiler maxHeight={44} showLabel="Show all" hideLabel="Show less">
                        <Text size="sm" className="pre-wrap">
                          {m.body}
                        </Text>
                      </Spoiler>
                    ) : (
                      <Text size="xs" c="dimmed">
                        Personal message: its text is shown only to its recipient.
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {m.sentAt ? (
                      <Badge color="teal" variant="light" size="sm">
                        Sent
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light" size="sm">
                        Waiting
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </>
  );
}
