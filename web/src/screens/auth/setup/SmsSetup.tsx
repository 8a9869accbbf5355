import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../../api/http.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { CodeInput } from './CodeInput.tsx';
import { useReauthenticated } from './reauthentication.tsx';

/** Text messages: a phone number, then the code sent to it. */
export function SmsSetup({ onDone }: { onDone: (recoveryCodes: string[]) => void }) {
  const [phone, setPhone] = useState('');
  // What is texted: the number without the spaces, brackets and dashes people type.
  const dialled = phone.replace(/[\s().-]/g, '');
  const [code, setCode] = useState('');
  const reauthenticated = useReauthenticated();
  const send = useMutation({
    mutationFn: () => reauthenticated(() => api('POST', '/mfa/sms', { phone: dialled })),
  });
  const confirm = useMutation({
    mutationFn: () =>
      reauthenticated(() =>
        api<{ recoveryCodes: string[] }>('POST', '/mfa/sms/confirm', {
          code: code.replace(/\s/g, ''),
        }),
      ),
    onSuccess: (answer) => onDone(answer.recoveryCodes),
  });
  const submitPhone = (e: FormEvent) => {
    e.preventDefault();
    send.mutate();
  };
  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate();
  };
  if (!send.isSuccess) {
    return (
      <form onSubmit={submitPhone} noValidate>
        <Stack gap="md">
          <TextInput
            label="Mobile phone number"
            description="In international form, starting with + and the country code, e.g. +1 415 555 0134."
            type="tel"
            autoComplete="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            required
            autoFocus
          />
          <ErrorAlert error={send.error} onRetry={() => send.mutate()} />
          <Button type="submit" loading={send.isPending} disabled={!phone}>
            Text me a code
          </Button>
        </Stack>
      </form>
    );
  }
  return (
    <form onSubmit={submitCode} noValidate>
      <Stack gap="md">
        <Text>We sent a code to {dialled}. It works for 5 minutes.</Text>
        <CodeInput label="Code from the text message" value={code} onChange={setCode} />
        <ErrorAlert error={confirm.error} />
        <Button type="submit" loading={confirm.isPending} disabled={code.length < 6}>
          Confirm
        </Button>
        <Button variant="subtle" onClick={() => send.reset()}>
          Use another number
        </Button>
      </Stack>
    </form>
  );
}
