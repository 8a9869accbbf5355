import { Badge, Button, Group, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { EmptyState, Section } from '../../../ui/Section.tsx';
import { useRuleChange } from './api.ts';
import { describeRule } from './rules.ts';
import { RuleDialog } from './RuleDialog.tsx';
import type { Rule } from './types.ts';

type Editing = { rule: Rule | null } | null;

/** The practice's reminders: each a line in words, with its switch, change and delete. */
export function RulesSection({ rules }: { rules: Rule[] }) {
  const change = useRuleChange();
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const open = (rule: Rule | null) => {
    change.reset();
    setEditing({ rule });
  };
  const sorted = [...rules].sort((a, b) => b.offsetMinutes - a.offsetMinutes);
  return (
    <Section
      title="When reminders go"
      description="Each line is one reminder for every booked session it covers. Several are fine: for example 2 days and 2 hours before."
    >
      {sorted.length === 0 ? (
        <EmptyState>No reminders yet: clients get none. Add the first one.</EmptyState>
      ) : (
        <ul className="rule-list" aria-label="Reminders">
          {sorted.map((r) => {
            const words = describeRule(r);
            return (
              <li key={r.id}>
                <div className="rule-words">
                  <Text size="sm" fw={500} c={r.enabled ? undefined : 'dimmed'}>
                    {words}
                  </Text>
                  {!r.enabled && (
                    <Badge color="gray" variant="light" size="sm">
                      Off
                    </Badge>
                  )}
                </div>
                <Group gap="xs" wrap="nowrap">
                  <Switch
                    aria-label={`On: ${words}`}
                    checked={r.enabled}
                    disabled={change.isPending}
                    onChange={(e) =>
                      change.mutate({
                        kind: 'edit',
                        id: r.id,
                        rule: { enabled: e.currentTarget.checked },
                      })
                    }
                  />
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => open(r)}
                    aria-label={`Change: ${words}`}
                  >
                    Change
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Delete: ${words}`}
                    onClick={() => {
                      change.reset();
                      setDeleting(r);
                    }}
                  >
                    Delete
                  </Button>
                </Group>
              </li>
            );
          })}
        </ul>
      )}
      <Group>
        <Button size="sm" onClick={() => open(null)}>
          Add reminder
        </Button>
      </Group>
      {!editing && !deleting && <ErrorAlert error={change.error} />}
      {editing && (
        <RuleDialog
          rule={editing.rule}
          pending={change.isPending}
          error={change.error}
          onClose={() => setEditing(null)}
          onSave={(rule) =>
            change.mutate(
              editing.rule ? { kind: 'edit', id: editing.rule.id, rule } : { kind: 'add', rule },
              { onSuccess: () => setEditing(null) },
            )
          }
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        title="Delete this reminder?"
        confirmLabel="Delete"
        danger
        pending={change.isPending}
        error={change.error}
        onConfirm={() =>
          deleting &&
          change.mutate({ kind: 'delete', id: deleting.id }, { onSuccess: () => setDeleting(null) })
        }
        onClose={() => setDeleting(null)}
      >
        {deleting
          ? `“${describeRule(deleting)}” stops. Reminders of it not sent yet are withdrawn; those already sent stay in the delivery log.`
          : ''}
      </ConfirmDialog>
    </Section>
  );
}
