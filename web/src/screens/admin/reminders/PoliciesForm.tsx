import { Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert, fieldErrorOf } from '../../../ui/errors.tsx';
import { Section } from '../../../ui/Section.tsx';
import { useSaveReminderSettings } from './api.ts';
import type { ReminderSettings } from './types.ts';

type Policies = Pick<
  ReminderSettings,
  'quietStart' | 'quietEnd' | 'lateCancelHours' | 'failureAlertPercent' | 'digestNoteDays'
>;

const FIELDS = [
  'quietStart',
  'quietEnd',
  'lateCancelHours',
  'failureAlertPercent',
  'digestNoteDays',
] as const;

const num = (v: string | number, fallback: number) => (typeof v === 'number' ? v : fallback);

/** Quiet hours, the late-cancel window, the failure alert and the staff's note reminder. */
export function PoliciesForm({ settings }: { settings: ReminderSettings }) {
  const save = useSaveReminderSettings();
  const [v, setV] = useState<Policies>(() => pick(settings));
  const [saved, setSaved] = useState(false);
  const set = <K extends keyof Policies>(k: K, value: Policies[K]) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  const changed = FIELDS.some((f) => v[f] !== settings[f]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ ...settings, ...v }, { onSuccess: () => setSaved(true) });
  };
  const fieldError = fieldErrorOf(save.error, FIELDS);
  const on = (f: string) => (fieldError?.field === f ? fieldError.message : undefined);
  return (
    <Section title="Timing and alerts">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div className="two-columns">
            <TextInput
              type="time"
              label="Quiet hours begin"
              description="No reminder goes out at night, in the client's own time zone."
              value={v.quietStart}
              onChange={(e) => set('quietStart', e.currentTarget.value)}
              error={on('quietStart')}
              required
            />
            <TextInput
              type="time"
              label="Quiet hours end"
              description="One due in the quiet hours goes at this time, or before them if the session comes first."
              value={v.quietEnd}
              onChange={(e) => set('quietEnd', e.currentTarget.value)}
              error={on('quietEnd')}
              required
            />
            <NumberInput
              label="Late cancellation (hours before the session)"
              description="A client who cancels closer to the start than this has cancelled late. 0 to 336."
              min={0}
              max={336}
              clampBehavior="strict"
              allowDecimal={false}
              value={v.lateCancelHours}
              onChange={(n) => set('lateCancelHours', num(n, settings.lateCancelHours))}
              error={on('lateCancelHours')}
            />
            <NumberInput
              label="Alert when more messages fail than (%)"
              description="Over the last hour, once at least 10 were sent. 1 to 100."
              min={1}
              max={100}
              clampBehavior="strict"
              allowDecimal={false}
              value={v.failureAlertPercent}
              onChange={(n) => set('failureAlertPercent', num(n, settings.failureAlertPercent))}
              error={on('failureAlertPercent')}
            />
            <NumberInput
              label="Remind staff of a missing note after (days)"
              description="Counted on Today and in the daily email of those who asked for it. 1 to 60."
              min={1}
              max={60}
              clampBehavior="strict"
              allowDecimal={false}
              value={v.digestNoteDays}
              onChange={(n) => set('digestNoteDays', num(n, settings.digestNoteDays))}
              error={on('digestNoteDays')}
            />
          </div>
          {!fieldError && <ErrorAlert error={save.error} />}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              Save timing
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

function pick(s: ReminderSettings): Policies {
  return {
    quietStart: s.quietStart,
    quietEnd: s.quietEnd,
    lateCancelHours: s.lateCancelHours,
    failureAlertPercent: s.failureAlertPercent,
    digestNoteDays: s.digestNoteDays,
  };
}
