import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError, get } from '../api/http.ts';
import type { Client } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import { ErrorAlert, fieldErrorOf } from '../ui/errors.tsx';
import { useBookAppointment, useClinicians, useSlotCheck } from './api.ts';
import { GentleWarning } from './GentleWarning.tsx';
import { ClientSearch, type ChosenClient } from './ClientSearch.tsx';
import { checkRepeat, NO_REPEAT, rruleOf, type RepeatValue } from './repeat.ts';
import { RepeatFields } from './RepeatFields.tsx';
import { REASON_OPTIONS } from './status.ts';
import { checkLink, SessionFields, type SessionValue } from './SessionFields.tsx';
import {
  checkServiceCode,
  codeForMinutes,
  normalCode,
  ServiceCodeInput,
} from './ServiceCodeInput.tsx';
import { addMinutes, instantOf, weekdayName } from './time.ts';
import { checkTime, TimeFields, type TimeValue } from './TimeFields.tsx';
import type { CreatedAppointment, StaffReason } from './types.ts';

export interface BookingStart {
  time: TimeValue;
  clinicianId: string | null;
  client?: ChosenClient;
}

/**
 * Book a session (or a weekly series): who, with whom, when, where, what service. The
 * clinician follows the client's assigned clinician unless one was given or chosen. While the
 * form is filled the server is asked whether that time is free and within working hours
 * (the first session of a series); at booking it checks every session again, and a 409 names
 * the busy time here, with nothing booked.
 */
