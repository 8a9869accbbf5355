import '../scheduling.css';
import { Badge, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/http.ts';
import { QueryError } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { Loading } from '../../ui/Screen.tsx';
import type { AppointmentReminders as Answer } from './types.ts';
import { beforeWords, REPLY_WORDS, stateWords } from './words.ts';

/** The appointment's reminders, one line each ("Text · 48 h before · delivered"), and replies. */
export function AppointmentReminders({
  appointmentId,
  start,
  zone,
}: {
  appointmentId: string;
  start: string;
  zone: string;
}) {
  const reminders = useQuery({
    queryKey: ['appointments', appointmentId, 'reminders'],
    queryFn: () => get<Answer>(`/appointments/${appointmentId}/reminders`),
  });
  return (
    <section aria-labelledby={`reminders-${appointmentId}`}>
      <Text size="sm" c="dimmed" component="h3" fw={400} m={0} id={`reminders-${appointmentId}`}>
        Reminders
      </Text>
      {reminders.isPending ? (
        <Loading />
      ) : reminders.isError ? (
        <QueryError error={reminders.error} refetch={reminders.refetch} />
      ) : reminders.data.items.length === 0 ? (
        <Text size="sm">None for this appointment.</Text>
      ) : (
        <ul className="reminder-lines" aria-labelledby={`reminders-${appointmentId}`}>
          {reminders.data.items.map((r) => {
            const state = stateWords(r);
            return (
              <li key={r.id}>
                <Text size="sm" span>
                  {r.channel === 'sms' ? 'Text' : 'Email'} · {beforeWords(start, r.dueAt)} ·{' '}
                </Text>
                <Badge
                  color={state.color}
                  variant="light"
                  size="sm"
                  className="reminder-state"
                  data-tone={state.color}
                >
                  {state.text}
                </Badge>
                {r.status === 'pending' && (
                  <Text size="xs" c="dimmed">
                    Goes {formatDateTime(r.dueAt, zone)}
                  </Text>
                )}
                {r.reply && (
                  <Text size="sm" fw={500} mt={2}>
                    {REPLY_WORDS[r.reply]}
                    {r.repliedAt ? `, ${formatDateTime(r.repliedAt, zone)}` : ''}
                  </Text>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
