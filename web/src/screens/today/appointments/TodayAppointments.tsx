import { EmptyState, Section } from '../../../ui/Section.tsx';

// Placeholder until the scheduling screens land (replace this file): my sessions for today.
export function TodayAppointments() {
  return (
    <Section title="My appointments" description="Your sessions for today.">
      <EmptyState>Your appointments will appear here.</EmptyState>
    </Section>
  );
}
