import './communication.css';
import { Button, Checkbox, Group, Select, Stack, Switch, Text } from '@mantine/core';
import { GentleWarning } from '../../../scheduling/GentleWarning.tsx';
import { useMemo, useState, type FormEvent } from 'react';
import type { Client } from '../../../api/types.ts';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { ErrorAlert, QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { Section } from '../../../ui/Section.tsx';
import { useContactPreferences, useSaveContactPreferences } from './api.ts';
import type { ContactPreferences, ContactPreferencesBody } from './types.ts';

const PRACTICE_ZONE = 'practice';

const recordedOn = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );

/**
 * A client's communication preferences, beside their contact details: which reminders they
 * get, their agreement to texts (when and by whom it was recorded), their time zone, and
 * what stands in the way of a reminder reaching them.
 */
export function CommunicationPreferences({ client }: { client: Client }) {
  const prefs = useContactPreferences(client.id);
  return (
    <Section
      title="Communication preferences"
      description="Appointment reminders: which ones this client gets, and where."
    >
      {prefs.isPending ? (
        <Loading />
      ) : prefs.isError ? (
        <QueryError error={prefs.error} refetch={prefs.refetch} />
      ) : (
        <PreferencesForm clientId={client.id} prefs={prefs.data} />
      )}
    </Section>
  );
}

function PreferencesForm({ clientId, prefs }: { clientId: string; prefs: ContactPreferences }) {
  const { canAny } = useSession();
  const editable = canAny(['write:client:own', 'write:client:any']);
  // The practice's zone, known to everyone from /me (only admins may read the settings).
  const practiceZone = useTimeZone();
  const save = useSaveContactPreferences(clientId);
  const initial: ContactPreferencesBody = {
    emailReminders: prefs.emailReminders,
    smsReminders: prefs.smsReminders,
    smsConsent: prefs.smsConsent !== null,
    timeZone: prefs.timeZone,
  };
  const [v, setV] = useState(initial);
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof ContactPreferencesBody>(k: K, value: ContactPreferencesBody[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  const changed = JSON.stringify(v) !== JSON.stringify(initial);
  const zones = useMemo(() => {
    const all = Intl.supportedValuesOf('timeZone');
    const list = v.timeZone && !all.includes(v.timeZone) ? [v.timeZone, ...all] : all;
    return [
      {
        value: PRACTICE_ZONE,
        label: practiceZone ? `Practice’s time zone (${practiceZone})` : 'Practice’s time zone',
      },
      ...list.map((z) => ({ value: z, label: z })),
    ];
  }, [practiceZone, v.timeZone]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(v, { onSuccess: () => setSaved(true) });
  };
  const warnings = [
    v.emailReminders && !prefs.hasEmail
      ? 'No email address on file: email reminders cannot reach this client. Add one under Demographics.'
      : null,
    v.smsReminders && prefs.phone === 'missing'
      ? 'No mobile number on file: text reminders cannot reach this client. Add one under Demographics.'
      : null,
    v.smsReminders && prefs.phone === 'invalid'
      ? 'The phone number on file is not a valid mobile number: text reminders cannot reach it. Correct it under Demographics.'
      : null,
    prefs.optedOut
      ? 'This number replied STOP: it gets no texts from Hearth until the client texts START to the practice’s number.'
      : null,
    v.smsReminders && !v.smsConsent
      ? 'Texts go only once the client’s agreement is recorded below.'
      : null,
  ].filter((w): w is string => w !== null);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Switch
          label="Email reminders"
          checked={v.emailReminders}
          onChange={(e) => set('emailReminders', e.currentTarget.checked)}
          disabled={!editable}
        />
        <Switch
          label="Text message reminders"
          checked={v.smsReminders}
          onChange={(e) => set('smsReminders', e.currentTarget.checked)}
          disabled={!editable}
        />
        <div>
          <Checkbox
            label="Client agreed to receive texts"
            description="Record it only when the client has said yes to texts from the practice."
            checked={v.smsConsent}
            onChange={(e) => set('smsConsent', e.currentTarget.checked)}
            disabled={!editable}
          />
          {prefs.smsConsent && v.smsConsent && (
            <Text size="xs" c="dimmed" ml={32} mt={4}>
              Recorded {recordedOn(prefs.smsConsent.at)} by {prefs.smsConsent.byName}
            </Text>
          )}
          {prefs.smsConsent && !v.smsConsent && (
            <Text size="xs" c="red.9" ml={32} mt={4}>
              Saving removes the recorded agreement.
            </Text>
          )}
        </div>
        <Select
          label="Time zone for reminders"
          description="Reminders say the time, and keep quiet at night, in this zone."
          data={zones}
          value={v.timeZone ?? PRACTICE_ZONE}
          onChange={(z) => z && set('timeZone', z === PRACTICE_ZONE ? null : z)}
          searchable
          allowDeselect={false}
          maxDropdownHeight={260}
          nothingFoundMessage="No such time zone"
          disabled={!editable}
          maw={420}
        />
        {warnings.length > 0 && (
          <GentleWarning title="Reminders may not reach this client">
            <ul className="warning-list">
              {warnings.map((w) => (
                <li key={w}>
                  <Text size="sm">{w}</Text>
                </li>
              ))}
            </ul>
          </GentleWarning>
        )}
        {editable ? (
          <>
            <ErrorAlert error={save.error} />
            <Group>
              <Button type="submit" loading={save.isPending} disabled={!changed}>
                Save preferences
              </Button>
              {saved && (
                <span role="status" className="saved-note">
                  Saved.
                </span>
              )}
            </Group>
          </>
        ) : (
          <Text size="xs" c="dimmed">
            Those who may edit this client change these.
          </Text>
        )}
      </Stack>
    </form>
  );
}
