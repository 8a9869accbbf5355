import { Section } from '../../../ui/Section.tsx';

// Placeholder until the scheduling screens land (replace this file).
export function Locations() {
  return <Section title="Locations">Not built yet.</Section>;
}
