import { Alert, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ApiError } from '../../api/http.ts';
import { ErrorAlert, messageOf } from '../../ui/errors.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { useDocumentTitle } from '../../ui/title.ts';
import { useAnswer, useReply, type ReplyView } from './api.ts';
import { answeredWords, dayWords, lateNotice, placeWords, timeWords } from './words.ts';
import './reminder-reply.css';

/**
 * The page a reminder email links to (/r/<token>): no sign-in, the secret in the link is the
 * credential. The client sees the appointment and confirms or cancels with one large button;
 * cancelling asks once more and says whether it counts as late.
 */
export function ReminderReply() {
  const { token = '' } = useParams();
  const reply = useReply(token);
  useDocumentTitle('Your appointment');
  return (
    <div className="reply-page">
      <main className="reply-card">
        <Paper withBorder shadow="xs" p="lg" radius="lg">
          {reply.isPending ? (
            <Loading label="Loading your appointment…" />
          ) : reply.isError ? (
            <Unavailable error={reply.error} />
          ) : (
            <Appointment view={reply.data} token={token} />
          )}
        </Paper>
      </main>
    </div>
  );
}

function Unavailable({ error }: { error: unknown }) {
  const known = error instanceof ApiError && error.status < 500;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        This link does not work
      </Title>
      <Text>
        {known
          ? messageOf(error)
          : 'Your appointment could not be loaded just now. Please try again in a moment.'}
      </Text>
    </Stack>
  );
}

function Appointment({ view: v, token }: { view: ReplyView; token: string }) {
  const answer = useAnswer(token);
  const [asking, setAsking] = useState(false);
  return (
    <Stack gap="lg">
      <div>
        <Text c="dimmed" size="sm">
          {v.practiceName}
        </Text>
        <Title order={1} size="h2">
          Your appointment
        </Title>
      </div>
      <dl>
        <div>
          <dt>When</dt>
          <dd>
            <span className="reply-line">{dayWords(v.start, v.timeZone)}</span>
            <span className="reply-line">{timeWords(v.start, v.end, v.timeZone)}</span>
          </dd>
        </div>
        <div>
          <dt>With</dt>
          <dd>{v.clinicianName}</dd>
        </div>
        <div>
          <dt>Where</dt>
          <dd>{placeWords(v.place)}</dd>
        </div>
      </dl>
      {v.state === 'answered' ? (
        <Answered view={v} now={answer.isSuccess} />
      ) : v.state === 'expired' ? (
        <Alert color="gray" variant="light" title="This link no longer works" role="status">
          The appointment has started, or {v.practiceName} has changed or cancelled it since the
          reminder was sent. If you have questions, please contact {v.practiceName}.
        </Alert>
      ) : asking ? (
        <Stack gap="sm" role="group" aria-labelledby="cancel-question">
          <Text fw={600} size="lg" id="cancel-question">
            Are you sure you want to cancel this appointment?
          </Text>
          <Text>{lateNotice(v)}</Text>
          <ErrorAlert error={answer.error} />
          <Button
            className="reply-button"
            color="red"
            fullWidth
            loading={answer.isPending}
            onClick={() => answer.mutate('cancel')}
          >
            Yes, cancel it
          </Button>
          <Button
            className="reply-button"
            variant="default"
            fullWidth
            disabled={answer.isPending}
            onClick={() => {
              answer.reset();
              setAsking(false);
            }}
          >
            No, keep my appointment
          </Button>
        </Stack>
      ) : (
        <Stack gap="sm">
          <ErrorAlert error={answer.error} />
          <Button
            className="reply-button"
            fullWidth
            loading={answer.isPending}
            onClick={() => answer.mutate('confirm')}
          >
            Confirm
          </Button>
          <Button
            className="reply-button"
            variant="default"
            color="red"
            fullWidth
            disabled={answer.isPending}
            onClick={() => setAsking(true)}
          >
            Cancel appointment
          </Button>
          {v.lateCancelNotice && (
            <Text size="sm" c="dimmed">
              {lateNotice(v)}
            </Text>
          )}
        </Stack>
      )}
    </Stack>
  );
}

function Answered({ view, now }: { view: ReplyView; now: boolean }) {
  const words = answeredWords(view, now);
  return (
    <Alert
      color={view.answer === 'confirmed' ? 'teal' : 'gray'}
      variant="light"
      title={words.title}
      role="status"
    >
      {words.text}
    </Alert>
  );
}
