import '../../clinical/clinical.css';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { useNote, useNoteAction, useTemplates } from '../../clinical/notes.ts';
import type { Note, NoteTemplate } from '../../clinical/types.ts';
import { useSession } from '../../session/session.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { NextInQueue } from './NextInQueue.tsx';
import { PrintActions } from './PrintActions.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { Section } from '../../ui/Section.tsx';
import { Addenda } from './Addenda.tsx';
import type { Draft } from './autosave.ts';
import { DraftEditor } from './DraftEditor.tsx';
import { History } from './History.tsx';
import { NoteContent } from './NoteContent.tsx';
import { useNoteClient } from '../../clinical/note-access.ts';
import { Signatures } from './Signatures.tsx';
import { NoteStatusBadge } from '../../clinical/NoteStatusBadge.tsx';
import { UnlockDialog } from './UnlockDialog.tsx';
import { UnsavedText } from './UnsavedText.tsx';

/** /notes/:noteId — a draft to write, or a signed note to read, unlock, amend or co-sign. */
export function NoteEditor() {
  const { noteId = '' } = useParams();
  const note = useNote(noteId);
  const templates = useTemplates();
  // A reload after a conflict starts the editor afresh from the server's copy; what had been
  // typed is kept aside on screen.
  const [generation, setGeneration] = useState(0);
  const [unsaved, setUnsaved] = useState<Draft | null>(null);
  // Out here: a co-signature changes the status, which starts the screen afresh.
  const [cosigned, setCosigned] = useState<string | null>(null);
  if (note.isPending || templates.isPending) return <Loading />;
  if (note.isError) return <NoteRefused error={note.error} refetch={note.refetch} />;
  if (templates.isError) return <QueryError error={templates.error} refetch={templates.refetch} />;
  const template = templates.data.items.find((t) => t.id === note.data.template);
  if (!template)
    return <QueryError error={new Error('unknown template')} refetch={templates.refetch} />;
  return (
    <NoteScreen
      key={`${generation}:${note.data.status}`}
      note={note.data}
      template={template}
      unsaved={unsaved}
      onDismissUnsaved={() => setUnsaved(null)}
      justCosigned={cosigned === note.data.id}
      onCosigned={() => setCosigned(note.data.id)}
      onReload={async (draft) => {
        await note.refetch();
        // Together, once the saved copy is here: the text kept aside and the fresh editor.
        setUnsaved(draft);
        setGeneration((g) => g + 1);
      }}
    />
  );
}

function NoteRefused({ error, refetch }: { error: unknown; refetch: () => unknown }) {
  if (error instanceof ApiError && (error.status === 404 || error.code === 'validation_failed')) {
    return (
      <>
        <PageHeader title="Note not found" />
        <Text>
          There is no note at this address in your practice.{' '}
          <Anchor component={Link} to="/today">
            Back to Today
          </Anchor>
        </Text>
      </>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <>
        <PageHeader title="You cannot open this note" />
        <Alert color="red" variant="light" role="alert" maw={640}>
          {error.message}
        </Alert>
      </>
    );
  }
  return <QueryError error={error} refetch={refetch} />;
}

