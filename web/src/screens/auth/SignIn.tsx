import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/http.ts';
import type { SignInAnswer } from '../../api/types.ts';
import { isLeaving, ME_KEY, useMeQuery } from '../../session/session.tsx';
import { safeNext } from '../../session/next.ts';
import { pendingStep } from '../../session/RequireSession.tsx';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { ErrorAlert, fieldErrorOf } from '../../ui/errors.tsx';
import { PasswordField } from '../../ui/PasswordField.tsx';

export function SignIn() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMeQuery();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const signIn = useMutation({
    mutationFn: () => api<SignInAnswer>('POST', '/session', { email: email.trim(), password }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      const suffix = next === '/today' ? '' : `?next=${encodeURIComponent(next)}`;
      if (answer.enrollmentRequired) await navigate(`/enroll${suffix}`);
      else if (answer.mfaRequired) await navigate(`/sign-in/mfa${suffix}`);
      else await navigate(next);
    },
  });
  // Already signed in (a bookmark, the back button): straight on.
  if (me.data && !isLeaving() && !signIn.isPending && !signIn.isSuccess) {
    return <Navigate to={me.data.session.mfaPending ? pendingStep(me.data) : next} replace />;
  }
  const emailError = fieldErrorOf(signIn.error, ['email']);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m = {
      ...(email.trim() ? {} : { email: 'Enter the email you sign in with.' }),
      ...(password ? {} : { password: 'Enter your password.' }),
    };
    setMissing(m);
    if (!m.email && !m.password) signIn.mutate();
  };
  return (
    <AuthPage
      title="Sign in"
      intro="Welcome back. Sign in to your practice."
      footer={
        <>
          New practice?{' '}
          <Anchor component={Link} to="/sign-up">
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={missing.email ?? emailError?.message}
            data-autofocus
            autoFocus
          />
          <PasswordField
            label="Password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={missing.password}
          />
          {!emailError && <ErrorAlert error={signIn.error} onRetry={() => signIn.mutate()} />}
          <Button type="submit" loading={signIn.isPending} fullWidth>
            Sign in
          </Button>
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
            Forgot your password?
          </Anchor>
        </Stack>
      </form>
    </AuthPage>
  );
}
