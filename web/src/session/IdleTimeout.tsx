import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { get, onApiEvent } from '../api/http.ts';
import { useSignOut } from './sign-out.ts';

const WARNING_MS = 60_000;

/**
 * The practice's idle timeout, seen from the browser. The server ends a session that made no
 * request for `minutes`; here a dialog warns a minute before ("Stay signed in" makes a request,
 * which keeps the session), then signs out and says why. Typing or clicking since the last
 * request also counts: the warning is skipped and the session kept with a quiet request, so
 * someone writing at length is not interrupted.
 */
export function IdleTimeout({ minutes }: { minutes: number }) {
  const timeoutMs = minutes * 60_000;
  const [warning, setWarning] = useState(false);
  const lastRequest = useRef(Date.now());
  const lastInput = useRef(0);
  const signOut = useSignOut();
  const [tick, setTick] = useState(0);

  useEffect(
    () =>
      onApiEvent((event) => {
        if (event.type !== 'activity') return;
        lastRequest.current = event.at;
        setWarning(false);
        setTick((n) => n + 1);
      }),
    [],
  );

  useEffect(() => {
    const mark = () => {
      lastInput.current = Date.now();
    };
    window.addEventListener('keydown', mark, { passive: true });
    window.addEventListener('pointerdown', mark, { passive: true });
    return () => {
      window.removeEventListener('keydown', mark);
      window.removeEventListener('pointerdown', mark);
    };
  }, []);

  // One timer at a time: the warning, then (if nothing happened) the sign-out.
  useEffect(() => {
    const since = Date.now() - lastRequest.current;
    if (!warning) {
      const id = window.setTimeout(
        () => {
          if (lastInput.current > lastRequest.current) void get('/me').catch(() => undefined);
          else setWarning(true);
        },
        Math.max(0, timeoutMs - WARNING_MS - since),
      );
      return () => window.clearTimeout(id);
    }
    const id = window.setTimeout(
      () => void signOut(`/signed-out?reason=idle&minutes=${minutes}`),
      Math.max(0, timeoutMs - since),
    );
    return () => window.clearTimeout(id);
  }, [warning, tick, timeoutMs, minutes, signOut]);

  // While warning, a countdown a person can read (and a screen reader can announce).
  const [left, setLeft] = useState(60);
  useEffect(() => {
    if (!warning) return;
    const update = () =>
      setLeft(Math.max(0, Math.ceil((timeoutMs - (Date.now() - lastRequest.current)) / 1000)));
    update();
    const id = window.setInterval(update, 1000);
    return () => window.clearInterval(id);
  }, [warning, timeoutMs]);

  return (
    <Modal
      opened={warning}
      onClose={() => void get('/me').catch(() => undefined)}
      title="Are you still there?"
      centered
      withCloseButton={false}
    >
      <Text mb="lg">
        For your clients’ privacy, Hearth signs you out after {minutes} minutes without activity.
        You will be signed out in{' '}
        <span role="timer" aria-live="off">
          {left} second{left === 1 ? '' : 's'}
        </span>
        .
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void signOut()}>
          Sign out
        </Button>
        <Button onClick={() => void get('/me').catch(() => undefined)} data-autofocus>
          Stay signed in
        </Button>
      </Group>
    </Modal>
  );
}
