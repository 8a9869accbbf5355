import { Alert, Anchor, Button, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCosignQueue } from '../../clinical/notes.ts';

/** After a co-signature: the next note waiting, so a supervisor works through the queue. */
export function NextInQueue({ done }: { done: string }) {
  const queue = useCosignQueue();
  const next = queue.data?.items.find((n) => n.id !== done);
  return (
    <Alert color="teal" variant="light" title="Co-signed" className="no-print" mb="md">
      {queue.isPending ? (
        <Text size="sm">Looking for the next note…</Text>
      ) : next ? (
        <Group gap="sm" wrap="wrap">
          <Text size="sm">
            Next in the queue: {next.clientName ?? 'a note'}, by {next.authorName ?? 'a colleague'}.
          </Text>
          <Button size="xs" component={Link} to={`/notes/${next.id}`}>
            Open the next note
          </Button>
        </Group>
      ) : (
        <Text size="sm">
          Nothing else is waiting for your co-signature.{' '}
          {/* The body's colour: the theme's link colour is too faint on the alert's tint. */}
          <Anchor component={Link} to="/cosign" inherit c="var(--mantine-color-text)">
            Back to the co-sign queue
          </Anchor>
        </Text>
      )}
    </Alert>
  );
}
