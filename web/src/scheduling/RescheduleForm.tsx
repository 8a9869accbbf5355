import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../ui/errors.tsx';
import { useClinicians } from './api.ts';
import { moveScopes, movePatch } from './move.ts';
import { checkRepeat, type RepeatValue } from './repeat.ts';
import { RepeatFields } from './RepeatFields.tsx';
import { ScopeChoice } from './ScopeChoice.tsx';
import { checkLink, SessionFields, type SessionValue } from './SessionFields.tsx';
import { checkServiceCode, normalCode, ServiceCodeInput } from './ServiceCodeInput.tsx';
import { addMinutes, instantOf, localParts, minutesBetween, weekdayName } from './time.ts';
import { checkTime, TimeFields, type TimeValue } from './TimeFields.tsx';
import type { Appointment, AppointmentPatch, Scope } from './types.ts';

/**
 * Change when, with whom, where or what: the keyboard way to move a session. For a series,
 * the same choice as a drag: this session, this and following, or all.
 */
export function RescheduleForm({
  appointment: a,
  zone,
  hint,
  pending,
  error,
  onSubmit,
  onBack,
}: {
  appointment: Appointment;
  zone: string;
  hint: RepeatValue;
  pending: boolean;
  error: unknown;
  onSubmit: (patch: AppointmentPatch) => void;
  onBack: () => void;
}) {
  const clinicians = useClinicians();
  const local = localParts(a.start, zone);
  const [time, setTime] = useState<TimeValue>({
    date: local.date,
    time: local.time,
    minutes: minutesBetween(a.start, a.end),
  });
  const [clinicianId, setClinicianId] = useState(a.clinicianId);
  const [session, setSession] = useState<SessionValue>({
    kind: a.kind,
    locationId: a.location?.id ?? null,
    telehealthUrl: a.telehealthUrl ?? '',
  });
  const [code, setCode] = useState(a.serviceCode);
  const [scope, setScope] = useState<Scope>('this');
  const [repeat, setRepeat] = useState<RepeatValue>(hint);
  const [checked, setChecked] = useState(false);

  const timeProblem = checkTime(time);
  const start = timeProblem ? a.start : instantOf(time.date, time.time, zone);
  const end = timeProblem ? a.end : addMinutes(start, time.minutes, zone);
  const moved = start !== a.start || minutesBetween(start, end) !== minutesBetween(a.start, a.end);
  const { dayChange, disabled, note } = moveScopes(a, start, zone);
  const needsRule = a.seriesId !== null && scope === 'following' && dayChange;
  const problems = {
    time: timeProblem,
    code: checkServiceCode(code),
    link: checkLink(session),
    repeat: needsRule ? checkRepeat(repeat, time.date) : undefined,
    scope: disabled.includes(scope)
      ? 'Choose another option: this one cannot take the change.'
      : undefined,
  };

  const submit = () => {
    setChecked(true);
    if (Object.values(problems).some(Boolean)) return;
    const patch: AppointmentPatch = moved
      ? movePatch({ appointment: a, start, end, scope, repeat, zone })
      : a.seriesId
        ? { scope }
        : {};
    if (clinicianId !== a.clinicianId) patch.clinicianId = clinicianId;
    if (session.kind !== a.kind) patch.kind = session.kind;
    if (session.locationId !== (a.location?.id ?? null)) patch.locationId = session.locationId;
    const link = session.kind === 'telehealth' ? session.telehealthUrl.trim() : '';
    if (session.kind === 'telehealth' && link !== (a.telehealthUrl ?? ''))
      patch.telehealthUrl = link || null;
    if (normalCode(code) !== a.serviceCode) patch.serviceCode = normalCode(code);
    // Nothing but the scope: nothing to send.
    if (Object.keys(patch).every((k) => k === 'scope')) onBack();
    else onSubmit(patch);
  };

  return (
    <Stack gap="md">
      <Text fw={600}>Reschedule</Text>
      <TimeFields
        value={time}
        onChange={setTime}
        zone={zone}
        error={checked ? problems.time : undefined}
      />
      <Select
        label="Clinician"
        data={(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        value={clinicianId}
        onChange={(id) => id && setClinicianId(id)}
        allowDeselect={false}
      />
      <div className="two-columns">
        <SessionFields
          value={session}
          onChange={setSession}
          linkError={checked ? problems.link : undefined}
        />
        <ServiceCodeInput
          value={code}
          onChange={setCode}
          error={checked ? problems.code : undefined}
        />
      </div>
      {a.seriesId && (
        <ScopeChoice
          value={scope}
          onChange={setScope}
          disabled={disabled}
          note={note}
          error={checked ? problems.scope : undefined}
        />
      )}
      {needsRule && (
        <RepeatFields
          label="From this session on, repeat"
          allowNone={false}
          value={repeat}
          onChange={setRepeat}
          weekday={weekdayName(time.date)}
          error={checked ? problems.repeat : undefined}
        />
      )}
      <ErrorAlert error={error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack} disabled={pending}>
          Back
        </Button>
        <Button loading={pending} onClick={submit}>
          Save changes
        </Button>
      </Group>
    </Stack>
  );
}
