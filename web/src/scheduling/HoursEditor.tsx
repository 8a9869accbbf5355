import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import './scheduling.css';
import { useState } from 'react';
import { ErrorAlert, QueryError } from '../ui/errors.tsx';
import { Loading } from '../ui/Screen.tsx';
import { useHours, useSaveHours } from './availability-api.ts';
import { checkBlocks, draft, newBlock, WEEKDAYS, type DraftBlock } from './hours.ts';
import type { HoursBlock } from './types.ts';

/**
 * A clinician's weekly working hours, several blocks a day (9–12 and 13–17), in the practice's
 * zone. Saving replaces the whole week (PUT). Bookings outside them are still allowed, with a
 * warning.
 */
export function HoursEditor({ clinicianId, who }: { clinicianId: string; who: string }) {
  const hours = useHours(clinicianId);
  if (hours.isPending) return <Loading />;
  if (hours.isError) return <QueryError error={hours.error} refetch={hours.refetch} />;
  return <HoursForm clinicianId={clinicianId} who={who} initial={hours.data.blocks} />;
}

function HoursForm({
  clinicianId,
  who,
  initial,
}: {
  clinicianId: string;
  who: string;
  initial: readonly HoursBlock[];
}) {
  const save = useSaveHours(clinicianId);
  const [current, setBlocks] = useState<DraftBlock[]>(() => initial.map(draft));
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const problems = checkBlocks(current);
  const problemOn = (key: number, on: 'start' | 'end') => {
    const p = checked ? problems.get(key) : undefined;
    return p?.on === on ? p.message : undefined;
  };
  const edit = (next: DraftBlock[]) => {
    setSaved(false);
    setBlocks(next);
  };
  const update = (key: number, change: Partial<DraftBlock>) =>
    edit(current.map((b) => (b.key === key ? { ...b, ...change } : b)));
  const submit = () => {
    setChecked(true);
    if (problems.size > 0) return;
    save.mutate(
      current.map(({ key: _key, ...b }) => b),
      { onSuccess: () => setSaved(true) },
    );
  };
  return (
    <Stack gap="sm">
      <ul className="hours-week" aria-label={`Working hours of ${who}`}>
        {WEEKDAYS.map((day, i) => {
          const weekday = i + 1;
          const mine = current
            .filter((b) => b.weekday === weekday)
            .sort((x, y) => x.start.localeCompare(y.start));
          return (
            <li key={day} className="hours-day">
              <Text fw={600} size="sm" className="hours-day-name">
                {day}
              </Text>
              <div className="hours-blocks">
                {mine.length === 0 && (
                  <Text size="sm" c="dimmed">
                    Not working
                  </Text>
                )}
                {mine.map((b) => (
                  <Group key={b.key} gap="xs" align="flex-start" wrap="nowrap">
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={`${day} from`}
                      value={b.start}
                      onChange={(e) => update(b.key, { start: e.currentTarget.value })}
                      error={problemOn(b.key, 'start')}
                    />
                    <Text size="sm" pt={4} aria-hidden="true">
                      –
                    </Text>
                    <TextInput
                      type="time"
                      size="xs"
                      aria-label={`${day} until`}
                      value={b.end}
                      onChange={(e) => update(b.key, { end: e.currentTarget.value })}
                      error={problemOn(b.key, 'end')}
                    />
                    {(b.effectiveFrom || b.effectiveTo) && (
                      <Text size="xs" c="dimmed" pt={6}>
                        {b.effectiveFrom ? `from ${b.effectiveFrom}` : ''}
                        {b.effectiveTo ? ` until ${b.effectiveTo}` : ''}
                      </Text>
                    )}
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      mt={2}
                      aria-label={`Remove ${day} ${b.start}–${b.end}`}
                      onClick={() => edit(current.filter((x) => x.key !== b.key))}
                    >
                      <span aria-hidden="true">✕</span>
                    </ActionIcon>
                  </Group>
                ))}
              </div>
              <Button
                size="xs"
                variant="subtle"
                onClick={() => edit([...current, newBlock(weekday, current)])}
                aria-label={`Add hours on ${day}`}
              >
                + Add hours
              </Button>
            </li>
          );
        })}
      </ul>
      <ErrorAlert error={save.error} />
      <Group justify="flex-end" gap="sm">
        {saved && (
          <Text size="sm" className="saved-note" role="status">
            Working hours saved.
          </Text>
        )}
        <Button onClick={submit} loading={save.isPending}>
          Save working hours
        </Button>
      </Group>
    </Stack>
  );
}
