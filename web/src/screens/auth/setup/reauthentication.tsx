import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useRef,
  useState,
  type FormEvent,
  type ReactNode,
} from 'react';
import { api, ApiError } from '../../../api/http.ts';
import { ErrorAlert, UserError } from '../../../ui/errors.tsx';
import { PasswordField } from '../../../ui/PasswordField.tsx';

/** Runs a set-up call; if the server asks for the password again, asks for it, then retries. */
type Guard = <T>(call: () => Promise<T>) => Promise<T>;

// Outside the provider (enrolment at sign-in, where the server never asks): the call as it is.
const GuardContext = createContext<Guard>((call) => call());

export function useReauthenticated(): Guard {
  return useContext(GuardContext);
}

const NOT_CONFIRMED = 'Your password was not confirmed, so nothing was changed.';

/**
 * Adding or replacing a sign-in method on a full session needs the password typed within the
 * last 5 minutes (the server answers 403 `reauthentication_required` otherwise). Set-up calls
 * made inside this provider ask for it in a dialog and carry on. `stackId` places the dialog
 * in the surrounding Modal.Stack, above the set-up dialog.
 */
export function ReauthenticationProvider({
  children,
  stackId,
}: {
  children: ReactNode;
  stackId?: string;
}) {
  const waiting = useRef<{ resolve: () => void; reject: (err: unknown) => void } | null>(null);
  const [opened, setOpened] = useState(false);
  const [password, setPassword] = useState('');
  const confirm = useMutation({
    mutationFn: () => api('POST', '/session/reauthenticate', { password }),
    onSuccess: () => finish(true),
  });
  const finish = (ok: boolean) => {
    const w = waiting.current;
    waiting.current = null;
    setOpened(false);
    setPassword('');
    confirm.reset();
    if (ok) w?.resolve();
    else w?.reject(new UserError(NOT_CONFIRMED));
  };
  const guard = useCallback<Guard>(async (call) => {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'reauthentication_required')) throw err;
      await new Promise<void>((resolve, reject) => {
        waiting.current = { resolve, reject };
        setOpened(true);
      });
      return call();
    }
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  const wrong = confirm.error instanceof ApiError && confirm.error.code === 'invalid_credentials';
  return (
    <GuardContext.Provider value={guard}>
      {children}
      <Modal
        opened={opened}
        onClose={() => finish(false)}
        title="Confirm your password"
        stackId={stackId}
        centered
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">
              Hearth asks for your password again before a sign-in method is added or replaced.
            </Text>
            <PasswordField
              label="Password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={wrong ? confirm.error?.message : undefined}
              required
              data-autofocus
            />
            {!wrong && <ErrorAlert error={confirm.error} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => finish(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={confirm.isPending} disabled={!password}>
                Confirm
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </GuardContext.Provider>
  );
}
