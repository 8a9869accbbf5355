import { Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';

// Placeholder until the Appointments screens land (replace this file).
export function AppointmentsTab(_props: ClientTabProps) {
  return <Section title="Appointments">Not built yet.</Section>;
}
