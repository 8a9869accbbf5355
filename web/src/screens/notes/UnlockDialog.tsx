import { Alert, Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNoteAction } from '../../clinical/notes.ts';
import { ErrorAlert } from '../../ui/errors.tsx';

const MIN_REASON = 10;
const WORD = 'UNLOCK';

/**
 * Unlocking a signed note is rare and recorded: a reason (kept, encrypted, in the note's
 * history) and the word UNLOCK typed, so that it is never one click by accident.
 */
export function UnlockDialog({
  noteId,
  opened,
  onClose,
}: {
  noteId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const unlock = useNoteAction(noteId, 'unlock');
  const ready = reason.trim().length >= MIN_REASON && typed.trim() === WORD;
  const close = () => {
    unlock.reset();
    setReason('');
    setTyped('');
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (ready) unlock.mutate({ confirm: true, reason: reason.trim() }, { onSuccess: close });
  };
  return (
    <Modal opened={opened} onClose={close} title="Unlock this signed note" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Alert color="blue" variant="light">
            The note becomes a draft again for its author to correct and sign anew. Its signature,
            and your reason, stay in the note’s history for anyone who reads it later.
          </Alert>
          <Textarea
            label="Why does this note need to change?"
            description={`At least ${MIN_REASON} characters, e.g. “Wrong date of service entered”.`}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={1000}
            required
            data-autofocus
          />
          <TextInput
            label={`Type ${WORD} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            required
          />
          <ErrorAlert error={unlock.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!ready} loading={unlock.isPending}>
              Unlock note
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
