import { PageHeader } from '../../ui/PageHeader.tsx';

// Placeholder until the Calendar screen lands (replace this file).
export function Calendar() {
  return <PageHeader title="Calendar" />;
}
