import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDiscardNote, useNoteAction } from '../../clinical/notes.ts';
import type { Note, NoteFields, NoteTemplate } from '../../clinical/types.ts';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { UserError } from '../../ui/errors.tsx';
import { todayIn } from '../../clinical/dates.ts';
import { useAutosave, type Draft } from './autosave.ts';
import { contentFor, hasText, missingFields } from './choices.ts';
import { NoteForm } from './NoteForm.tsx';
import { SaveIndicator, SaveProblem } from './SaveIndicator.tsx';

/** The author's draft: the template's fields, saved as they type, Sign, and Discard. */
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
  const navigate = useNavigate();
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
  const [discarding, setDiscarding] = useState(false);
  const [flushError, setFlushError] = useState<unknown>(null);
  // Set when Sign found required fields empty; a field leaves it as it is filled in.
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const formRef = useRef<HTMLDivElement>(null);
  const sign = useNoteAction(note.id, 'sign');
  const discard = useDiscardNote(note.id);

  const setField = (name: string, value: NoteFields[string]) => {
    const next = { ...values, [name]: value };
    setValues(next);
    if (missing.has(name)) setMissing(new Set(missingFields(template.fields, next)));
    autosave.change({ fields: next, dateOfService });
  };
  const setDate = (value: string) => {
    setDateOfService(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value))
      autosave.change({ fields: values, dateOfService: value });
  };
  const askToSign = () => {
    sign.reset();
    setFlushError(null);
    const empty = missingFields(template.fields, values);
    setMissing(new Set(empty));
    if (empty.length > 0) {
      // The first field to fill in gets the focus; each is marked with its message.
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setSigning(true);
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
  const doDiscard = () => {
    autosave.stop();
    discard.mutate(undefined, {
      onSuccess: () => void navigate('/today'),
      onError: () => autosave.resume(),
    });
  };
  const askToDiscard = () => {
    discard.reset();
    if (hasText(contentFor(template.fields, values))) setDiscarding(true);
    else doDiscard();
  };
  const stopped = ['conflict', 'locked'].includes(autosave.state.kind);
  const labels = template.fields.filter((f) => missing.has(f.name)).map((f) => f.label);
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
      <div ref={formRef}>
        <NoteForm template={template} values={values} missing={missing} onChange={setField} />
      </div>
      {labels.length > 0 && (
        <Alert color="red" variant="light" role="alert" title="Not ready to sign">
          Fill in {labels.join(', ')} to sign this note. The draft is kept as it is.
        </Alert>
      )}
      {!signing && !discarding && discard.error ? (
        <Alert color="red" variant="light" role="alert" title="Not discarded">
          {discard.error instanceof Error ? discard.error.message : 'The draft was not discarded.'}
        </Alert>
      ) : null}
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          <span aria-hidden="true">*</span> Required to sign. A draft may be incomplete.
        </Text>
        <Group gap="sm">
          <Button
            variant="subtle"
            color="red"
            onClick={askToDiscard}
            loading={discard.isPending && !discarding}
          >
            Discard draft
          </Button>
          <Button onClick={askToSign} disabled={stopped}>
            Sign note…
          </Button>
        </Group>
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
      <ConfirmDialog
        opened={discarding}
        title="Discard this draft?"
        confirmLabel="Discard draft"
        danger
        pending={discard.isPending}
        error={discard.error}
        onConfirm={doDiscard}
        onClose={() => setDiscarding(false)}
      >
        The draft and what you wrote in it are deleted for good. It is not part of the client’s
        record; the audit trail keeps only that it existed.
      </ConfirmDialog>
    </Stack>
  );
}
