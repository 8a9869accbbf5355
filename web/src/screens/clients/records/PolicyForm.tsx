import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Policy, Priority, Relationship } from '../../../clinical/types.ts';
import { ErrorAlert, fieldErrorOf } from '../../../ui/errors.tsx';
import {
  bodyOf,
  PRIORITY_LABELS,
  RELATIONSHIP_LABELS,
  valuesOf,
  type PolicyValues,
} from './policy-form.ts';
import { usePolicyChange } from './records.ts';

const FIELDS = [
  'priority',
  'payerName',
  'payerId',
  'planName',
  'memberId',
  'groupNumber',
  'subscriberRelationship',
  'subscriberName',
  'subscriberDateOfBirth',
  'effectiveFrom',
  'effectiveTo',
] as const;

/** Add or edit an insurance policy. */
export function PolicyForm({
  clientId,
  policy,
  priority,
  onClose,
}: {
  clientId: string;
  policy: Policy | null;
  priority: Priority;
  onClose: () => void;
}) {
  const [v, setV] = useState<PolicyValues>(() => valuesOf(policy, priority));
  const change = usePolicyChange(clientId);
  const fieldError = fieldErrorOf(change.error, FIELDS);
  const errorOf = (name: string) => (fieldError?.field === name ? fieldError.message : undefined);
  const set = <K extends keyof PolicyValues>(k: K, value: PolicyValues[K]) =>
    setV((old) => ({ ...old, [k]: value }));
  const text = (
    k: keyof PolicyValues,
    label: string,
    extra: { required?: boolean; placeholder?: string; type?: string } = {},
  ) => (
    <TextInput
      label={label}
      value={v[k]}
      onChange={(e) => set(k, e.currentTarget.value as never)}
      error={errorOf(k)}
      {...extra}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = bodyOf(v, policy !== null);
    change.mutate(policy ? { kind: 'edit', id: policy.id, body } : { kind: 'add', body }, {
      onSuccess: onClose,
    });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={policy ? 'Edit policy' : 'Add an insurance policy'}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div className="two-columns">
            <Select
              label="Priority"
              data={Object.entries(PRIORITY_LABELS).map(([value, label]) => ({ value, label }))}
              value={v.priority}
              onChange={(p) => p && set('priority', p as Priority)}
              allowDeselect={false}
              required
              data-autofocus
            />
            {text('payerName', 'Payer (insurance company)', { required: true })}
            {text('planName', 'Plan name')}
            {text('payerId', 'Payer ID (electronic claims)', { placeholder: 'e.g. 60054' })}
            {text('memberId', 'Member ID', { required: true })}
            {text('groupNumber', 'Group number')}
            {text('effectiveFrom', 'Effective from', { type: 'date' })}
            {text('effectiveTo', 'Effective to', { type: 'date' })}
          </div>
          <Select
            label="Subscriber (policy holder)"
            data={Object.entries(RELATIONSHIP_LABELS).map(([value, label]) => ({ value, label }))}
            value={v.subscriberRelationship}
            onChange={(r) => r && set('subscriberRelationship', r as Relationship)}
            allowDeselect={false}
            w={320}
          />
          {v.subscriberRelationship !== 'self' && (
            <div className="two-columns">
              {text('subscriberName', 'Subscriber’s name', { required: true })}
              {text('subscriberDateOfBirth', 'Subscriber’s date of birth', {
                required: true,
                type: 'date',
              })}
            </div>
          )}
          {!fieldError && <ErrorAlert error={change.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending}>
              {policy ? 'Save policy' : 'Add policy'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
