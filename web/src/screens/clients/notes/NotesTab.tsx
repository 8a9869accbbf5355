import { Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';

// Placeholder until the Notes screens land (replace this file).
export function NotesTab(_props: ClientTabProps) {
  return <Section title="Notes">Not built yet.</Section>;
}
