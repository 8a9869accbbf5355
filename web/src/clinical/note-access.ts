import { useQuery } from '@tanstack/react-query';
import { get } from '../api/http.ts';
import type { Client } from '../api/types.ts';
import type { NoteHeader } from './types.ts';
import { useSession } from '../session/session.tsx';
import { clientName } from '../ui/format.ts';
import { clientKey } from '../screens/clients/clients.ts';

/**
 * The client's name for a note, when the reader may open the client's record: the author (a
 * client in their care) or a role that reads every client. A supervisor reading a
 * supervisee's note may not have the client in their care: asking would be refused and
 * recorded as a denied access, so the screen does without the name.
 */
export function useNoteClient(note: Pick<NoteHeader, 'clientId' | 'authorId'>) {
  const { me, can } = useSession();
  const allowed = can('read:client:any') || note.authorId === me.user.id;
  const client = useQuery({
    queryKey: clientKey(note.clientId),
    queryFn: () => get<Client>(`/clients/${note.clientId}`),
    enabled: allowed,
    staleTime: 60_000,
  });
  return {
    allowed,
    name: client.data ? clientName(client.data) : undefined,
  };
}