export function BookingDialog({
  start,
  zone,
  fixedClient,
  onClose,
  onBooked,
}: {
  start: BookingStart;
  zone: string;
  /** From a client's chart: the client is given. */
  fixedClient?: boolean;
  onClose: () => void;
  onBooked: (created: CreatedAppointment) => void;
}) {
  const { can } = useSession();
  const clinicians = useClinicians();
  const book = useBookAppointment();
  const [client, setClient] = useState<ChosenClient | null>(start.client ?? null);
  const [clinicianId, setClinicianId] = useState<string | null>(start.clinicianId);
  const chooseClient = (chosen: ChosenClient | null) => {
    setClient(chosen);
    if (!chosen || clinicianId) return;
    // No clinician yet (the front desk on the whole practice): the client's own, if any.
    void get<Client>(`/clients/${chosen.id}`)
      .then((c) => {
        const own = c.clinicianIds.find((id) => clinicians.data?.some((x) => x.id === id));
        if (own) setClinicianId((current) => current ?? own);
      })
      .catch(() => undefined);
  };
  const [time, setTime] = useState<TimeValue>(start.time);
  const [session, setSession] = useState<SessionValue>({
    kind: 'in_person',
    locationId: null,
    telehealthUrl: '',
  });
  const [code, setCode] = useState(codeForMinutes(start.time.minutes));
  // Until a code is typed, it follows the length (30 → 90832, 45/50 → 90834, 60 → 90837).
  const [codeTyped, setCodeTyped] = useState(false);
  const changeTime = (t: TimeValue) => {
    setTime(t);
    if (!codeTyped) setCode(codeForMinutes(t.minutes));
  };
  const [repeat, setRepeat] = useState<RepeatValue>(NO_REPEAT);
  const [remark, setRemark] = useState('');
  const [past, setPast] = useState<{ status: 'completed' | 'no_show'; reason: StaffReason }>({
    status: 'completed',
    reason: 'no_contact',
  });
  const [checked, setChecked] = useState(false);

  const startIso = time.date && time.time ? instantOf(time.date, time.time, zone) : '';
  // A time already gone is recorded as what happened (the API books nothing into the past).
  const inPast = startIso !== '' && new Date(startIso).getTime() < Date.now() - 5 * 60_000;
  const endIso = startIso ? addMinutes(startIso, time.minutes, zone) : '';
  const slot = useSlotCheck({
    clinicianId: inPast ? null : clinicianId,
    start: checkTime(time) ? '' : startIso,
    end: checkTime(time) ? '' : endIso,
  });
  // Only an answer for what the form shows now (the check trails the typing a little).
  const current =
    slot.data && !inPast && !checkTime(time) && slot.isSuccess && !slot.isFetching
      ? slot.data
      : undefined;
  const clinicianName = clinicians.data?.find((c) => c.id === clinicianId)?.name ?? 'The clinician';
  const problems = {
    client: client ? undefined : 'Choose the client.',
    clinician: clinicianId ? undefined : 'Choose the clinician.',
    time: checkTime(time),
    code: checkServiceCode(code),
    link: checkLink(session),
    repeat: inPast ? undefined : checkRepeat(repeat, time.date),
    taken: current && !current.free ? (current.message ?? 'That time is taken.') : undefined,
  };
  const server = fieldErrorOf(book.error, [
    'serviceCode',
    'remark',
    'start',
    'end',
    'telehealthUrl',
  ]);
  const show = (k: keyof typeof problems) => (checked ? problems[k] : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.values(problems).some(Boolean) || !client || !clinicianId) return;
    const rrule = inPast ? undefined : rruleOf(repeat, time.date, zone);
    book.mutate(
      {
        clientId: client.id,
        clinicianId,
        start: startIso,
        end: endIso,
        kind: session.kind,
        locationId: session.kind === 'in_person' ? session.locationId : null,
        ...(session.kind === 'telehealth' && session.telehealthUrl.trim()
          ? { telehealthUrl: session.telehealthUrl.trim() }
          : {}),
        serviceCode: normalCode(code),
        ...(inPast
          ? {
              status: past.status,
              ...(past.status === 'no_show' ? { statusReason: past.reason } : {}),
            }
          : {}),
        ...(remark.trim() ? { remark: remark.trim() } : {}),
        ...(rrule ? { recurrence: { rrule } } : {}),
      },
      { onSuccess: onBooked },
    );
  };

  const sessions = repeat.every === 0 || inPast ? 1 : repeat.ends === 'count' ? repeat.count : 0;
  return (
    <Modal opened onClose={onClose} title="New appointment" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div className="two-columns">
            {fixedClient && client ? (
              <Select
                label="Client"
                data={[{ value: client.id, label: client.name }]}
                value={client.id}
                readOnly
              />
            ) : (
              <ClientSearch
                value={client}
                onChange={chooseClient}
                error={show('client')}
                autoFocus
              />
            )}
            <Select
              label="Clinician"
              required
              data={(clinicians.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={clinicianId}
              onChange={setClinicianId}
              allowDeselect={false}
              error={show('clinician')}
            />
          </div>
          <TimeFields value={time} onChange={changeTime} zone={zone} error={show('time')} />
          {problems.taken && (
            <Alert color="red" variant="light" title="This time is taken" role="alert">
              {problems.taken} Choose another time.
            </Alert>
          )}
          {current?.free && current.outsideWorkingHours && (
            <GentleWarning title="Outside working hours" role="status">
              This is outside {clinicianName}’s working hours (or in their time off). You can still
              book it.
            </GentleWarning>
          )}
          {inPast ? (
            <GentleWarning title="This time has passed">
              <Stack gap="xs">
                <span>It is recorded as what happened rather than booked.</span>
                <Group gap="sm" align="flex-end">
                  <Select
                    label="Record as"
                    data={[
                      { value: 'completed', label: 'Completed' },
                      { value: 'no_show', label: 'No-show' },
                    ]}
                    value={past.status}
                    onChange={(s) =>
                      s && setPast({ ...past, status: s as 'completed' | 'no_show' })
                    }
                    allowDeselect={false}
                  />
                  {past.status === 'no_show' && (
                    <Select
                      label="Reason"
                      data={REASON_OPTIONS}
                      value={past.reason}
                      onChange={(r) => r && setPast({ ...past, reason: r as StaffReason })}
                      allowDeselect={false}
                    />
                  )}
                </Group>
              </Stack>
            </GentleWarning>
          ) : (
            <RepeatFields
              value={repeat}
              onChange={setRepeat}
              weekday={time.date ? weekdayName(time.date) : 'that day'}
              error={show('repeat')}
            />
          )}
          <div className="two-columns">
            <SessionFields
              value={session}
              onChange={setSession}
              linkError={
                show('link') ?? (server?.field === 'telehealthUrl' ? server.message : undefined)
              }
            />
            <ServiceCodeInput
              value={code}
              onChange={(c) => {
                setCodeTyped(true);
                setCode(c);
              }}
              error={show('code') ?? (server?.field === 'serviceCode' ? server.message : undefined)}
            />
          </div>
          {can('read:client:own') && (
            <Textarea
              label="Remark"
              description="Private to clinicians and administrators; encrypted. Not shown to the front desk or billing."
              autosize
              minRows={2}
              maxLength={500}
              value={remark}
              onChange={(e) => setRemark(e.currentTarget.value)}
              error={server?.field === 'remark' ? server.message : undefined}
            />
          )}
          {!server && (
            <ErrorAlert
              error={book.error}
              {...(book.error instanceof ApiError && book.error.code === 'slot_taken'
                ? { title: 'Nothing was booked' }
                : {})}
            />
          )}
          <Group justify="flex-end">
            <Group gap="sm">
              <Button variant="default" onClick={onClose} disabled={book.isPending}>
                Cancel
              </Button>
              <Button type="submit" loading={book.isPending}>
                {inPast
                  ? 'Record session'
                  : sessions === 1
                    ? 'Book appointment'
                    : sessions > 1
                      ? `Book ${sessions} sessions`
                      : 'Book the series'}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
