import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../ui/errors.tsx';
import { clientName } from '../ui/format.ts';
import { checkRepeat, type RepeatValue } from './repeat.ts';
import { RepeatFields } from './RepeatFields.tsx';
import { ScopeChoice } from './ScopeChoice.tsx';
import { moveScopes } from './move.ts';
import { formatSpan, localParts, weekdayName } from './time.ts';
import type { Appointment, Scope } from './types.ts';

export interface PendingMove {
  appointment: Appointment;
  start: string;
  end: string;
  hint: RepeatValue;
}

/**
 * A session of a series was dragged: ask which sessions move ("This session" by default). A
 * move to another weekday of "this and following" needs the rest of the series' rhythm.
 */
export function MoveDialog({
  move,
  zone,
  pending,
  error,
  onMove,
  onCancel,
}: {
  move: PendingMove;
  zone: string;
  pending: boolean;
  error: unknown;
  onMove: (scope: Scope, repeat: RepeatValue) => void;
  onCancel: () => void;
}) {
  const { appointment: a, start, end } = move;
  const [scope, setScope] = useState<Scope>('this');
  const [repeat, setRepeat] = useState<RepeatValue>(move.hint);
  const [checked, setChecked] = useState(false);
  const { dayChange, disabled, note } = moveScopes(a, start, zone);
  const newDate = localParts(start, zone).date;
  const needsRule = scope === 'following' && dayChange;
  const problem = needsRule ? checkRepeat(repeat, newDate) : undefined;
  return (
    <Modal opened onClose={onCancel} title="Move a session of a series" centered>
      <Stack gap="md">
        <Text size="sm">
          {clientName(a.client)}: from {formatSpan(a.start, a.end, zone)} to{' '}
          <strong>{formatSpan(start, end, zone)}</strong>.
        </Text>
        <ScopeChoice value={scope} onChange={setScope} disabled={disabled} note={note} />
        {needsRule && (
          <RepeatFields
            label="From this session on, repeat"
            allowNone={false}
            value={repeat}
            onChange={setRepeat}
            weekday={weekdayName(newDate)}
            error={checked ? problem : undefined}
          />
        )}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={pending}>
            Don’t move
          </Button>
          <Button
            loading={pending}
            data-autofocus
            onClick={() => {
              setChecked(true);
              if (!problem) onMove(scope, repeat);
            }}
          >
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
