import '../../../clinical/clinical.css';
import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import { useClientNotes } from '../../../clinical/notes.ts';
import { NoteTable } from '../../../clinical/NoteTable.tsx';
import { useSession } from '../../../session/session.tsx';
import { QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';
import { NewNoteDialog } from './NewNoteDialog.tsx';

/** The client's notes (headers only), newest date of service first; "New note". */
export function NotesTab({ client }: ClientTabProps) {
  const { can } = useSession();
  const notes = useClientNotes(client.id);
  const [creating, setCreating] = useState(false);
  const items = notes.data?.items ?? [];
  const documented = new Set(items.flatMap((n) => (n.appointmentId ? [n.appointmentId] : [])));
  return (
    <Section
      title="Notes"
      description="Progress notes, assessments and plans, newest first. Open one to read or continue it."
      actions={can('write:note:own') && <Button onClick={() => setCreating(true)}>New note</Button>}
    >
      {notes.isPending ? (
        <Loading />
      ) : notes.isError ? (
        <QueryError error={notes.error} refetch={notes.refetch} />
      ) : items.length === 0 ? (
        <EmptyState>
          No notes yet.{can('write:note:own') && ' Start one with “New note”.'}
        </EmptyState>
      ) : (
        <>
          <NoteTable notes={items} label="Notes" />
          {notes.data.nextCursor && (
            <Text size="sm" c="dimmed">
              Showing the latest {items.length} notes.
            </Text>
          )}
        </>
      )}
      {creating && (
        <NewNoteDialog
          clientId={client.id}
          documented={documented}
          opened
          onClose={() => setCreating(false)}
        />
      )}
    </Section>
  );
}
