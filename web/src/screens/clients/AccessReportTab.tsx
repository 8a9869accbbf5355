import { Badge, Table, Text } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../api/types.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { actionLabel } from '../admin/audit/actions.ts';
import { useAccessReport } from './clients.ts';
import type { ClientTabProps } from './tabs.ts';

/** Who opened or changed this client's record, and when (HIPAA accounting of disclosures). */
export function AccessReportTab({ client }: ClientTabProps) {
  const report = useAccessReport(client.id);
  const timeZone = useTimeZone();
  return (
    <Section
      title="Access report"
      description="Everyone who opened or changed this record, newest first."
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
              {report.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{formatDateTime(r.occurredAt, timeZone)}</Table.Td>
                  <Table.Td>
                    {r.actor.name ?? r.actor.type}
                    {r.actor.role && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        ({ROLE_LABELS[r.actor.role as Role] ?? r.actor.role})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {actionLabel(r.action)}{' '}
                    {r.breakGlass && (
                      <Badge color="red" variant="light" size="sm">
                        Emergency access
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{r.outcome === 'success' ? 'Allowed' : 'Refused'}</Table.Td>
                  <Table.Td>{r.ip ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Section>
  );
}
