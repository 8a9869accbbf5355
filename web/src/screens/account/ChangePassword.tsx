import { Alert, Button, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/http.ts';
import { useSession } from '../../session/session.tsx';
import { ErrorAlert } from '../../ui/errors.tsx';
import { PasswordField, PasswordRules } from '../../ui/PasswordField.tsx';
import { Section } from '../../ui/Section.tsx';

export function ChangePassword() {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation({
    mutationFn: () =>
      api<{ message: string }>('POST', '/me/password', {
        currentPassword: current,
        newPassword: next,
      }),
    onSuccess: async () => {
      setCurrent('');
      setNext('');
      setAgain('');
      await queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const code = change.error instanceof ApiError ? change.error.code : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMismatch(next !== again);
    if (next === again) change.mutate();
  };
  return (
    <Section title="Password" description="Changing it signs you out on every other device.">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" maw={420}>
          <PasswordField
            label="Current password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => {
              setCurrent(e.currentTarget.value);
              change.reset();
            }}
            error={code === 'invalid_credentials' ? change.error?.message : undefined}
            required
          />
          <PasswordField
            label="New password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => {
              setNext(e.currentTarget.value);
              change.reset();
            }}
            error={code === 'weak_password' ? change.error?.message : undefined}
            aria-describedby="password-rules"
            required
          />
          <PasswordRules
            password={next}
            personal={[me.user.email, me.user.name, me.practice.name]}
          />
          <PasswordField
            label="New password again"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
            error={mismatch ? 'The two new passwords are not the same.' : undefined}
            required
          />
          {code !== 'invalid_credentials' && code !== 'weak_password' && (
            <ErrorAlert error={change.error} />
          )}
          {change.isSuccess && (
            <Alert color="teal" variant="light" role="status">
              {change.data.message}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={change.isPending} disabled={!current || !next || !again}>
              Change password
            </Button>
          </div>
        </Stack>
      </form>
    </Section>
  );
}
