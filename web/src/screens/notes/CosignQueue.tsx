import '../../clinical/clinical.css';
import { NoteClientName } from '../../clinical/NoteClientName.tsx';
import { useCosignQueue } from '../../clinical/notes.ts';
import { NoteTable } from '../../clinical/NoteTable.tsx';
import { useSession } from '../../session/session.tsx';
import { QueryError } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { EmptyState } from '../../ui/Section.tsx';

/** /cosign — the notes waiting for my co-signature, oldest signature first. */
export function CosignQueue() {
  const { can } = useSession();
  const queue = useCosignQueue();
  const admin = can('manage:practice:any');
  return (
    <>
      <PageHeader
        title="Co-sign queue"
        subtitle={
          admin
            ? 'Notes signed by associates you supervise, and by associates without a supervisor able to co-sign, oldest first.'
            : 'Notes signed by the associates you supervise, oldest first. Open one to review and co-sign it.'
        }
      />
      {queue.isPending ? (
        <Loading />
      ) : queue.isError ? (
        <QueryError error={queue.error} refetch={queue.refetch} />
      ) : queue.data.items.length === 0 ? (
        <EmptyState>Nothing waiting for your co-signature. All caught up.</EmptyState>
      ) : (
        <NoteTable
          notes={queue.data.items}
          label="Notes waiting for co-signature"
          othersAre="Your supervisee"
          clientCell={(n) => n.clientName ?? <NoteClientName note={n} />}
        />
      )}
    </>
  );
}
