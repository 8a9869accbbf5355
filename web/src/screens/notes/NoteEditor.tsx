import { PageHeader } from '../../ui/PageHeader.tsx';

// Placeholder until the Note screen lands (replace this file).
export function NoteEditor() {
  return <PageHeader title="Note" />;
}
