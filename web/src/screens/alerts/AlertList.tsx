import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { SecurityAlert } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { ErrorAlert } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { useAcknowledgeAlert } from './alerts.ts';

const SEVERITY_COLOR: Record<string, string> = { critical: 'red', high: 'red', warning: 'grape' };

/** Security alerts, newest first, each with "Mark reviewed" for those who may. */
export function AlertList({ alerts }: { alerts: SecurityAlert[] }) {
  const { can } = useSession();
  const timeZone = useTimeZone();
  const acknowledge = useAcknowledgeAlert();
  return (
    <Stack gap="sm">
      <ErrorAlert error={acknowledge.error} />
      {alerts.map((a) => (
        <Group
          key={a.id}
          justify="space-between"
          wrap="nowrap"
          align="flex-start"
          className="alert-row"
        >
          <div>
            <Group gap="xs">
              <Badge color={SEVERITY_COLOR[a.severity] ?? 'gray'} variant="light" size="sm">
                {a.severity}
              </Badge>
              <Text size="sm" c="dimmed">
                {formatDateTime(a.createdAt, timeZone)}
              </Text>
            </Group>
            <Text size="sm" mt={4}>
              {a.message}
            </Text>
            {a.acknowledgedAt && (
              <Text size="xs" c="dimmed">
                Reviewed {formatDateTime(a.acknowledgedAt, timeZone)}
              </Text>
            )}
          </div>
          {!a.acknowledgedAt && can('manage:alert:any') && (
            <Button
              className="no-shrink"
              size="xs"
              variant="default"
              loading={acknowledge.isPending && acknowledge.variables === a.id}
              onClick={() => acknowledge.mutate(a.id)}
            >
              Mark reviewed
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}
