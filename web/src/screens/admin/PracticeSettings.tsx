import { Button, Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PracticeSettings as Settings } from '../../api/types.ts';
import { usePracticeSettings } from '../../session/time-zone.ts';
import { ErrorAlert, fieldErrorOf, QueryError } from '../../ui/errors.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { Section } from '../../ui/Section.tsx';
import { TimeZoneSelect } from '../../ui/TimeZoneSelect.tsx';
import { IpAllowlist } from './IpAllowlist.tsx';
import { useSavePractice } from './save-practice.ts';

const MB = 1024 * 1024;

export function PracticeSettings() {
  const settings = usePracticeSettings();
  return (
    <>
      <PageHeader title="Practice settings" />
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <QueryError error={settings.error} refetch={settings.refetch} />
      ) : (
        <Stack gap="md">
          <SettingsForm settings={settings.data} />
          <IpAllowlist settings={settings.data} />
        </Stack>
      )}
    </>
  );
}

function SettingsForm({ settings }: { settings: Settings }) {
  const save = useSavePractice();
  const [v, setV] = useState({
    name: settings.name,
    mfaRequired: settings.mfaRequired,
    idleTimeoutMinutes: settings.idleTimeoutMinutes,
    timeZone: settings.timeZone,
    cosignAssociateNotes: settings.cosignAssociateNotes,
    documentSizeLimitMb: Math.round(settings.documentSizeLimitBytes / MB),
    privacyOfficerEmail: settings.privacyOfficerEmail ?? '',
  });
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof typeof v>(k: K, value: (typeof v)[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  const body = (): Partial<Settings> => {
    const out: Partial<Settings> = {};
    if (v.name.trim() !== settings.name) out.name = v.name.trim();
    if (v.mfaRequired !== settings.mfaRequired) out.mfaRequired = v.mfaRequired;
    if (v.idleTimeoutMinutes !== settings.idleTimeoutMinutes)
      out.idleTimeoutMinutes = v.idleTimeoutMinutes;
    if (v.timeZone !== settings.timeZone) out.timeZone = v.timeZone;
    if (v.cosignAssociateNotes !== settings.cosignAssociateNotes)
      out.cosignAssociateNotes = v.cosignAssociateNotes;
    if (v.documentSizeLimitMb * MB !== settings.documentSizeLimitBytes)
      out.documentSizeLimitBytes = v.documentSizeLimitMb * MB;
    const email = v.privacyOfficerEmail.trim() || null;
    if (email !== settings.privacyOfficerEmail) out.privacyOfficerEmail = email;
    return out;
  };
  const changes = body();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(changes, { onSuccess: () => setSaved(true) });
  };
  const fieldError = fieldErrorOf(save.error, [
    'name',
    'idleTimeoutMinutes',
    'timeZone',
    'privacyOfficerEmail',
    'documentSizeLimitBytes',
  ]);
  const on = (f: string) => (fieldError?.field === f ? fieldError.message : undefined);
  return (
    <Section title="General">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Practice name"
            value={v.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            required
            error={on('name')}
            maxLength={200}
          />
          <div className="two-columns">
            <TimeZoneSelect
              value={v.timeZone}
              onChange={(z) => set('timeZone', z)}
              description="Dates and the schedule use it."
              error={on('timeZone')}
            />
            <TextInput
              label="Privacy officer email"
              description="Security alerts are emailed here."
              type="email"
              value={v.privacyOfficerEmail}
              onChange={(e) => set('privacyOfficerEmail', e.currentTarget.value)}
              error={on('privacyOfficerEmail')}
            />
            <NumberInput
              label="Sign out after inactivity (minutes)"
              description="Between 5 and 60."
              min={5}
              max={60}
              clampBehavior="strict"
              allowDecimal={false}
              value={v.idleTimeoutMinutes}
              onChange={(n) =>
                set('idleTimeoutMinutes', typeof n === 'number' ? n : settings.idleTimeoutMinutes)
              }
              error={on('idleTimeoutMinutes')}
            />
            <NumberInput
              label="Largest document upload (MB)"
              description="Between 1 MB and 10 GB."
              min={1}
              max={10240}
              clampBehavior="strict"
              allowDecimal={false}
              value={v.documentSizeLimitMb}
              onChange={(n) =>
                set('documentSizeLimitMb', typeof n === 'number' ? n : v.documentSizeLimitMb)
              }
              error={on('documentSizeLimitBytes')}
            />
          </div>
          <Switch
            label="Require a second factor (MFA) for everyone"
            description="Strongly recommended: HIPAA's security rule expects strong sign-in for access to health records."
            checked={v.mfaRequired}
            onChange={(e) => set('mfaRequired', e.currentTarget.checked)}
          />
          <Switch
            label="Associates’ notes need a supervisor’s co-signature"
            checked={v.cosignAssociateNotes}
            onChange={(e) => set('cosignAssociateNotes', e.currentTarget.checked)}
          />
          {!fieldError && <ErrorAlert error={save.error} />}
          <Group>
            <Button
              type="submit"
              loading={save.isPending}
              disabled={Object.keys(changes).length === 0}
            >
              Save settings
            </Button>
            {saved && (
              <span role="status" className="saved-note">
                Saved.
              </span>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