function NoteScreen({
  note,
  template,
  unsaved,
  onDismissUnsaved,
  justCosigned,
  onCosigned,
  onReload,
}: {
  note: Note;
  template: NoteTemplate;
  unsaved: Draft | null;
  onDismissUnsaved: () => void;
  justCosigned: boolean;
  onCosigned: () => void;
  onReload: (unsaved: Draft) => Promise<void>;
}) {
  const { me, can } = useSession();
  const timeZone = useTimeZone();
  const client = useNoteClient(note);
  const [unlocking, setUnlocking] = useState(false);
  const [cosigning, setCosigning] = useState(false);
  const cosign = useNoteAction(note.id, 'cosign');
  const mine = note.authorId === me.user.id;
  const locked = note.status !== 'draft';
  const editable = !locked && mine && can('write:note:own');
  const chart = note.clientChart ?? client.allowed;
  const clientName = note.clientName ?? client.name;
  const mayCosign = note.status === 'pending_cosign' && !mine && can('cosign:note:supervisee');
  const back = chart
    ? { to: `/clients/${note.clientId}/notes`, label: '← Client’s notes' }
    : can('cosign:note:supervisee')
      ? { to: '/cosign', label: '← Co-sign queue' }
      : { to: '/today', label: '← Today' };
  return (
    <>
      <Anchor component={Link} to={back.to} size="sm" className="no-print">
        {back.label}
      </Anchor>
      <PageHeader
        title={template.label}
        documentTitle="Note"
        subtitle={
          <Group gap="xs" component="span" wrap="wrap">
            <span data-testid="note-context">
              {clientName ? (
                chart ? (
                  <Anchor component={Link} to={`/clients/${note.clientId}`} inherit>
                    {clientName}
                  </Anchor>
                ) : (
                  clientName
                )
              ) : null}
              {clientName ? ' · ' : ''}
              {note.authorName && !mine ? `by ${note.authorName} · ` : ''}
              Date of service {formatDate(note.dateOfService)}
              {note.signature
                ? ` · signed ${formatDateTime(note.signature.signedAt, timeZone)}`
                : ''}
            </span>
            <NoteStatusBadge status={note.status} />
          </Group>
        }
        actions={
          <>
            {mayCosign &&
              // The author's supervisor co-signs as a matter of course; an administrator may,
              // but for a note whose author has a supervisor it is not their next step.
              (note.authorSupervised ? (
                <Button
                  onClick={() => {
                    cosign.reset();
                    setCosigning(true);
                  }}
                >
                  Co-sign…
                </Button>
              ) : (
                <Button
                  variant="default"
                  onClick={() => {
                    cosign.reset();
                    setCosigning(true);
                  }}
                >
                  Co-sign as administrator…
                </Button>
              ))}
            {chart && !editable && (
              <Button variant="default" component={Link} to={`/clients/${note.clientId}`}>
                Open chart
              </Button>
            )}
            {locked && <PrintActions pdf={{ path: `/notes/${note.id}/pdf`, name: 'note.pdf' }} />}
            {locked && can('unlock:note:any') && (
              <Button variant="default" onClick={() => setUnlocking(true)}>
                Unlock…
              </Button>
            )}
          </>
        }
      />
      {justCosigned && <NextInQueue done={note.id} />}
      {unsaved && <UnsavedText template={template} draft={unsaved} onDismiss={onDismissUnsaved} />}
      <div className="note-layout">
        <Section title={editable ? 'Note' : 'Content'}>
          {editable ? (
            <DraftEditor note={note} template={template} onReload={(d) => void onReload(d)} />
          ) : (
            <Stack gap="md">
              {locked ? (
                <Alert color="teal" variant="light" title="Signed and locked" className="no-print">
                  This note can no longer be changed. A supervisor or administrator can unlock it
                  with a reason; anyone caring for the client can add an addendum below.
                </Alert>
              ) : (
                <Alert color="gray" variant="light" title="A draft">
                  Only its author can edit and sign this note.
                </Alert>
              )}
              <NoteContent template={template} fields={note.fields} />
            </Stack>
          )}
        </Section>
        <Stack gap="md">
          {note.signature && (
            <Section title="Signature">
              <Signatures note={note} />
            </Section>
          )}
          {locked && <Addenda note={note} canAdd={can('write:note:own')} />}
          <div className="no-print">
            <History noteId={note.id} template={template} />
          </div>
        </Stack>
      </div>
      <UnlockDialog noteId={note.id} opened={unlocking} onClose={() => setUnlocking(false)} />
      <ConfirmDialog
        opened={cosigning}
        title="Co-sign this note?"
        confirmLabel="Co-sign"
        pending={cosign.isPending}
        error={cosign.error}
        onConfirm={() =>
          // Not mutate's own onSuccess: the new status starts this screen afresh first, and a
          // callback of an unmounted screen never runs. The error shows in the dialog.
          void cosign.mutateAsync().then(onCosigned, () => undefined)
        }
        onClose={() => setCosigning(false)}
      >
        {note.authorSupervised
          ? 'Your co-signature records that you reviewed this note as its author’s supervisor, with your name, credentials and the time. The note becomes signed.'
          : 'You are not this author’s supervisor. As an administrator you may co-sign in their place; your co-signature records your name, credentials and the time. The note becomes signed.'}
      </ConfirmDialog>
    </>
  );
}
