import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { filled, ListEditor } from '../../../clinical/ListEditor.tsx';
import type { SafetyPlan, SafetyPlanStep } from '../../../clinical/types.ts';
import { ErrorAlert, UserError } from '../../../ui/errors.tsx';
import { useWritePlan } from './plans.ts';
import { LIFELINE_988, STEPS } from './steps.ts';

type Values = Record<SafetyPlanStep, string[]>;

function startFrom(current: SafetyPlan | undefined): Values {
  const values = {} as Values;
  for (const s of STEPS) values[s.key] = current ? [...current[s.key]] : [''];
  if (!current) values.professionals = [LIFELINE_988, ''];
  return values;
}

/**
 * A new plan: written once, never edited. It starts from the current plan's contents (if
 * any) and supersedes it when saved.
 */
export function SafetyPlanForm({
  clientId,
  current,
  onDone,
}: {
  clientId: string;
  current: SafetyPlan | undefined;
  onDone: () => void;
}) {
  const [values, setValues] = useState<Values>(() => startFrom(current));
  const [problem, setProblem] = useState<UserError | null>(null);
  const write = useWritePlan(clientId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Record<string, unknown> = {};
    for (const s of STEPS) body[s.key] = filled(values[s.key]);
    if ((body.warningSigns as string[]).length === 0) {
      setProblem(new UserError('Write at least one warning sign: it is the plan’s first step.'));
      return;
    }
    setProblem(null);
    // Left exactly as offered, the 988 line is Hearth's to fill in (recorded as prefilled).
    const pro = body.professionals as string[];
    if (pro.length === 1 && pro[0] === LIFELINE_988) delete body.professionals;
    if (current) body.supersedesId = current.id;
    write.mutate(body, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="New safety plan">
      <Stack gap="md">
        <Alert color="blue" variant="light">
          {current
            ? 'This starts from the current plan. When you save, the new plan becomes current and the earlier one is kept, unchanged, as superseded.'
            : 'Write the plan with the client, in their own words. Once saved it cannot be edited: a change is a new plan.'}
        </Alert>
        {STEPS.map((s, i) => (
          <ListEditor
            key={s.key}
            label={`${i + 1}. ${s.title}`}
            description={s.hint}
            itemLabel={s.item}
            required={s.key === 'warningSigns'}
            values={values[s.key]}
            onChange={(v) => setValues((old) => ({ ...old, [s.key]: v }))}
          />
        ))}
        <ErrorAlert error={problem ?? write.error} />
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            Empty entries are left out.
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={write.isPending}>
              {current ? 'Save new plan (supersedes the current one)' : 'Save plan'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
