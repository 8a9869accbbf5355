import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../../api/http.ts';
import { noteKey } from '../../clinical/notes.ts';
import type { Note, NoteFields, NoteHeader } from '../../clinical/types.ts';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'retrying'; error: unknown }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'conflict'; error: ApiError }
  | { kind: 'locked'; error: ApiError };

export interface Draft {
  fields: NoteFields;
  dateOfService: string;
}

const DEBOUNCE_MS = 800;
const RETRY_MS = [2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * Saves a draft while its author types: a debounced PATCH carrying the version last saved
 * (`expectedVersion`), so a save never overwrites a change made elsewhere. Network failures
 * and server errors are retried with a growing pause; a version conflict, a locked note or a
 * refusal stop and wait for the person. What was typed stays in the editor in every case.
 */
export function useAutosave(note: Note, toBody: (draft: Draft) => Draft) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const version = useRef(note.version);
  const latest = useRef<Draft>({ fields: note.fields, dateOfService: note.dateOfService });
  const saved = useRef(JSON.stringify(toBody(latest.current)));
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const retries = useRef(0);
  const stopped = useRef(false);

  const dirty = useCallback(
    () => JSON.stringify(toBody(latest.current)) !== saved.current,
    [toBody],
  );

  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      await inFlight.current;
      return dirty() ? save() : true;
    }
    if (!dirty()) return true;
    const body = toBody(latest.current);
    const snapshot = JSON.stringify(body);
    setState({ kind: 'saving' });
    const attempt = (async () => {
      try {
        const header = await api<NoteHeader>('PATCH', `/notes/${note.id}`, {
          ...body,
          expectedVersion: version.current,
        });
        version.current = header.version;
        saved.current = snapshot;
        retries.current = 0;
        queryClient.setQueryData<Note>(noteKey(note.id), (old) =>
          old ? { ...old, ...header, fields: body.fields, dateOfService: body.dateOfService } : old,
        );
        return true;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'version_conflict') {
          stopped.current = true;
          setState({ kind: 'conflict', error });
        } else if (error instanceof ApiError && error.code === 'note_locked') {
          stopped.current = true;
          setState({ kind: 'locked', error });
        } else if (error instanceof ApiError && error.status < 500) {
          setState({ kind: 'failed', error });
        } else {
          const wait = RETRY_MS[Math.min(retries.current, RETRY_MS.length - 1)]!;
          retries.current += 1;
          setState({ kind: 'retrying', error });
          timer.current = setTimeout(() => void save(), wait);
        }
        return false;
      }
    })();
    inFlight.current = attempt;
    const ok = await attempt;
    inFlight.current = null;
    if (!ok) return false;
    if (dirty()) return save();
    setState({ kind: 'saved', at: new Date() });
    return true;
  }, [dirty, note.id, queryClient, toBody]);

  /** The editor's values changed: save them once typing pauses. */
  const change = useCallback(
    (draft: Draft) => {
      latest.current = draft;
      if (stopped.current) return;
      if (!dirty()) return;
      setState((s) => (s.kind === 'retrying' ? s : { kind: 'pending' }));
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DEBOUNCE_MS);
    },
    [dirty, save],
  );

  // Leaving the page with unsaved text: the browser asks first. Leaving the screen inside
  // Hearth: what is pending is sent at once.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      clearTimeout(timer.current);
      if (!stopped.current && dirty()) void save();
    };
  }, [dirty, save]);

  return {
    state,
    change,
    /** Saves what is pending now (before signing); false when it could not be saved. */
    flush: () => (stopped.current ? Promise.resolve(false) : save()),
    unsaved: () => latest.current,
    /** Saves nothing more while the draft is being discarded… */
    stop: () => {
      stopped.current = true;
      clearTimeout(timer.current);
    },
    /** …and again if it was not. */
    resume: () => {
      stopped.current = false;
      if (dirty()) void save();
    },
  };
}
