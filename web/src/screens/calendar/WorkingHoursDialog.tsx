import { Modal, Stack, Title } from '@mantine/core';
import { useTimeZone } from '../../session/time-zone.ts';
import { useSession } from '../../session/session.tsx';
import { HoursEditor } from '../../scheduling/HoursEditor.tsx';
import { TimeOffEditor } from '../../scheduling/TimeOffEditor.tsx';
import type { Clinician } from '../../scheduling/types.ts';

/** The front desk and admins keep a clinician's hours and time off from the calendar. */
export function WorkingHoursDialog({
  clinician,
  onClose,
}: {
  clinician: Clinician;
  onClose: () => void;
}) {
  const { me } = useSession();
  const zone = useTimeZone() ?? me.practice.timeZone;
  return (
    <Modal opened onClose={onClose} title={`${clinician.name}: working hours`} size="xl" centered>
      <Stack gap="lg">
        <HoursEditor clinicianId={clinician.id} who={clinician.name} />
        <Stack gap="xs">
          <Title order={3} size="h5">
            Time off
          </Title>
          <TimeOffEditor clinicianId={clinician.id} zone={zone} />
        </Stack>
      </Stack>
    </Modal>
  );
}
