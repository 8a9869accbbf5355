import { Chip, Group, Stack, Text, TextInput } from '@mantine/core';
import './scheduling.css';
import { weekdayName } from './time.ts';

export interface TimeValue {
  /** Local date in the practice's zone, YYYY-MM-DD. */
  date: string;
  /** Local start, HH:MM. */
  time: string;
  minutes: number;
}

export const DURATIONS = [30, 45, 50, 60];

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const toHHMM = (total: number) => {
  const t = ((total % 1440) + 1440) % 1440;
  return `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
};

/** The end time of a same-day session, HH:MM (it may pass midnight: shown as is). */
export const endTimeOf = (v: TimeValue) => toHHMM(toMinutes(v.time) + v.minutes);

/** Problems a person can fix before asking the server. */
export function checkTime(v: TimeValue): string | undefined {
  if (!v.date) return 'Choose a date.';
  if (!/^\d{2}:\d{2}$/.test(v.time)) return 'Enter a start time.';
  if (v.minutes <= 0) return 'The end must be after the start.';
  if (v.minutes > 720) return 'A session lasts at most 12 hours.';
  return undefined;
}

/**
 * Date, start, length and end, typed in the practice's zone: the keyboard way to book and to
 * move a session (dragging on the calendar is the other). Duration presets set the end; an end
 * typed by hand sets the length.
 */
export function TimeFields({
  value,
  onChange,
  zone,
  error,
}: {
  value: TimeValue;
  onChange: (v: TimeValue) => void;
  zone: string;
  error?: string | undefined;
}) {
  return (
    <Stack gap="xs">
      <div className="time-fields">
        <TextInput
          label="Date"
          type="date"
          required
          description={value.date ? weekdayName(value.date) : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          value={value.date}
          onChange={(e) => onChange({ ...value, date: e.currentTarget.value })}
        />
        <TextInput
          label="Start"
          type="time"
          required
          step={300}
          value={value.time}
          onChange={(e) => onChange({ ...value, time: e.currentTarget.value })}
        />
        <TextInput
          label="End"
          type="time"
          required
          step={300}
          value={endTimeOf(value)}
          onChange={(e) => {
            const end = e.currentTarget.value;
            if (!end) return;
            onChange({ ...value, minutes: toMinutes(end) - toMinutes(value.time) });
          }}
          error={error}
        />
      </div>
      <Group gap="xs" role="group" aria-label="Length">
        <Text size="sm" fw={500} component="span">
          Length
        </Text>
        <Chip.Group
          value={DURATIONS.includes(value.minutes) ? String(value.minutes) : ''}
          onChange={(m) => onChange({ ...value, minutes: Number(m) })}
        >
          {DURATIONS.map((m) => (
            <Chip key={m} value={String(m)} size="xs" variant="outline">
              {m} min
            </Chip>
          ))}
        </Chip.Group>
        {!DURATIONS.includes(value.minutes) && value.minutes > 0 && (
          <Text size="sm" c="dimmed" component="span">
            {value.minutes} min
          </Text>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        Times are in the practice’s time zone ({zone}).
      </Text>
    </Stack>
  );
}
