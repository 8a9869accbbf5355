import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../api/http.ts';
import type { Page } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import type {
  Addendum,
  HistoryDetail,
  HistoryEntry,
  Note,
  NoteFields,
  NoteHeader,
  NoteStatus,
  NoteTemplate,
  SessionToDocument,
  Signature,
  TemplateId,
} from './types.ts';

export const noteKey = (id: string) => ['note', id] as const;
const historyKey = (id: string) => ['note', id, 'history'] as const;

export const STATUS_LABELS: Record<NoteStatus, string> = {
  draft: 'Draft',
  pending_cosign: 'Awaiting co-signature',
  signed: 'Signed',
};

/**
 * The seven templates; they change only with a new Hearth release. Asked for only by roles that
 * read notes: for the others (front desk, billers) the server would refuse it, and a screen they
 * share (the chart's overview) never shows a template anyway.
 */
export function useTemplates() {
  const { can } = useSession();
  return useQuery({
    queryKey: ['note-templates'],
    queryFn: () => get<Page<NoteTemplate>>('/note-templates'),
    staleTime: Infinity,
    enabled: can('read:note:own'),
  });
}

/** A template's label, once the templates have loaded ("SOAP progress note"). */
export function useTemplateLabel(): (id: TemplateId) => string {
  const templates = useTemplates();
  const labels = new Map((templates.data?.items ?? []).map((t) => [t.id, t.label]));
  return (id) => labels.get(id) ?? id.replace('_', ' ');
}

export function useClientNotes(clientId: string) {
  return useQuery({
    queryKey: ['notes', 'client', clientId],
    queryFn: () => get<Page<NoteHeader>>(`/clients/${clientId}/notes?limit=100`),
  });
}

export function useMyNotes(status: NoteStatus) {
  return useQuery({
    queryKey: ['notes', 'mine', status],
    queryFn: () => get<Page<NoteHeader>>(`/notes${query({ authorId: 'me', status, limit: 50 })}`),
  });
}

export function useNotesToWrite() {
  return useQuery({
    queryKey: ['notes', 'to-write'],
    queryFn: () => get<Page<SessionToDocument>>('/notes/to-write'),
  });
}

export function useCosignQueue(enabled = true) {
  return useQuery({
    queryKey: ['notes', 'cosign-queue'],
    queryFn: () => get<Page<NoteHeader>>('/notes/cosign-queue'),
    enabled,
  });
}

export function useNote(id: string) {
  return useQuery({
    queryKey: noteKey(id),
    queryFn: () => get<Note>(`/notes/${id}`),
    // While a draft is open the editor holds the truth; a change made elsewhere shows up as a
    // conflict on the next save (expectedVersion), never by swapping the screen under the
    // person's hands.
    refetchOnWindowFocus: false,
  });
}

export function useHistory(id: string) {
  return useQuery({
    queryKey: historyKey(id),
    queryFn: () => get<Page<HistoryEntry>>(`/notes/${id}/versions`),
  });
}

export function useHistoryEntry(id: string, n: number | null) {
  return useQuery({
    queryKey: [...historyKey(id), n],
    queryFn: () => get<HistoryDetail>(`/notes/${id}/versions/${n}`),
    enabled: n !== null,
  });
}

export interface NewNote {
  clientId: string;
  template: TemplateId;
  appointment?: { id: string; date: string };
}

/** Starts a draft; the editor opens it. */
export function useStartNote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ clientId, template, appointment }: NewNote) =>
      api<Note>('POST', `/clients/${clientId}/notes`, {
        template,
        fields: {},
        // The date of service follows the session documented; without one it is today.
        ...(appointment ? { appointmentId: appointment.id, dateOfService: appointment.date } : {}),
      }),
    onSuccess: async (note) => {
      queryClient.setQueryData(noteKey(note.id), note);
      await queryClient.invalidateQueries({ queryKey: ['notes'] });
    },
  });
}

const keepName = (next: Signature | null, old: Signature | null): Signature | null =>
  next && old && !next.name && next.signedBy === old.signedBy ? { ...next, name: old.name } : next;

/** Keeps the editor's copy of the note in step with an answer that has no fields. */
function useMergeHeader() {
  const queryClient = useQueryClient();
  return async (header: NoteHeader) => {
    queryClient.setQueryData<Note>(noteKey(header.id), (old) =>
      old
        ? {
            ...old,
            ...header,
            // An action's answer has no names: a signature already shown keeps its signer's.
            signature: keepName(header.signature, old.signature),
            cosignature: keepName(header.cosignature, old.cosignature),
          }
        : old,
    );
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: historyKey(header.id) }),
      queryClient.invalidateQueries({ queryKey: ['notes'] }),
    ]);
  };
}

export function useSaveNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { fields: NoteFields; dateOfService: string; expectedVersion: number }) =>
      api<NoteHeader>('PATCH', `/notes/${id}`, body),
    onSuccess: (header, body) =>
      // The editor keeps what is being typed; the cache learns the saved content and version.
      queryClient.setQueryData<Note>(noteKey(id), (old) =>
        old ? { ...old, ...header, fields: body.fields } : old,
      ),
  });
}

type NoteAction = 'sign' | 'cosign' | 'unlock';

export function useNoteAction(id: string, action: NoteAction) {
  const merge = useMergeHeader();
  return useMutation({
    mutationFn: (body?: { confirm: true; reason: string }) =>
      api<NoteHeader>('POST', `/notes/${id}/${action}`, body),
    onSuccess: merge,
  });
}

/** Discards a draft: it leaves every list (Today's drafts, the client's notes). */
export function useDiscardNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('DELETE', `/notes/${id}`),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: noteKey(id) });
      await queryClient.invalidateQueries({ queryKey: ['notes'] });
    },
  });
}

export function useAddAddendum(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api<Addendum>('POST', `/notes/${id}/addenda`, { text }),
    onSuccess: async (addendum) => {
      queryClient.setQueryData<Note>(noteKey(id), (old) =>
        old ? { ...old, addenda: [...old.addenda, addendum] } : old,
      );
      await queryClient.invalidateQueries({ queryKey: historyKey(id) });
    },
  });
}
