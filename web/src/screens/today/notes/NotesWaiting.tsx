import { EmptyState, Section } from '../../../ui/Section.tsx';

// Placeholder until the notes screens land (replace this file): drafts to finish, sessions
// to document (GET /notes/to-write), notes to co-sign.
export function NotesWaiting() {
  return (
    <Section title="Notes waiting" description="Drafts to finish and notes to sign.">
      <EmptyState>Notes that need your attention will appear here.</EmptyState>
    </Section>
  );
}
