import { Title } from '@mantine/core';
import { useSession } from '../../../session/session.tsx';
import { useTimeZone } from '../../../session/time-zone.ts';
import { HoursEditor } from '../../../scheduling/HoursEditor.tsx';
import { TimeOffEditor } from '../../../scheduling/TimeOffEditor.tsx';
import { Section } from '../../../ui/Section.tsx';
import { CalendarFeed } from './CalendarFeed.tsx';

/** My working hours, time off and calendar feed; nothing for roles that keep no hours. */
export function MySchedule() {
  const { me, can } = useSession();
  const zone = useTimeZone() ?? me.practice.timeZone;
  if (!can('write:availability:own')) return null;
  return (
    <>
      <Section
        title="My schedule"
        description={`Your weekly working hours and time off, in the practice’s time zone (${zone}). Bookings outside them are possible, with a warning.`}
      >
        <HoursEditor clinicianId={me.user.id} who="you" />
        <Title order={3} size="h5" mt="sm">
          Time off
        </Title>
        <TimeOffEditor clinicianId={me.user.id} zone={zone} />
      </Section>
      <Section title="Calendar feed" description="Your sessions in your own calendar app.">
        <CalendarFeed />
      </Section>
    </>
  );
}
