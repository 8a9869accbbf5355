import { Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';

// Placeholder until the Documents screens land (replace this file).
export function DocumentsTab(_props: ClientTabProps) {
  return <Section title="Documents">Not built yet.</Section>;
}
