import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useTimeZone } from '../../session/time-zone.ts';
import { messageOf } from '../../ui/errors.tsx';
import type { SaveState } from './autosave.ts';

const timeOf = (d: Date, timeZone?: string) =>
  new Intl.DateTimeFormat(undefined, {
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(d);

/** Where the draft stands: saving, saved at…, retrying, or what stopped it. */
export function SaveIndicator({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  const timeZone = useTimeZone();
  let text: string;
  switch (state.kind) {
    case 'idle':
      text = 'Changes save automatically as you type.';
      break;
    case 'pending':
      text = 'Unsaved changes…';
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'saved':
      text = `Saved at ${timeOf(state.at, timeZone)}`;
      break;
    case 'retrying':
      text = 'Couldn’t save — retrying. Your text is kept here.';
      break;
    default:
      text = 'Not saved.';
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <span className="save-indicator" role="status" aria-live="polite" data-testid="save-state">
        {state.kind === 'saving' && <Loader size={12} aria-hidden="true" />}
        {state.kind === 'saved' && <span aria-hidden="true">✓</span>}
        {state.kind === 'retrying' && (
          <Text span c="red.9" size="sm" aria-hidden="true">
            !
          </Text>
        )}
        {text}
      </span>
      {state.kind === 'retrying' && (
        <Button size="compact-xs" variant="default" onClick={onRetry}>
          Try now
        </Button>
      )}
    </Group>
  );
}

/** A save the person must act on: a conflict, a locked note, a refusal. */
export function SaveProblem({
  state,
  onReload,
  onRetry,
}: {
  state: SaveState;
  onReload: () => void;
  onRetry: () => void;
}) {
  if (state.kind === 'conflict') {
    return (
      <Alert color="blue" variant="light" title="This note changed elsewhere" role="alert">
        <Text size="sm">
          It was saved from another tab or device after you opened it, so your latest changes were
          not saved (nothing was overwritten). Reload to get the latest version; what you typed here
          stays on screen for you to copy back.
        </Text>
        <Button size="xs" mt="sm" onClick={onReload}>
          Reload the note
        </Button>
      </Alert>
    );
  }
  if (state.kind === 'locked') {
    return (
      <Alert color="blue" variant="light" title="Your change was not saved" role="alert">
        <Text size="sm">{state.error.message}</Text>
        <Text size="sm" mt={4}>
          It was signed elsewhere. What you typed stays on screen for you to copy into an addendum.
        </Text>
        <Button size="xs" mt="sm" onClick={onReload}>
          Show the signed note
        </Button>
      </Alert>
    );
  }
  if (state.kind === 'failed') {
    return (
      <Alert color="red" variant="light" title="Not saved" role="alert">
        <Text size="sm">{messageOf(state.error)}</Text>
        <Button size="xs" mt="sm" variant="default" onClick={onRetry}>
          Try again
        </Button>
      </Alert>
    );
  }
  return null;
}
