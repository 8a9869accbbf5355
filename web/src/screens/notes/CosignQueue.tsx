import { PageHeader } from '../../ui/PageHeader.tsx';

// Placeholder until the Co-signature queue screen lands (replace this file).
export function CosignQueue() {
  return <PageHeader title="Co-signature queue" />;
}
