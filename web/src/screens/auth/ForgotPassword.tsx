import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/http.ts';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { ErrorAlert, fieldErrorOf } from '../../ui/errors.tsx';

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: () => api<{ message: string }>('POST', '/password-reset', { email: email.trim() }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate();
  };
  const emailError = fieldErrorOf(request.error, ['email']);
  return (
    <AuthPage
      title="Forgot your password?"
      intro="Enter the email you sign in with and we will send you a link to choose a new password."
      footer={
        <Anchor component={Link} to="/sign-in">
          Back to sign in
        </Anchor>
      }
    >
      {request.isSuccess ? (
        <Alert color="teal" title="Check your email" role="status">
          {request.data.message}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={emailError?.message}
              autoFocus
            />
            {!emailError && <ErrorAlert error={request.error} onRetry={() => request.mutate()} />}
            <Button type="submit" loading={request.isPending} disabled={!email} fullWidth>
              Email me a link
            </Button>
          </Stack>
        </form>
      )}
    </AuthPage>
  );
}
