import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ErrorAlert } from '../../ui/errors.tsx';
import { useBreakGlass } from './clients.ts';

const MIN_REASON = 10;

/**
 * A clinician opened a client outside their care (403 not_your_client). In an emergency they
 * may open the record for an hour with a reason; the privacy officer is alerted and reviews it.
 */
export function BreakGlass({ clientId }: { clientId: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const breakGlass = useBreakGlass(clientId);
  const short = reason.trim().length < MIN_REASON;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!short) breakGlass.mutate(reason.trim());
  };
  return (
    <>
      <PageHeader title="This client is not in your care" />
      <Stack gap="md" maw={640}>
        <Text>
          You can open records only of clients assigned to you. If this is an emergency and you need
          this record now, you can use emergency access (“break-glass”): it opens the record for one
          hour, and your practice’s privacy officer is alerted and reviews your reason.
        </Text>
        <Group>
          <Button color="red" onClick={() => setOpen(true)}>
            Emergency access…
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title="Emergency access"
        centered
        size="lg"
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Alert color="red" variant="light">
              Use this only when a client’s safety or care cannot wait. Your access is recorded and
              reviewed.
            </Alert>
            <Textarea
              label="Why do you need this record now?"
              description={`At least ${MIN_REASON} characters. Do not include clinical details; say what the emergency is.`}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              minRows={3}
              autosize
              maxLength={500}
              required
              data-autofocus
            />
            <ErrorAlert error={breakGlass.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" color="red" disabled={short} loading={breakGlass.isPending}>
                Open the record for one hour
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
