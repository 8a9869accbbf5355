import { Button, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useHistory, useHistoryEntry } from '../../clinical/notes.ts';
import { signerText } from '../../clinical/staff.ts';
import type { HistoryEntry, HistoryKind, NoteTemplate } from '../../clinical/types.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { QueryError } from '../../ui/errors.tsx';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { NoteContent } from './NoteContent.tsx';
import { ShortHash } from './Signatures.tsx';

const KIND_LABELS: Record<HistoryKind, string> = {
  edit: 'Earlier version kept',
  sign: 'Signed',
  unlock: 'Unlocked',
  cosign: 'Co-signed',
  addendum: 'Addendum added',
};

/** The note's history, oldest first: versions kept, signatures, unlocks, co-signatures. */
export function History({ noteId, template }: { noteId: string; template: NoteTemplate }) {
  const history = useHistory(noteId);
  const timeZone = useTimeZone();
  const [open, setOpen] = useState<HistoryEntry | null>(null);
  return (
    <Section title="History" description="Every version kept, signature and unlock.">
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <QueryError error={history.error} refetch={history.refetch} />
      ) : history.data.items.length === 0 ? (
        <EmptyState>No history yet: it starts with the first signature or a later edit.</EmptyState>
      ) : (
        <ol className="history-list" aria-label="Note history">
          {history.data.items.map((e) => (
            <li key={e.n}>
              <div>
                <Text size="sm" fw={600}>
                  {KIND_LABELS[e.kind]}
                </Text>
                <Text size="xs" c="dimmed">
                  {signerText(e.actorName, e.credentials)} · {formatDateTime(e.at, timeZone)}
                </Text>
              </div>
              {e.kind !== 'cosign' && (
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => setOpen(e)}
                  aria-label={`Open: ${KIND_LABELS[e.kind]}, ${formatDateTime(e.at, timeZone)}`}
                >
                  Open
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? `${KIND_LABELS[open.kind]} — ${formatDateTime(open.at, timeZone)}` : ''}
        size="lg"
        centered
      >
        {open && <EntryDetail noteId={noteId} entry={open} template={template} />}
      </Modal>
    </Section>
  );
}

function EntryDetail({
  noteId,
  entry,
  template,
}: {
  noteId: string;
  entry: HistoryEntry;
  template: NoteTemplate;
}) {
  const detail = useHistoryEntry(noteId, entry.n);
  if (detail.isPending) return <Loading />;
  if (detail.isError) return <QueryError error={detail.error} refetch={detail.refetch} />;
  const d = detail.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        By {signerText(d.actorName, d.credentials)}
        {d.dateOfService ? ` · date of service ${formatDate(d.dateOfService)}` : ''}
        {d.sha256 ? ' · content hash ' : ''}
        {d.sha256 && <ShortHash sha256={d.sha256} />}
      </Text>
      {d.reason && (
        <div>
          <Text size="sm" fw={600}>
            Reason
          </Text>
          <Text className="pre-wrap">{d.reason}</Text>
        </div>
      )}
      {d.fields && <NoteContent template={template} fields={d.fields} />}
      {!d.reason && !d.fields && <EmptyState>This entry keeps no content of its own.</EmptyState>}
    </Stack>
  );
}
