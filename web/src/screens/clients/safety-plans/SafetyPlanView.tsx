import { Text } from '@mantine/core';
import type { SafetyPlan } from '../../../clinical/types.ts';
import { STEPS } from './steps.ts';

/** A plan, read-only, step by step in the Stanley–Brown order. */
export function SafetyPlanView({ plan }: { plan: SafetyPlan }) {
  return (
    <ol className="plan-steps">
      {STEPS.map((s) => (
        <li key={s.key}>
          <div>
            <h3>{s.title}</h3>
            {plan[s.key].length === 0 ? (
              <Text size="sm" c="dimmed">
                Nothing written for this step.
              </Text>
            ) : (
              <ul>
                {plan[s.key].map((entry, i) => (
                  <li key={i}>{entry}</li>
                ))}
              </ul>
            )}
            {s.key === 'professionals' && plan.professionalsPrefilled && (
              <Text size="xs" c="dimmed" mt={4}>
                Filled in by Hearth: the 988 Lifeline.
              </Text>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
