import { Switch, Text } from '@mantine/core';
import { ErrorAlert, QueryError } from '../../ui/errors.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { Section } from '../../ui/Section.tsx';
import { useDigestEmail, useSetDigestEmail } from '../today/digest/digest.ts';

/** My own choice of the daily email that counts what waits for me. */
export function DigestEmail() {
  const choice = useDigestEmail();
  const save = useSetDigestEmail();
  return (
    <Section
      title="Email"
      description="Each morning, a short email when notes wait for you: counts and a link to Today, never a client's name."
    >
      {choice.isPending ? (
        <Loading />
      ) : choice.isError ? (
        <QueryError error={choice.error} refetch={choice.refetch} />
      ) : (
        <>
          <Switch
            label="Daily email of what waits for me"
            checked={save.isPending ? save.variables : choice.data.enabled}
            disabled={save.isPending}
            onChange={(e) => save.mutate(e.currentTarget.checked)}
          />
          <Text size="xs" c="dimmed" role="status">
            {choice.data.enabled
              ? 'On: it comes around 7 in the morning (UTC) on days when something waits.'
              : 'Off.'}
          </Text>
          <ErrorAlert error={save.error} />
        </>
      )}
    </Section>
  );
}
