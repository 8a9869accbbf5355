import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useNoteAction } from '../../clinical/notes.ts';
import type { Note, NoteFields, NoteTemplate } from '../../clinical/types.ts';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { UserError } from '../../ui/errors.tsx';
import { todayIn } from '../../clinical/dates.ts';
import { useAutosave, type Draft } from './autosave.ts';
import { contentFor } from './choices.ts';
import { NoteForm } from './NoteForm.tsx';
import { SaveIndicator, SaveProblem } from './SaveIndicator.tsx';

/** The author's draft: the template's fields, saved as they type, and Sign. */
export function DraftEditor({
  note,
  template,
  onReload,
}: {
  note: Note;
  template: NoteTemplate;
  onReload: (unsaved: Draft) => void;
}) {
  const { me } = useSession();
  const timeZone = useTimeZone();
  const [values, setValues] = useState<NoteFields>(note.fields);
  const [dateOfService, setDateOfService] = useState(note.dateOfService);
  const toBody = useCallback(
    (d: Draft): Draft => ({
      fields: contentFor(template.fields, d.fields),
      dateOfService: d.dateOfService,
    }),
    [template],
  );
  const autosave = useAutosave(note, toBody);
  const [signing, setSigning] = useState(false);
  const [flushError, setFlushError] = useState<unknown>(null);
  const sign = useNoteAction(note.id, 'sign');

  const setField = (name: string, value: NoteFields[string]) => {
    const next = { ...values, [name]: value };
    setValues(next);
    autosave.change({ fields: next, dateOfService });
  };
  const setDate = (value: string) => {
    setDateOfService(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value))
      autosave.change({ fields: values, dateOfService: value });
  };
  const confirmSign = async () => {
    setFlushError(null);
    if (!(await autosave.flush())) {
      setFlushError(
        new UserError(
          'The latest changes could not be saved, so the note was not signed. See the message above the form.',
        ),
      );
      return;
    }
    sign.mutate(undefined, { onSuccess: () => setSigning(false) });
  };
  const stopped = ['conflict', 'locked'].includes(autosave.state.kind);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label="Date of service"
          required
          value={dateOfService}
          max={todayIn(timeZone)}
          onChange={(e) => setDate(e.currentTarget.value)}
          w={220}
        />
        <SaveIndicator state={autosave.state} onRetry={() => void autosave.flush()} />
      </Group>
      <SaveProblem
        state={autosave.state}
        onReload={() => onReload(autosave.unsaved())}
        onRetry={() => void autosave.flush()}
      />
      <NoteForm template={template} values={values} onChange={setField} />
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          <span aria-hidden="true">*</span> Required to sign. A draft may be incomplete.
        </Text>
        <Button
          onClick={() => {
            sign.reset();
            setFlushError(null);
            setSigning(true);
          }}
          disabled={stopped}
        >
          Sign note…
        </Button>
      </Group>
      <ConfirmDialog
        opened={signing}
        title="Sign this note?"
        confirmLabel="Sign and lock"
        pending={sign.isPending}
        error={flushError ?? sign.error}
        onConfirm={() => void confirmSign()}
        onClose={() => setSigning(false)}
      >
        <Stack gap="xs">
          <Text>
            Signing locks the note. Your signature records your name and credentials, the time, and
            a fingerprint (SHA-256) of its content.
          </Text>
          <Text size="sm" c="dimmed">
            After signing, a change needs a supervisor or administrator to unlock the note with a
            reason; or you add an addendum.
            {me.user.role === 'associate' &&
              ' If your practice asks for it, your supervisor co-signs it next.'}
          </Text>
        </Stack>
      </ConfirmDialog>
    </Stack>
  );
}
