import { Badge } from '@mantine/core';
import { STATUS_LABELS } from './notes.ts';
import type { NoteStatus } from './types.ts';

const COLORS: Record<NoteStatus, string> = {
  draft: 'gray',
  pending_cosign: 'blue',
  signed: 'teal',
};

/** A note's status in words (never colour alone). */
export function NoteStatusBadge({ status }: { status: NoteStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
