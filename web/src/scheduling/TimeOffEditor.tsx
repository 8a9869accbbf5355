import { Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import './scheduling.css';
import { useState } from 'react';
import { ErrorAlert, QueryError } from '../ui/errors.tsx';
import { Loading } from '../ui/Screen.tsx';
import { EmptyState } from '../ui/Section.tsx';
import { GentleWarning } from './GentleWarning.tsx';
import { useAddTimeOff, useRemoveTimeOff, useTimeOff } from './availability-api.ts';
import { todayIn } from './time.ts';
import {
  checkTimeOff,
  describeTimeOff,
  TIME_OFF_REASONS,
  timeOffRange,
  type TimeOffDraft,
} from './time-off.ts';
import type { TimeOffReason } from './types.ts';

const REASON_OPTIONS = (Object.keys(TIME_OFF_REASONS) as TimeOffReason[]).map((r) => ({
  value: r,
  label: TIME_OFF_REASONS[r],
}));

/** Time off ahead (a year): listed, added (whole days or hours), removed. */
export function TimeOffEditor({ clinicianId, zone }: { clinicianId: string; zone: string }) {
  const list = useTimeOff(clinicianId);
  const add = useAddTimeOff(clinicianId);
  const remove = useRemoveTimeOff(clinicianId);
  const today = todayIn(zone);
  const empty: TimeOffDraft = {
    allDay: true,
    startDate: today,
    startTime: '09:00',
    endDate: today,
    endTime: '17:00',
    reason: 'vacation',
  };
  const [d, setD] = useState<TimeOffDraft>(empty);
  const [checked, setChecked] = useState(false);
  const [overlap, setOverlap] = useState<number | null>(null);
  const problem = checkTimeOff(d);
  const set = (change: Partial<TimeOffDraft>) => {
    setOverlap(null);
    setD({ ...d, ...change });
  };
  const submit = () => {
    setChecked(true);
    if (problem) return;
    add.mutate(
      { ...timeOffRange(d), reason: d.reason },
      {
        onSuccess: (t) => {
          setChecked(false);
          setD(empty);
          setOverlap(t.overlappingAppointments);
        },
      },
    );
  };
  return (
    <Stack gap="sm">
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryError error={list.error} refetch={list.refetch} />
      ) : list.data.length === 0 ? (
        <EmptyState>No time off planned.</EmptyState>
      ) : (
        <Table aria-label="Time off" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>
                <span className="visually-hidden-label">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{describeTimeOff(t)}</Table.Td>
                <Table.Td>{TIME_OFF_REASONS[t.reason]}</Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    loading={remove.isPending && remove.variables === t.id}
                    onClick={() => {
                      setOverlap(null);
                      remove.mutate(t.id);
                    }}
                    aria-label={`Remove time off ${describeTimeOff(t)}`}
                  >
                    Remove
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <ErrorAlert error={remove.error} />
      <div role="status">
        {overlap !== null &&
          (overlap > 0 ? (
            <GentleWarning title="Time off added">
              {`${overlap} appointment${overlap === 1 ? ' is' : 's are'} already booked in it and stay${overlap === 1 ? 's' : ''} until someone moves ${overlap === 1 ? 'it' : 'them'} on the calendar.`}
            </GentleWarning>
          ) : (
            <Text size="sm" className="saved-note">
              Time off added.
            </Text>
          ))}
      </div>
      <fieldset className="plain-fieldset">
        <legend>
          <Text fw={600} size="sm">
            Add time off
          </Text>
        </legend>
        <Stack gap="xs">
          <Checkbox
            label="Whole days"
            checked={d.allDay}
            onChange={(e) => set({ allDay: e.currentTarget.checked })}
          />
          <Group gap="sm" align="flex-start">
            <TextInput
              label={d.allDay ? 'First day' : 'From'}
              type="date"
              value={d.startDate}
              onChange={(e) => {
                const v = e.currentTarget.value;
                set({ startDate: v, endDate: d.endDate < v ? v : d.endDate });
              }}
            />
            {!d.allDay && (
              <TextInput
                label="Start time"
                type="time"
                value={d.startTime}
                onChange={(e) => set({ startTime: e.currentTarget.value })}
              />
            )}
            <TextInput
              label={d.allDay ? 'Last day' : 'Until'}
              type="date"
              value={d.endDate}
              onChange={(e) => set({ endDate: e.currentTarget.value })}
              error={checked ? problem : undefined}
            />
            {!d.allDay && (
              <TextInput
                label="End time"
                type="time"
                value={d.endTime}
                onChange={(e) => set({ endTime: e.currentTarget.value })}
              />
            )}
            <Select
              label="Reason"
              data={REASON_OPTIONS}
              value={d.reason}
              onChange={(r) => r && set({ reason: r as TimeOffReason })}
              allowDeselect={false}
              w={150}
            />
          </Group>
          <ErrorAlert error={add.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={submit} loading={add.isPending}>
              Add time off
            </Button>
          </Group>
        </Stack>
      </fieldset>
    </Stack>
  );
}
