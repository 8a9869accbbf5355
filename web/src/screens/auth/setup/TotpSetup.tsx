import { Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../../api/http.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { CodeInput } from './CodeInput.tsx';
import { useReauthenticated } from './reauthentication.tsx';

interface Start {
  secret: string;
  uri: string;
  qrCode: string;
}

const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/** Authenticator app: scan the QR code (or type the key), then confirm with a code. */
export function TotpSetup({ onDone }: { onDone: (recoveryCodes: string[]) => void }) {
  const reauthenticated = useReauthenticated();
  const start = useMutation({
    mutationFn: () => reauthenticated(() => api<Start>('POST', '/mfa/totp')),
  });
  const [code, setCode] = useState('');
  const confirm = useMutation({
    mutationFn: () =>
      reauthenticated(() =>
        api<{ recoveryCodes: string[] }>('POST', '/mfa/totp/confirm', {
          code: code.replace(/\s/g, ''),
        }),
      ),
    onSuccess: (answer) => onDone(answer.recoveryCodes),
  });
  const { mutate } = start;
  useEffect(() => mutate(), [mutate]);

  if (start.isPending || start.isIdle) return <Loader size="sm" aria-label="Preparing…" />;
  if (start.isError) return <ErrorAlert error={start.error} onRetry={() => start.mutate()} />;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          1. Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator,
          1Password…) and scan this code.
        </Text>
        <Group align="flex-start" gap="lg">
          <img
            className="qr-code"
            src={start.data.qrCode}
            alt="QR code for your authenticator app"
          />
          <Stack gap={4} maw={260}>
            <Text size="sm" c="dimmed">
              Can’t scan? Enter this key in the app instead:
            </Text>
            <Code className="secret-key" data-testid="totp-secret" data-secret={start.data.secret}>
              {grouped(start.data.secret)}
            </Code>
          </Stack>
        </Group>
        <Text>2. Enter the 6-digit code the app shows.</Text>
        <CodeInput label="Code from the app" value={code} onChange={setCode} />
        {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
        <Button
          type="submit"
          loading={confirm.isPending}
          disabled={code.replace(/\s/g, '').length < 6}
        >
          Turn on
        </Button>
      </Stack>
    </form>
  );
}
