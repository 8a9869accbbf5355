import { Text } from '@mantine/core';
import { useNoteClient } from './note-access.ts';
import type { NoteHeader } from './types.ts';

/** A note's client by name, where the reader may open the client's record. */
export function NoteClientName({ note }: { note: NoteHeader }) {
  const client = useNoteClient(note);
  if (client.name) return <>{client.name}</>;
  return (
    <Text span c="dimmed" size="sm">
      {client.allowed ? '…' : 'Not in your care'}
    </Text>
  );
}
