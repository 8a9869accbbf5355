import { Anchor, Button, Checkbox, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, ApiError, get } from '../../api/http.ts';
import type { SignInAnswer } from '../../api/types.ts';
import { ME_KEY } from '../../session/session.tsx';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { ErrorAlert, fieldErrorOf, QueryError } from '../../ui/errors.tsx';
import { PasswordField, PasswordRules } from '../../ui/PasswordField.tsx';
import { SimpleMarkdown } from '../../ui/SimpleMarkdown.tsx';
import { browserTimeZone, TimeZoneSelect } from '../../ui/TimeZoneSelect.tsx';

const FIELDS = ['practiceName', 'name', 'email', 'password', 'timeZone', 'baa'] as const;
type Field = (typeof FIELDS)[number];

export function SignUp() {
  const baa = useQuery({
    queryKey: ['baa'],
    queryFn: () => get<{ version: string; text: string }>('/baa'),
    staleTime: Infinity,
  });
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({
    practiceName: '',
    name: '',
    email: '',
    password: '',
    timeZone: browserTimeZone(),
    signature: '',
  });
  const [accepted, setAccepted] = useState(false);
  const [missing, setMissing] = useState<Partial<Record<Field | 'signature', string>>>({});
  const set = (k: keyof typeof form) => (v: string) => {
    setForm((f) => ({ ...f, [k]: v }));
    setMissing((m) => ({ ...m, [k]: undefined }));
  };
  const signUp = useMutation({
    mutationFn: () =>
      api<SignInAnswer>('POST', '/signup', {
        practiceName: form.practiceName.trim(),
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        timeZone: form.timeZone,
        baa: { accepted: true, signature: form.signature.trim() },
      }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      await navigate(answer.enrollmentRequired ? '/enroll' : '/today', { replace: true });
    },
  });
  const serverField = fieldErrorOf(signUp.error, FIELDS);
  const policy =
    signUp.error instanceof ApiError && signUp.error.code === 'weak_password'
      ? signUp.error.message
      : undefined;
  const conflict =
    signUp.error instanceof ApiError && signUp.error.status === 409
      ? signUp.error.message
      : undefined;
  const errorOn = (f: Field | 'signature') =>
    missing[f] ??
    (serverField?.field === f ? serverField.message : undefined) ??
    (f === 'password' ? policy : f === 'email' ? conflict : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: typeof missing = {};
    if (!form.practiceName.trim()) m.practiceName = 'Enter the name of your practice.';
    if (!form.name.trim()) m.name = 'Enter your name.';
    if (!/^\S+@\S+\.\S+$/.test(form.email.trim()))
      m.email = 'Enter an email address like name@example.org.';
    if (!form.password) m.password = 'Choose a password.';
    if (!accepted) m.baa = 'Read and accept the agreement to continue.';
    if (!form.signature.trim()) m.signature = 'Type your full name to sign.';
    setMissing(m);
    if (Object.keys(m).length === 0) signUp.mutate();
  };
  const shownElsewhere = serverField || policy || conflict;
  return (
    <AuthPage
      title="Create your practice"
      intro="Set up Hearth for your practice. You will be its administrator and can invite your colleagues."
      wide
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to="/sign-in">
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Practice name"
            required
            value={form.practiceName}
            onChange={(e) => set('practiceName')(e.currentTarget.value)}
            error={errorOn('practiceName')}
            autoComplete="organization"
            autoFocus
          />
          <div className="two-columns">
            <TextInput
              label="Your name"
              required
              value={form.name}
              onChange={(e) => set('name')(e.currentTarget.value)}
              error={errorOn('name')}
              autoComplete="name"
            />
            <TextInput
              label="Email"
              type="email"
              required
              value={form.email}
              onChange={(e) => set('email')(e.currentTarget.value)}
              error={errorOn('email')}
              autoComplete="email"
            />
          </div>
          <PasswordField
            label="Password"
            required
            value={form.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errorOn('password')}
            autoComplete="new-password"
            aria-describedby="password-rules"
          />
          <PasswordRules
            password={form.password}
            personal={[form.email, form.name, form.practiceName]}
          />
          <TimeZoneSelect
            value={form.timeZone}
            onChange={set('timeZone')}
            description="Appointments and dates are shown in this zone."
            error={errorOn('timeZone')}
          />

          <Title order={2} size="h4" mt="sm">
            Business Associate Agreement
          </Title>
          <Text size="sm" c="dimmed">
            Hearth keeps protected health information for your practice. HIPAA requires an agreement
            between you and the provider of this software; please read it.
          </Text>
          {baa.isPending ? (
            <Loader size="sm" aria-label="Loading the agreement" />
          ) : baa.isError ? (
            <QueryError error={baa.error} refetch={baa.refetch} />
          ) : (
            <div
              className="baa-box"
              tabIndex={0}
              role="region"
              aria-label={`Business Associate Agreement, version ${baa.data.version}`}
            >
              <SimpleMarkdown source={baa.data.text} />
            </div>
          )}
          <Checkbox
            label="I have read the Business Associate Agreement and accept it on behalf of my practice"
            checked={accepted}
            onChange={(e) => {
              setAccepted(e.currentTarget.checked);
              setMissing((m) => ({ ...m, baa: undefined }));
            }}
            error={errorOn('baa')}
          />
          <TextInput
            label="Signature"
            description="Type your full name. It is recorded with the date, time and your network address."
            required
            value={form.signature}
            onChange={(e) => set('signature')(e.currentTarget.value)}
            error={errorOn('signature')}
          />
          {!shownElsewhere && <ErrorAlert error={signUp.error} onRetry={() => signUp.mutate()} />}
          <Button type="submit" loading={signUp.isPending} size="md">
            Sign and create my practice
          </Button>
        </Stack>
      </form>
    </AuthPage>
  );
}
