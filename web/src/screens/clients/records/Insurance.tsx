import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { Policy, Priority } from '../../../clinical/types.ts';
import { useSession } from '../../../session/session.tsx';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { formatDate } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Screen.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import { PRIORITY_LABELS, RELATIONSHIP_LABELS } from './policy-form.ts';
import { PolicyForm } from './PolicyForm.tsx';
import { useInsurance, usePolicyChange } from './records.ts';

const ORDER: Priority[] = ['primary', 'secondary', 'tertiary'];

function Field({ label, children }: { label: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** The client's insurance: active policies by priority, then inactive ones. */
export function Insurance({ clientId }: { clientId: string }) {
  const { can } = useSession();
  const writable = can('write:insurance:any');
  const policies = useInsurance(clientId);
  const change = usePolicyChange(clientId);
  const [editing, setEditing] = useState<Policy | 'new' | null>(null);
  const [removing, setRemoving] = useState<Policy | null>(null);
  if (policies.isPending) return <Loading />;
  if (policies.isError) return <QueryError error={policies.error} refetch={policies.refetch} />;
  const items = policies.data.items;
  const taken = new Set(items.filter((p) => p.status === 'active').map((p) => p.priority));
  const nextPriority = ORDER.find((p) => !taken.has(p)) ?? 'primary';
  return (
    <Section
      title="Insurance"
      description="One active policy per priority: primary, secondary, tertiary."
      actions={
        writable && (
          <Button size="sm" variant="default" onClick={() => setEditing('new')}>
            Add policy
          </Button>
        )
      }
    >
      {items.length === 0 && <EmptyState>No insurance on file (self-pay).</EmptyState>}
      {!removing && <ErrorAlert error={change.error} />}
      <Stack gap="sm">
        {items.map((p) => (
          <Paper
            key={p.id}
            withBorder
            p="md"
            radius="md"
            component="article"
            aria-label={`${PRIORITY_LABELS[p.priority]} policy, ${p.payerName}`}
          >
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <div>
                <Group gap="xs">
                  <Badge variant="light" color={p.status === 'active' ? 'teal' : 'gray'} size="sm">
                    {p.status === 'active'
                      ? PRIORITY_LABELS[p.priority]
                      : `Inactive (was ${p.priority})`}
                  </Badge>
                  <Text fw={600}>
                    {p.payerName}
                    {p.planName ? ` — ${p.planName}` : ''}
                  </Text>
                </Group>
              </div>
              {writable && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`Actions for the ${p.payerName} policy`}
                    >
                      <span aria-hidden="true">⋯</span>
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item onClick={() => setEditing(p)}>Edit…</Menu.Item>
                    <Menu.Item
                      onClick={() =>
                        change.mutate({
                          kind: 'edit',
                          id: p.id,
                          body: { status: p.status === 'active' ? 'inactive' : 'active' },
                        })
                      }
                    >
                      {p.status === 'active' ? 'Mark inactive' : 'Make active again'}
                    </Menu.Item>
                    <Menu.Divider />
                    <Menu.Item
                      color="red"
                      onClick={() => {
                        change.reset();
                        setRemoving(p);
                      }}
                    >
                      Delete (entered in error)…
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            <dl className="field-list">
              <Field label="Member ID">{p.memberId}</Field>
              <Field label="Group number">{p.groupNumber}</Field>
              <Field label="Payer ID">{p.payerId}</Field>
              <Field label="Subscriber">
                {p.subscriberRelationship === 'self'
                  ? RELATIONSHIP_LABELS.self
                  : `${p.subscriberName ?? ''} (${RELATIONSHIP_LABELS[p.subscriberRelationship].toLowerCase()})${p.subscriberDateOfBirth ? `, born ${formatDate(p.subscriberDateOfBirth)}` : ''}`}
              </Field>
              <Field label="Effective">
                {p.effectiveFrom || p.effectiveTo
                  ? `${p.effectiveFrom ? formatDate(p.effectiveFrom) : '…'} – ${p.effectiveTo ? formatDate(p.effectiveTo) : 'ongoing'}`
                  : ''}
              </Field>
            </dl>
          </Paper>
        ))}
      </Stack>
      {editing && (
        <PolicyForm
          clientId={clientId}
          policy={editing === 'new' ? null : editing}
          priority={nextPriority}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={`Delete the ${removing?.payerName ?? ''} policy?`}
        confirmLabel="Delete, entered in error"
        danger
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          removing &&
          change.mutate({ kind: 'remove', id: removing.id }, { onSuccess: () => setRemoving(null) })
        }
        onClose={() => setRemoving(null)}
      >
        Only for a policy entered in error. A policy that ended should be marked inactive instead,
        so that earlier claims still show what covered them.
      </ConfirmDialog>
    </Section>
  );
}
