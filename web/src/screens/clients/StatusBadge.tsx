import { Badge } from '@mantine/core';
import type { ClientStatus } from '../../api/types.ts';

export const STATUS_LABELS: Record<ClientStatus, string> = {
  active: 'Active',
  inactive: 'Inactive',
  discharged: 'Discharged',
};
const COLORS: Record<ClientStatus, string> = {
  active: 'teal',
  inactive: 'gray',
  discharged: 'indigo',
};

export function StatusBadge({ status }: { status: ClientStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
