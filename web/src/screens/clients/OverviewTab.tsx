import { Button, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import { bodyOf, valuesOf } from './client-form.ts';
import { ClientForm } from './ClientForm.tsx';
import { useSaveClient } from './clients.ts';
import type { ClientTabProps } from './tabs.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>
        {children || (
          <Text span c="dimmed">
            —
          </Text>
        )}
      </dd>
    </div>
  );
}

export function OverviewTab({ client: c }: ClientTabProps) {
  const { canAny } = useSession();
  const timeZone = useTimeZone();
  const [editing, setEditing] = useState(false);
  const save = useSaveClient(c.id);
  if (editing) {
    return (
      <Section title="Edit details">
        <ClientForm
          initial={valuesOf(c)}
          submitLabel="Save changes"
          pending={save.isPending}
          error={save.error}
          withStatus
          onSubmit={(values, { withClinicians }) =>
            save.mutate(bodyOf(values, { withStatus: true, withClinicians }), {
              onSuccess: () => setEditing(false),
            })
          }
          onCancel={() => {
            save.reset();
            setEditing(false);
          }}
        />
      </Section>
    );
  }
  const a = c.address;
  const address = [
    a.line1,
    a.line2,
    [a.city, a.region, a.postalCode].filter(Boolean).join(' '),
    a.country,
  ]
    .filter(Boolean)
    .join(', ');
  const ec = c.emergencyContact;
  return (
    <Stack gap="md">
      <Section
        title="Demographics"
        actions={
          canAny(['write:client:own', 'write:client:any']) && (
            <Button variant="default" size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
          )
        }
      >
        <dl className="field-list">
          <Row label="Legal name">{`${c.firstName} ${c.lastName}`}</Row>
          <Row label="Preferred name">{c.preferredName}</Row>
          <Row label="Pronouns">{c.pronouns}</Row>
          <Row label="Date of birth">{formatDate(c.dateOfBirth)}</Row>
          <Row label="Email">{c.email}</Row>
          <Row label="Phone">{c.phone}</Row>
          <Row label="Address">{address}</Row>
        </dl>
      </Section>
      <Section title="Emergency contact">
        <dl className="field-list">
          <Row label="Name">{ec.name}</Row>
          <Row label="Relationship">{ec.relationship}</Row>
          <Row label="Phone">{ec.phone}</Row>
        </dl>
      </Section>
      <Text size="sm" c="dimmed">
        Added {formatDateTime(c.createdAt, timeZone)}, last changed{' '}
        {formatDateTime(c.updatedAt, timeZone)}.
      </Text>
    </Stack>
  );
}
