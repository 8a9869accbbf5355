import { Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';

// Placeholder until the Diagnoses and insurance screens land (replace this file).
export function DiagnosesTab(_props: ClientTabProps) {
  return <Section title="Diagnoses and insurance">Not built yet.</Section>;
}
