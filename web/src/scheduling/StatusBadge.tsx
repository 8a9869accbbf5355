import { Badge } from '@mantine/core';
import { REASONS, STATUS } from './status.ts';
import type { AppointmentStatus, StatusReason } from './types.ts';

/** A status in words with its glyph and colour (the colour is never the only signal). */
export function AppointmentStatusBadge({
  status,
  reason,
}: {
  status: AppointmentStatus;
  reason?: StatusReason | null;
}) {
  const s = STATUS[status];
  return (
    <Badge color={s.color} variant="light" size="sm" className="status-badge">
      <span aria-hidden="true">{s.icon} </span>
      {s.label}
      {reason ? ` · ${REASONS[reason]}` : ''}
    </Badge>
  );
}
