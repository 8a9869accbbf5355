import { Badge, Table, Text } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../api/types.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { useAccessReport } from './clients.ts';
import type { ClientTabProps } from './tabs.ts';
import { visitsOf } from './visits.ts';

/** Who opened or changed this client's record, and when (HIPAA accounting of disclosures). */
export function AccessReportTab({ client }: ClientTabProps) {
  const report = useAccessReport(client.id);
  const timeZone = useTimeZone();
  return (
    <Section
      title="Access report"
      description="Everyone who opened or changed this record, newest first: one line per visit, with what it touched. The audit log has every event."
    >
      {report.isPending ? (
        <Loading />
      ) : report.isError ? (
        <QueryError error={report.error} refetch={report.refetch} />
      ) : report.data.items.length === 0 ? (
        <EmptyState>No one has opened this record yet.</EmptyState>
      ) : (
        <div className="table-scroll">
          <Table verticalSpacing="xs" aria-label="Access report">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>What</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Address</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visitsOf(report.data.items).map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{formatDateTime(v.from, timeZone)}</Table.Td>
                  <Table.Td>
                    {v.actor.name ?? v.actor.type}
                    {v.actor.role && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({ROLE_LABELS[v.actor.role as Role] ?? v.actor.role})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {v.label}{' '}
                    {v.breakGlass && (
                      <Badge color="red" variant="light" size="sm">
                        Emergency access
                      </Badge>
                    )}
                    {v.also.length > 0 && (
                      <Text size="xs" c="dimmed">
                        Also: {v.also.join(', ')}
                      </Text>
                    )}
                    {v.events > 1 && (
                      <Text size="xs" c="dimmed">
                        {v.events} audit events
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{v.outcome === 'success' ? 'Allowed' : 'Refused'}</Table.Td>
                  <Table.Td>{v.ip ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
