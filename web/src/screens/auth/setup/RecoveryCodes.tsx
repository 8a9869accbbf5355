import { Alert, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/**
 * Recovery codes, shown once: the server keeps only their hashes. Copy or download, then a
 * deliberate "I saved them" before moving on.
 */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const text = `Hearth recovery codes\nEach works once, if you cannot use your usual second factor.\n\n${codes.join('\n')}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const downloadCodes = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'hearth-recovery-codes.txt';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Stack gap="md">
      <Alert color="teal" title="Save your recovery codes" variant="light">
        If you lose your phone or security key, each of these codes lets you sign in once. This is
        the only time Hearth shows them.
      </Alert>
      <ul className="recovery-codes" aria-label="Recovery codes" data-testid="recovery-codes">
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <Group gap="sm">
        <Button variant="default" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="default" onClick={downloadCodes}>
          Download
        </Button>
      </Group>
      <Checkbox
        label="I saved these codes somewhere safe"
        checked={saved}
        onChange={(e) => setSaved(e.currentTarget.checked)}
      />
      <Button onClick={onDone} disabled={!saved}>
        Continue
      </Button>
      <Text size="xs" c="dimmed">
        Keep them apart from your password, for example printed in a locked drawer or in a password
        manager.
      </Text>
    </Stack>
  );
}
