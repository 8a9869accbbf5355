import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useAddAddendum } from '../../clinical/notes.ts';
import { signerText, useStaffNames } from '../../clinical/staff.ts';
import type { Note } from '../../clinical/types.ts';
import { useTimeZone } from '../../session/time-zone.ts';
import { ErrorAlert } from '../../ui/errors.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { EmptyState, Section } from '../../ui/Section.tsx';
import { ShortHash } from './Signatures.tsx';

/** Addenda of a signed note: each signed by its writer as it is added; the note is unchanged. */
export function Addenda({ note, canAdd }: { note: Note; canAdd: boolean }) {
  const nameOf = useStaffNames();
  const timeZone = useTimeZone();
  const [writing, setWriting] = useState(false);
  const [text, setText] = useState('');
  const add = useAddAddendum(note.id);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim())
      add.mutate(text.trim(), {
        onSuccess: () => {
          setText('');
          setWriting(false);
        },
      });
  };
  return (
    <Section
      title="Addenda"
      description="Later additions to the signed note, each signed as it is added."
    >
      {note.addenda.length === 0 && !writing && <EmptyState>No addenda.</EmptyState>}
      <Stack gap="sm">
        {note.addenda.map((a) => (
          <div key={a.id} className="signature-block">
            <Text size="sm" className="pre-wrap">
              {a.text}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              Signed by{' '}
              {signerText(
                a.signature.name ?? nameOf(a.signature.signedBy),
                a.signature.credentials,
              )}
              , {formatDateTime(a.signature.signedAt, timeZone)} ·{' '}
              <ShortHash sha256={a.signature.sha256} />
            </Text>
          </div>
        ))}
      </Stack>
      {canAdd && !writing && (
        <div>
          <Button size="xs" variant="default" onClick={() => setWriting(true)}>
            Add addendum
          </Button>
        </div>
      )}
      {writing && (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Textarea
              label="Addendum"
              description="It is signed with your name and credentials when you add it, and cannot be changed afterwards."
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              autosize
              minRows={3}
              required
              autoFocus
            />
            <ErrorAlert error={add.error} />
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => {
                  add.reset();
                  setWriting(false);
                }}
              >
                Cancel
              </Button>
              <Button type="submit" disabled={!text.trim()} loading={add.isPending}>
                Sign and add
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}
