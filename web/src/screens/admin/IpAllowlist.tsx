import { ActionIcon, Alert, Button, Code, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { PracticeSettings } from '../../api/types.ts';
import { ErrorAlert } from '../../ui/errors.tsx';
import { Section } from '../../ui/Section.tsx';
import { useSavePractice } from './save-practice.ts';

/**
 * Where staff may sign in from. The address of this browser is shown, and "Add my address" adds
 * it in one click; the server refuses a list that would lock out the admin saving it.
 */
export function IpAllowlist({ settings }: { settings: PracticeSettings }) {
  const save = useSavePractice();
  const [entries, setEntries] = useState(settings.ipAllowlist);
  const [draft, setDraft] = useState('');
  const [saved, setSaved] = useState(false);
  const dirty = entries.join('\n') !== settings.ipAllowlist.join('\n');
  const mine = settings.currentAddress;
  const add = (value: string) => {
    const v = value.trim();
    if (v && !entries.includes(v)) setEntries((e) => [...e, v]);
    setSaved(false);
  };
  const submitDraft = (e: FormEvent) => {
    e.preventDefault();
    add(draft);
    setDraft('');
  };
  return (
    <Section
      title="IP allowlist"
      description="Limit sign-in to your office network. Leave it empty to allow any address."
    >
      <Text size="sm">
        Your current address: <Code data-testid="current-address">{mine}</Code>
      </Text>
      {entries.length === 0 ? (
        <Alert color="gray" variant="light">
          Any address may sign in.
        </Alert>
      ) : (
        <ul className="allowlist" aria-label="Allowed addresses">
          {entries.map((entry) => (
            <li key={entry}>
              <Code>{entry}</Code>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove ${entry}`}
                onClick={() => {
                  setEntries((e) => e.filter((x) => x !== entry));
                  setSaved(false);
                }}
              >
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submitDraft} noValidate>
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Address or range"
            placeholder="203.0.113.0/24"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            w={260}
          />
          <Button type="submit" variant="default" disabled={!draft.trim()}>
            Add
          </Button>
          <Button variant="light" onClick={() => add(mine)} disabled={entries.includes(mine)}>
            Add my address ({mine})
          </Button>
        </Group>
      </form>
      <Stack gap="xs">
        <ErrorAlert error={save.error} />
        <Group>
          <Button
            onClick={() =>
              save.mutate(
                { ipAllowlist: entries },
                {
                  // The server keeps ranges in canonical form (127.0.0.1 → 127.0.0.1/32).
                  onSuccess: (next) => {
                    setEntries(next.ipAllowlist);
                    setSaved(true);
                  },
                },
              )
            }
            loading={save.isPending}
            disabled={!dirty}
          >
            Save allowlist
          </Button>
          {saved && !dirty && (
            <span role="status" className="saved-note">
              Allowlist saved.
            </span>
          )}
        </Group>
      </Stack>
    </Section>
  );
}
