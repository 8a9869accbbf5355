import { Button, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../ui/errors.tsx';
import { PasswordField, PasswordRules } from '../../ui/PasswordField.tsx';
import { ApiError } from '../../api/http.ts';

/** Choose a password, twice, with the rules shown as one types. */
export function NewPasswordForm({
  submitLabel,
  pending,
  error,
  onSubmit,
  personal,
}: {
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  personal?: (string | undefined)[];
}) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [touched, setTouched] = useState(false);
  const mismatch =
    touched && confirm !== password ? 'The two passwords are not the same.' : undefined;
  // The server's verdict on the password itself belongs on the password field.
  const policy =
    error instanceof ApiError && error.code === 'weak_password' ? error.message : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (confirm === password) onSubmit(password);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <PasswordField
          label="New password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={policy}
          aria-describedby="password-rules"
          autoFocus
        />
        <PasswordRules password={password} personal={personal ?? []} />
        <PasswordField
          label="Type it again"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          onBlur={() => setTouched(true)}
          error={mismatch}
        />
        {!policy && <ErrorAlert error={error} />}
        <Button type="submit" loading={pending} disabled={!password || !confirm} fullWidth>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
