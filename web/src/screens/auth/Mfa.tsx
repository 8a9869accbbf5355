import { Anchor, Button, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/http.ts';
import { ME_KEY, useMeQuery } from '../../session/session.tsx';
import { safeNext } from '../../session/next.ts';
import { useSignOut } from '../../session/sign-out.ts';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { ErrorAlert } from '../../ui/errors.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { CodeInput } from './setup/CodeInput.tsx';
import { passkeyError } from './setup/passkey-error.ts';

type Way = 'totp' | 'passkey' | 'sms' | 'recovery';
const LABELS: Record<Way, string> = {
  totp: 'Authenticator app',
  passkey: 'Passkey',
  sms: 'Text message',
  recovery: 'Recovery code',
};

/** The second step of sign-in, with whichever factors this user has, and a recovery code. */
export function Mfa() {
  const me = useMeQuery();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  const [chosen, setChosen] = useState<Way | null>(null);
  const [code, setCode] = useState('');
  const finish = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    await navigate(safeNext(params.get('next')), { replace: true });
  };
  const verify = useMutation({
    mutationFn: () => api('POST', '/session/mfa', { code: code.replace(/\s/g, '') }),
    onSuccess: finish,
  });
  const sendSms = useMutation({ mutationFn: () => api('POST', '/session/mfa/sms') });
  const passkey = useMutation({
    mutationFn: async () => {
      const { startAuthentication } = await import('@simplewebauthn/browser');
      const optionsJSON = await api<Parameters<typeof startAuthentication>[0]['optionsJSON']>(
        'POST',
        '/session/mfa/passkey/options',
      );
      const credential = await startAuthentication({ optionsJSON }).catch((err: unknown) => {
        throw passkeyError(err);
      });
      return api('POST', '/session/mfa/passkey', { credential });
    },
    onSuccess: finish,
  });

  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  if (!me.data.session.mfaPending) return <Navigate to={safeNext(params.get('next'))} replace />;
  const ways: Way[] = [
    ...(me.data.mfa.totp ? (['totp'] as const) : []),
    ...(me.data.mfa.passkey ? (['passkey'] as const) : []),
    ...(me.data.mfa.sms ? (['sms'] as const) : []),
    'recovery',
  ];
  const way = chosen ?? ways[0]!;
  const pick = (w: string) => {
    setChosen(w as Way);
    setCode('');
    verify.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate();
  };
  const codeForm = (label: string, description?: string) => (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <CodeInput
          label={label}
          value={code}
          onChange={setCode}
          recovery={way === 'recovery'}
          {...(description ? { description } : {})}
        />
        <ErrorAlert error={verify.error} onRetry={() => verify.mutate()} />
        <Button
          type="submit"
          loading={verify.isPending}
          disabled={code.replace(/\s/g, '').length < 6}
          fullWidth
        >
          Continue
        </Button>
      </Stack>
    </form>
  );
  return (
    <AuthPage
      title="Confirm it’s you"
      intro="One more step to keep your clients’ records safe."
      footer={
        <Anchor component="button" type="button" onClick={() => void signOut()}>
          Sign in as someone else
        </Anchor>
      }
    >
      {ways.length > 1 && (
        <SegmentedControl
          fullWidth
          value={way}
          onChange={pick}
          data={ways.map((w) => ({ value: w, label: LABELS[w] }))}
          aria-label="How to confirm"
        />
      )}
      {way === 'totp' && codeForm('6-digit code from your authenticator app')}
      {way === 'recovery' &&
        codeForm(
          'Recovery code',
          'One of the codes you saved when you set up your second factor. Each works once.',
        )}
      {way === 'sms' &&
        (sendSms.isSuccess ? (
          <>
            <Text size="sm">We sent a code to your phone. It works for 5 minutes.</Text>
            {codeForm('Code from the text message')}
            <Anchor component="button" type="button" size="sm" onClick={() => sendSms.mutate()}>
              Send another code
            </Anchor>
          </>
        ) : (
          <Stack gap="md">
            <Text>We will text a code to the phone you set up.</Text>
            <ErrorAlert error={sendSms.error} onRetry={() => sendSms.mutate()} />
            <Button onClick={() => sendSms.mutate()} loading={sendSms.isPending} fullWidth>
              Text me a code
            </Button>
          </Stack>
        ))}
      {way === 'passkey' && (
        <Stack gap="md">
          <Text>Use the passkey on this device, your phone, or your security key.</Text>
          <ErrorAlert error={passkey.error} />
          <Button onClick={() => passkey.mutate()} loading={passkey.isPending} fullWidth>
            Use my passkey
          </Button>
        </Stack>
      )}
    </AuthPage>
  );
}
