import { Button, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { get } from '../../api/http.ts';
import type { Client, Page, StaffUser } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { useTimeZone } from '../../session/time-zone.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { Section } from '../../ui/Section.tsx';
import { bodyOf, valuesOf } from './client-form.ts';
import { ClientForm } from './ClientForm.tsx';
import { useSaveClient } from './clients.ts';
import type { ClientTabProps } from './tabs.ts';
import { ChartSummary } from './overview/ChartSummary.tsx';
import { CommunicationPreferences } from './communication/CommunicationPreferences.tsx';

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

/** Who cares for the client: names for those who may list the staff, else a count. */
function useCliniciansText(c: Client): string {
  const { me, can } = useSession();
  const admin = can('manage:user:any');
  const staff = useQuery({
    queryKey: ['users'],
    queryFn: () => get<Page<StaffUser>>('/users'),
    enabled: admin,
  });
  if (c.clinicianIds.length === 0) return '';
  if (admin && staff.data) {
    const names = new Map(staff.data.items.map((u) => [u.id, u.name]));
    return c.clinicianIds.map((id) => names.get(id) ?? 'Former staff member').join(', ');
  }
  const you = c.clinicianIds.includes(me.user.id);
  const others = c.clinicianIds.length - (you ? 1 : 0);
  return [you ? 'You' : '', others > 0 ? `${others} other clinician${others === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ');
}

export function OverviewTab({ client: c }: ClientTabProps) {
  const { canAny } = useSession();
  const timeZone = useTimeZone();
  const [editing, setEditing] = useState(false);
  const clinicians = useCliniciansText(c);
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
  // A biller's view of the record has no pronouns and no emergency contact.
  const ec = 'emergencyContact' in c ? c.emergencyContact : undefined;
  return (
    <Stack gap="md">
      <ChartSummary clientId={c.id} />
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
          {'pronouns' in c && <Row label="Pronouns">{c.pronouns}</Row>}
          <Row label="Date of birth">{formatDate(c.dateOfBirth)}</Row>
          <Row label="Email">{c.email}</Row>
          <Row label="Phone">{c.phone}</Row>
          <Row label="Address">{address}</Row>
          <Row label="Clinicians">{clinicians}</Row>
        </dl>
      </Section>
      <CommunicationPreferences client={c} />
      {ec && (
        <Section title="Emergency contact">
          <dl className="field-list">
            <Row label="Name">{ec.name}</Row>
            <Row label="Relationship">{ec.relationship}</Row>
            <Row label="Phone">{ec.phone}</Row>
          </dl>
        </Section>
      )}
      <Text size="sm" c="dimmed">
        Added {formatDateTime(c.createdAt, timeZone)}, last changed{' '}
        {formatDateTime(c.updatedAt, timeZone)}.
      </Text>
    </Stack>
  );
}
