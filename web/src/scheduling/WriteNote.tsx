import { Button, Menu } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { dateIn } from '../clinical/dates.ts';
import { useClientNotes, useStartNote, useTemplates } from '../clinical/notes.ts';
import { ErrorAlert } from '../ui/errors.tsx';
import { FREED, possibleNow } from './status.ts';
import type { Appointment } from './types.ts';

/**
 * "Write note" from an appointment, as Today's "Sessions without a note" does: the note of this
 * session if there is one (open it), else a new draft from a template, tied to the session and
 * dated by it. Rendered only for those who write notes: others would be refused the templates.
 */
export function WriteNote({ appointment: a, zone }: { appointment: Appointment; zone: string }) {
  // A note documents a session that took place: none for one still ahead or freed (and no
  // read of the client's notes for it).
  const started =
    a.status === 'arrived' || a.status === 'completed' || possibleNow('completed', a.start);
  if (FREED.includes(a.status) || !started) return null;
  return <NoteFor appointment={a} zone={zone} />;
}

function NoteFor({ appointment: a, zone }: { appointment: Appointment; zone: string }) {
  const navigate = useNavigate();
  const notes = useClientNotes(a.clientId);
  const templates = useTemplates();
  const start = useStartNote();
  if (notes.isPending) return null;
  const existing = notes.data?.items.find((n) => n.appointmentId === a.id);
  if (existing) {
    return (
      <Button variant="default" component={Link} to={`/notes/${existing.id}`}>
        {existing.status === 'draft' ? 'Continue note' : 'Open note'}
      </Button>
    );
  }
  return (
    <>
      <Menu position="top-end" withinPortal>
        <Menu.Target>
          <Button variant="default" loading={start.isPending}>
            Write note
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Template</Menu.Label>
          {(templates.data?.items ?? []).map((t) => (
            <Menu.Item
              key={t.id}
              onClick={() =>
                start.mutate(
                  {
                    clientId: a.clientId,
                    template: t.id,
                    appointment: { id: a.id, date: dateIn(a.start, zone) },
                  },
                  { onSuccess: (note) => void navigate(`/notes/${note.id}`) },
                )
              }
            >
              {t.label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {start.isError && <ErrorAlert error={start.error} />}
    </>
  );
}
