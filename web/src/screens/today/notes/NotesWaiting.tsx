import '../../../clinical/clinical.css';
import { Anchor, Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { NoteClientName } from '../../../clinical/NoteClientName.tsx';
import {
  useCosignQueue,
  useMyNotes,
  useNotesToWrite,
  useStartNote,
  useTemplateLabel,
  useTemplates,
} from '../../../clinical/notes.ts';
import { dateIn } from '../../../clinical/dates.ts';
import type { SessionToDocument, TemplateId } from '../../../clinical/types.ts';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDate, formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';

/** Today → Notes waiting: my drafts, my sessions without a note, notes to co-sign. */
export function NotesWaiting() {
  const { can } = useSession();
  return (
    <Section
      title="Notes waiting"
      description="Drafts to finish, sessions to document, notes to co-sign."
    >
      <Stack gap="lg">
        {can('cosign:note:supervisee') && <CosignCount />}
        <MyDrafts />
        {can('write:note:own') && <ToWrite />}
      </Stack>
    </Section>
  );
}

function CosignCount() {
  const queue = useCosignQueue();
  if (queue.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} refetch={queue.refetch} />;
  const n = queue.data.items.length;
  return (
    <Text size="sm">
      {n === 0 ? (
        'No notes waiting for your co-signature.'
      ) : (
        <Anchor component={Link} to="/cosign" fw={600}>
          {n} note{n === 1 ? '' : 's'} waiting for your co-signature
        </Anchor>
      )}
    </Text>
  );
}

function MyDrafts() {
  const drafts = useMyNotes('draft');
  const templateLabel = useTemplateLabel();
  return (
    <div>
      <Title order={3} size="h5" mb={6} id="my-drafts" tabIndex={-1}>
        My drafts
      </Title>
      {drafts.isPending ? (
        <Loading />
      ) : drafts.isError ? (
        <QueryError error={drafts.error} refetch={drafts.refetch} />
      ) : drafts.data.items.length === 0 ? (
        <EmptyState>No drafts. Every note you started is signed.</EmptyState>
      ) : (
        <ul className="summary-list" aria-label="My drafts">
          {drafts.data.items.map((n) => (
            <li key={n.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/notes/${n.id}`} fw={600} size="sm">
                  {templateLabel(n.template)}
                </Anchor>
                <Text size="sm">
                  <NoteClientName note={n} /> · {formatDate(n.dateOfService)}
                </Text>
              </Group>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ToWrite() {
  const sessions = useNotesToWrite();
  return (
    <div>
      <Title order={3} size="h5" mb={6} id="sessions-without-note" tabIndex={-1}>
        Sessions without a note
      </Title>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <QueryError error={sessions.error} refetch={sessions.refetch} />
      ) : sessions.data.items.length === 0 ? (
        <EmptyState>Every session of the last two weeks has its note.</EmptyState>
      ) : (
        <ul className="summary-list" aria-label="Sessions without a note">
          {sessions.data.items.map((s) => (
            <SessionRow key={s.appointmentId} session={s} />
          ))}
        </ul>
      )}
    </div>
  );
}

function SessionRow({ session: s }: { session: SessionToDocument }) {
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  const templates = useTemplates();
  const start = useStartNote();
  const when = formatDateTime(s.start, timeZone);
  const write = (template: TemplateId) =>
    start.mutate(
      {
        clientId: s.clientId,
        template,
        appointment: { id: s.appointmentId, date: dateIn(s.start, timeZone) },
      },
      { onSuccess: (note) => void navigate(`/notes/${note.id}`) },
    );
  return (
    <li>
      <Group gap="sm" justify="space-between" wrap="wrap">
        <Text size="sm">
          <Text span fw={600}>
            {s.clientName}
          </Text>{' '}
          · {when} · {s.serviceCode}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button
              size="xs"
              variant="default"
              loading={start.isPending}
              aria-label={`Write note for ${s.clientName}, ${when}`}
            >
              Write note
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Template</Menu.Label>
            {(templates.data?.items ?? []).map((t) => (
              <Menu.Item key={t.id} onClick={() => write(t.id)}>
                {t.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      <ErrorAlert error={start.error} />
    </li>
  );
}
