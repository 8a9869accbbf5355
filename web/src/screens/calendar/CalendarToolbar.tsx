import { Button, Group, Loader, SegmentedControl, Select, Title } from '@mantine/core';
import type { Clinician } from '../../scheduling/types.ts';
import { STEP_WORDS } from './place.ts';
import type { ViewName } from './ScheduleView.tsx';

/** Today, back and forward, the range shown, the view, and whose calendar. */
export function CalendarToolbar({
  view,
  title,
  who,
  clinicians,
  busy,
  onToday,
  onStep,
  onView,
  onWho,
}: {
  view: ViewName;
  title: string;
  who: string;
  clinicians: readonly Clinician[];
  busy: boolean;
  onToday: () => void;
  onStep: (by: 1 | -1) => void;
  onView: (view: ViewName) => void;
  onWho: (who: string) => void;
}) {
  const unit = STEP_WORDS[view];
  return (
    <div className="calendar-toolbar">
      <Group gap="xs">
        <Button variant="default" onClick={onToday}>
          Today
        </Button>
        <Button variant="default" onClick={() => onStep(-1)} aria-label={`Previous ${unit}`}>
          <span aria-hidden="true">‹</span>
        </Button>
        <Button variant="default" onClick={() => onStep(1)} aria-label={`Next ${unit}`}>
          <span aria-hidden="true">›</span>
        </Button>
        <Title order={2} size="h4" className="calendar-title" aria-live="polite">
          {title}
        </Title>
        {busy && <Loader size="xs" aria-label="Loading appointments" />}
      </Group>
      <div className="calendar-choices">
        <SegmentedControl
          aria-label="View"
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
            { value: 'month', label: 'Month' },
          ]}
          value={view}
          onChange={(v) => onView(v as ViewName)}
        />
        <Select
          aria-label="Whose calendar"
          data={[
            { value: 'all', label: 'Everyone' },
            ...clinicians.map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={who}
          onChange={(v) => v && onWho(v)}
          allowDeselect={false}
          className="calendar-who"
        />
      </div>
    </div>
  );
}
