import { Button, Group, MultiSelect, Select, Stack, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { get } from '../../api/http.ts';
import type { Page, StaffUser } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorAlert } from '../../ui/errors.tsx';
import {
  checkClient,
  serverFieldError,
  SERVER_FIELDS,
  type ClientErrors,
  type ClientFormValues,
} from './client-form.ts';

const CLINICAL_ROLES = new Set(['admin', 'supervisor', 'associate']);

/** Every demographic field, for a new client or an edit; errors shown on their field. */
export function ClientForm({
  initial,
  submitLabel,
  pending,
  error,
  withStatus,
  onSubmit,
  onCancel,
}: {
  initial: ClientFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  withStatus: boolean;
  onSubmit: (values: ClientFormValues, options: { withClinicians: boolean }) => void;
  onCancel?: () => void;
}) {
  const { can } = useSession();
  // Only administrators may list the staff, so only they assign clinicians here.
  const assign = can('manage:user:any');
  const staff = useQuery({
    queryKey: ['users'],
    queryFn: () => get<Page<StaffUser>>('/users'),
    enabled: assign,
  });
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<ClientErrors>({});
  // The server's last refusal speaks about what was sent: once the form changes it no longer
  // applies, and a banner that stayed would look like the new values failed too.
  const [answered, setAnswered] = useState<unknown>(null);
  const current = error === answered ? null : error;
  const changed = () => setAnswered(error);
  const server = serverFieldError(current);
  const serverField = server && SERVER_FIELDS[server.field];
  const err = (k: keyof ClientFormValues) =>
    errors[k] ?? (serverField === k ? server?.message : undefined);
  const field = (k: keyof ClientFormValues, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      value={v[k] as string}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setV((old) => ({ ...old, [k]: value }));
        setErrors((old) => ({ ...old, [k]: undefined }));
        changed();
      }}
      error={err(k)}
      {...extra}
    />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkClient(v);
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit(v, { withClinicians: assign });
  };
  const clinicians = (staff.data?.items ?? []).filter(
    (u) => CLINICAL_ROLES.has(u.role) && u.status === 'active',
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Person
          </Title>
          <div className="two-columns">
            {field('firstName', 'First name', { required: true, autoFocus: true, maxLength: 100 })}
            {field('lastName', 'Last name', { required: true, maxLength: 100 })}
            {field('preferredName', 'Preferred name', {
              maxLength: 100,
              description: 'What they like to be called.',
            })}
            {field('pronouns', 'Pronouns', { maxLength: 40, placeholder: 'e.g. she/her' })}
            {field('dateOfBirth', 'Date of birth', { required: true, type: 'date' })}
            {withStatus && (
              <Select
                label="Status"
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'inactive', label: 'Inactive' },
                  { value: 'discharged', label: 'Discharged' },
                ]}
                value={v.status}
                onChange={(s) => {
                  if (s) setV((old) => ({ ...old, status: s as ClientFormValues['status'] }));
                  changed();
                }}
                allowDeselect={false}
                error={err('status')}
              />
            )}
          </div>
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Contact
          </Title>
          <div className="two-columns">
            {field('email', 'Email', { type: 'email', autoComplete: 'off' })}
            {field('phone', 'Phone', { type: 'tel', autoComplete: 'off' })}
          </div>
          <div className="two-columns">
            {field('line1', 'Address')}
            {field('line2', 'Address line 2')}
          </div>
          <div className="three-columns">
            {field('city', 'City')}
            {field('region', 'State or region')}
            {field('postalCode', 'Postal code')}
            {field('country', 'Country')}
          </div>
        </Stack>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Emergency contact
          </Title>
          <div className="three-columns">
            {field('ecName', 'Name')}
            {field('ecRelationship', 'Relationship')}
            {field('ecPhone', 'Phone', { type: 'tel' })}
          </div>
        </Stack>
        {assign && (
          <MultiSelect
            label="Clinicians"
            description="Who cares for this client. Clinicians see only the clients assigned to them."
            data={clinicians.map((u) => ({ value: u.id, label: u.name }))}
            value={v.clinicianIds}
            onChange={(ids) => {
              setV((old) => ({ ...old, clinicianIds: ids }));
              changed();
            }}
            searchable
            placeholder={v.clinicianIds.length === 0 ? 'Choose the clinicians' : undefined}
            nothingFoundMessage="No active clinician by that name"
            error={err('clinicianIds')}
            maxValues={10}
          />
        )}
        {!serverField && <ErrorAlert error={current} />}
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
