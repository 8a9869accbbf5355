import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { PasskeySetup } from './PasskeySetup.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { SmsSetup } from './SmsSetup.tsx';
import { TotpSetup } from './TotpSetup.tsx';

export type Method = 'totp' | 'passkey' | 'sms';

const METHODS: { id: Method; title: string; text: string; recommended?: boolean }[] = [
  {
    id: 'totp',
    title: 'Authenticator app',
    text: 'A 6-digit code from an app on your phone. Works without signal.',
    recommended: true,
  },
  {
    id: 'passkey',
    title: 'Passkey',
    text: 'Your fingerprint, face or PIN on this device, or a security key.',
  },
  { id: 'sms', title: 'Text message', text: 'A code sent to your mobile phone by SMS.' },
];

/**
 * Adding a second factor, start to end: choose a method, set it up, see the recovery codes
 * (when the server issued new ones). Used by enrolment at sign-in and by My account.
 */
export function SetupFlow({
  onDone,
  onCancel,
  exclude = [],
}: {
  onDone: () => void;
  onCancel?: () => void;
  exclude?: Method[];
}) {
  const [method, setMethod] = useState<Method | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const finished = (recoveryCodes: string[]) => {
    if (recoveryCodes.length > 0) setCodes(recoveryCodes);
    else onDone();
  };
  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} />;
  if (method) {
    const Setup = { totp: TotpSetup, passkey: PasskeySetup, sms: SmsSetup }[method];
    return (
      <Stack gap="md">
        <Setup onDone={finished} />
        <Button variant="subtle" onClick={() => setMethod(null)}>
          Choose another method
        </Button>
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {METHODS.filter((m) => !exclude.includes(m.id)).map((m) => (
        <Card key={m.id} withBorder padding="md" radius="md">
          <Group justify="space-between" wrap="nowrap" gap="md">
            <div>
              <Group gap="xs">
                <Text fw={600}>{m.title}</Text>
                {m.recommended && (
                  <Badge color="teal" variant="light" size="sm">
                    Recommended
                  </Badge>
                )}
              </Group>
              <Text size="sm" c="dimmed">
                {m.text}
              </Text>
            </div>
            <Button
              className="no-shrink"
              variant={m.recommended ? 'filled' : 'default'}
              onClick={() => setMethod(m.id)}
              aria-label={`Set up ${m.title}`}
            >
              Set up
            </Button>
          </Group>
        </Card>
      ))}
      {onCancel && (
        <Button variant="subtle" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </Stack>
  );
}
