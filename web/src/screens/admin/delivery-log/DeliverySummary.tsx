import { Text } from '@mantine/core';
import type { DeliverySummary } from './types.ts';
import { failureRatePercent } from './words.ts';

/** The last day at a glance: how many messages in each state, and the share that failed. */
export function DeliverySummaryCards({ summary: s }: { summary: DeliverySummary }) {
  const rate = failureRatePercent(s.failureRate);
  const cards = [
    { label: 'Waiting', value: String(s.queued) },
    { label: 'Sent', value: String(s.sent) },
    { label: 'Delivered', value: String(s.delivered) },
    { label: 'Failed', value: String(s.failed), alarm: s.failed > 0 },
    { label: 'Failure rate', value: `${rate} %`, alarm: rate > 0 },
  ];
  return (
    <section aria-labelledby="delivery-summary-title" className="delivery-summary">
      <Text id="delivery-summary-title" size="sm" fw={500} mb={6}>
        Last {s.hours} hours
      </Text>
      <dl className="summary-cards">
        {cards.map((c) => (
          <div key={c.label} className="summary-card" data-alarm={c.alarm ? 'true' : undefined}>
            <dt>{c.label}</dt>
            <dd>{c.value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
