import { Anchor, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { clientName } from '../ui/format.ts';
import { FREED } from './status.ts';
import { AppointmentStatusBadge } from './StatusBadge.tsx';
import { formatDay, formatTime } from './time.ts';
import type { Appointment } from './types.ts';

/** One session in a list (Today, a client's appointments): when, who, where, status, actions. */
export function AppointmentRow({
  appointment: a,
  zone,
  clinician,
  showDate,
  linkClient,
  actions,
}: {
  appointment: Appointment;
  zone: string;
  /** The clinician's name, where the list mixes clinicians. */
  clinician?: string | undefined;
  showDate?: boolean;
  linkClient?: boolean;
  actions?: ReactNode;
}) {
  const where =
    a.kind === 'telehealth'
      ? 'Telehealth'
      : `In person${a.location ? ` · ${a.location.name}` : ''}`;
  return (
    <li className={`appt-row${FREED.includes(a.status) ? ' appt-row-freed' : ''}`}>
      <div className="appt-row-when">
        {showDate && (
          <Text size="sm" fw={600}>
            {formatDay(a.start, zone)}
          </Text>
        )}
        <Text size="sm" fw={showDate ? 400 : 600}>
          {formatTime(a.start, zone)} – {formatTime(a.end, zone)}
        </Text>
      </div>
      <Stack gap={2}>
        <Group gap="xs">
          {linkClient ? (
            <Anchor
              component={Link}
              to={`/clients/${a.clientId}`}
              fw={600}
              className="appt-row-who"
            >
              {clientName(a.client)}
            </Anchor>
          ) : (
            <Text fw={600} size="sm" className="appt-row-who">
              {clinician ?? clientName(a.client)}
            </Text>
          )}
          <AppointmentStatusBadge status={a.status} reason={a.statusReason} />
        </Group>
        <Text size="sm" c="dimmed">
          {where} · {a.serviceCode}
          {linkClient && clinician ? ` · ${clinician}` : ''}
        </Text>
      </Stack>
      {actions && (
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {actions}
        </Group>
      )}
    </li>
  );
}
