import '../../../clinical/clinical.css';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { SafetyPlanHeader } from '../../../clinical/types.ts';
import { useStaffNames } from '../../../clinical/staff.ts';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { QueryError } from '../../../ui/errors.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import type { ClientTabProps } from '../tabs.ts';
import { useSafetyPlan, useSafetyPlans } from './plans.ts';
import { SafetyPlanForm } from './SafetyPlanForm.tsx';
import { SafetyPlanView } from './SafetyPlanView.tsx';
import { PrintActions } from '../../notes/PrintActions.tsx';

/**
 * Crisis safety plans: the current one first, read-only; earlier ones below. Plans are
 * written once — "Create a new plan" is the only way to change one.
 */
export function SafetyPlansTab({ client }: ClientTabProps) {
  const { can } = useSession();
  const timeZone = useTimeZone();
  const nameOf = useStaffNames();
  const plans = useSafetyPlans(client.id);
  const currentHeader = plans.data?.items.find((p) => p.current) ?? null;
  const current = useSafetyPlan(currentHeader?.id ?? null);
  const [writing, setWriting] = useState(false);
  const [viewing, setViewing] = useState<SafetyPlanHeader | null>(null);
  if (plans.isPending || (currentHeader && current.isPending)) return <Loading />;
  if (plans.isError) return <QueryError error={plans.error} refetch={plans.refetch} />;
  if (current.isError) return <QueryError error={current.error} refetch={current.refetch} />;
  const earlier = plans.data.items.filter((p) => !p.current);
  const byId = new Map(plans.data.items.map((p) => [p.id, p]));
  const canWrite = can('write:safety_plan:own');
  if (writing) {
    return (
      <Section title={current.data ? 'New safety plan' : 'Safety plan'}>
        <SafetyPlanForm
          clientId={client.id}
          current={current.data}
          onDone={() => setWriting(false)}
        />
      </Section>
    );
  }
  return (
    <Stack gap="md">
      <Section
        title="Current safety plan"
        description={
          current.data
            ? `Written ${formatDateTime(current.data.createdAt, timeZone)} by ${nameOf(current.data.authorId)}. Plans cannot be edited.`
            : undefined
        }
        actions={
          <Group gap="sm" className="no-print">
            {current.data && (
              <PrintActions
                pdf={{ path: `/safety-plans/${current.data.id}/pdf`, name: 'safety-plan.pdf' }}
              />
            )}
            {canWrite && (
              <Button onClick={() => setWriting(true)}>
                {current.data ? 'Create a new plan' : 'Write a safety plan'}
              </Button>
            )}
          </Group>
        }
      >
        {current.data ? (
          <SafetyPlanView plan={current.data} />
        ) : (
          <EmptyState>No safety plan yet.</EmptyState>
        )}
      </Section>
      {earlier.length > 0 && (
        <div className="no-print">
          <Section title="Earlier plans" description="Kept exactly as they were written.">
            <ul className="history-list" aria-label="Earlier safety plans">
              {earlier.map((p) => {
                const next = p.supersededById ? byId.get(p.supersededById) : undefined;
                return (
                  <li key={p.id}>
                    <div>
                      <Text size="sm" fw={600}>
                        Plan of {formatDateTime(p.createdAt, timeZone)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {next
                          ? `Superseded on ${formatDateTime(next.createdAt, timeZone)}`
                          : 'Superseded'}
                      </Text>
                    </div>
                    <Group gap="xs">
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => setViewing(p)}
                        aria-label={`Open the plan of ${formatDateTime(p.createdAt, timeZone)}`}
                      >
                        Open
                      </Button>
                    </Group>
                  </li>
                );
              })}
            </ul>
          </Section>
        </div>
      )}
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={
          viewing
            ? `Safety plan of ${formatDateTime(viewing.createdAt, timeZone)} (superseded)`
            : ''
        }
        size="lg"
        centered
      >
        {viewing && <EarlierPlan id={viewing.id} />}
      </Modal>
    </Stack>
  );
}

function EarlierPlan({ id }: { id: string }) {
  const plan = useSafetyPlan(id);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <QueryError error={plan.error} refetch={plan.refetch} />;
  return <SafetyPlanView plan={plan.data} />;
}
