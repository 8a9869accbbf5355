import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../../api/http.ts';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { passkeyError } from './passkey-error.ts';
import { useReauthenticated } from './reauthentication.tsx';

/** A passkey: this device's screen lock, a phone, or a security key (WebAuthn). */
export function PasskeySetup({ onDone }: { onDone: (recoveryCodes: string[]) => void }) {
  const [name, setName] = useState('');
  const reauthenticated = useReauthenticated();
  const register = useMutation({
    mutationFn: async () => {
      const { startRegistration } = await import('@simplewebauthn/browser');
      const optionsJSON = await reauthenticated(() =>
        api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
          'POST',
          '/mfa/passkeys/options',
        ),
      );
      const credential = await startRegistration({ optionsJSON }).catch((err: unknown) => {
        throw passkeyError(err);
      });
      // The challenge waits on the server while the password is asked (a refusal spends nothing).
      return reauthenticated(() =>
        api<{ recoveryCodes: string[] }>('POST', '/mfa/passkeys', {
          credential,
          ...(name.trim() ? { name: name.trim() } : {}),
        }),
      );
    },
    onSuccess: (answer) => onDone(answer.recoveryCodes),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    register.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>
          Your browser will ask you to confirm with this device’s screen lock (fingerprint, face or
          PIN), your phone, or a security key.
        </Text>
        <TextInput
          label="Name for this passkey (optional)"
          placeholder="e.g. Office laptop"
          value={name}
          maxLength={60}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <ErrorAlert error={register.error} />
        <Button type="submit" loading={register.isPending}>
          Create a passkey
        </Button>
      </Stack>
    </form>
  );
}
