import { Alert, Button, Group, Text } from '@mantine/core';
import { ApiError, NetworkError } from '../api/http.ts';

/** A failure in the browser whose message is written for the user (a cancelled passkey…). */
export class UserError extends Error {
  override name = 'UserError';
}

/** Words for the user from anything a call threw. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof NetworkError || error instanceof UserError) {
    return error.message;
  }
  return 'Something went wrong in the browser. Reload the page and try again.';
}

/**
 * An error where the user acted. A network failure offers to retry; the server's own message
 * is shown as it is (the API writes it for users).
 */
export function ErrorAlert({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: (() => void) | undefined;
  title?: string;
}) {
  if (!error) return null;
  const network = error instanceof NetworkError;
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? (network ? 'No connection' : 'That did not work')}
      role="alert"
    >
      <Group justify="space-between" gap="sm" wrap="nowrap">
        <Text size="sm">{messageOf(error)}</Text>
        {onRetry && (network || !(error instanceof ApiError) || error.status >= 500) && (
          <Button size="xs" variant="default" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** A query that failed: what happened, and a way to try again. */
export function QueryError({ error, refetch }: { error: unknown; refetch: () => unknown }) {
  return <ErrorAlert error={error} onRetry={() => void refetch()} title="Could not load this" />;
}

const FORMAT_WORDS: Record<string, string> = {
  email: 'Enter an email address like name@example.org.',
  date: 'Enter a date.',
  uuid: 'Choose from the list.',
};

/**
 * The field a validation error is about, and what to say there. The server names the field
 * (`body.dateOfBirth must match format "date".`); this turns that into words for the form.
 */
export function fieldErrorOf(
  error: unknown,
  fields: readonly string[],
): { field: string; message: string } | undefined {
  if (!(error instanceof ApiError) || error.code !== 'validation_failed') return undefined;
  const m = /^body\.([A-Za-z0-9_.]+)\s+(.*)$/.exec(error.message);
  if (!m) return undefined;
  const path = m[1]!;
  const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
  if (!field) return undefined;
  const rest = m[2]!;
  const format = /must match format "([^"]+)"/.exec(rest)?.[1];
  if (format) return { field, message: FORMAT_WORDS[format] ?? 'Check this value.' };
  if (/must match pattern/.test(rest))
    return {
      field,
      message: 'Check this value: it has characters that are not allowed, or is blank.',
    };
  if (/must NOT have fewer/.test(rest)) return { field, message: 'This cannot be blank.' };
  const max = /must NOT have more than (\d+)/.exec(rest)?.[1];
  if (max) return { field, message: `Use at most ${max} characters.` };
  return { field, message: `This value ${rest.replace(/\.$/, '')}.` };
}
