import { Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';

// Placeholder until the Safety plans screens land (replace this file).
export function SafetyPlansTab(_props: ClientTabProps) {
  return <Section title="Safety plans">Not built yet.</Section>;
}
