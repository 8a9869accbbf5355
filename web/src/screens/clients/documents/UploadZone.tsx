import { Button, CloseButton, Group, Progress, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type DragEvent } from 'react';
import { ErrorAlert } from '../../../ui/errors.tsx';
import { ACCEPT, documentsKey, fileSize } from './documents.ts';
import { uploadDocument } from './upload.ts';

interface Upload {
  id: number;
  name: string;
  size: number;
  progress: number;
  state: 'sending' | 'storing' | 'done' | 'failed';
  error?: unknown;
  abort: AbortController;
}

let nextId = 1;

/** Drop files here or choose them; each uploads with its own progress bar. */
export function UploadZone({ clientId }: { clientId: string }) {
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (id: number, patch: Partial<Upload>) =>
    setUploads((all) => all.map((u) => (u.id === id ? { ...u, ...patch } : u)));

  const send = async (files: File[]) => {
    const queued = files.map((f) => ({
      id: nextId++,
      name: f.name,
      size: f.size,
      progress: 0,
      state: 'sending' as const,
      abort: new AbortController(),
      file: f,
    }));
    setUploads((all) => [...all.filter((u) => u.state !== 'done'), ...queued]);
    // One at a time: the machine encrypts each as it arrives.
    for (const u of queued) {
      try {
        await uploadDocument(
          clientId,
          u.file,
          (p) => update(u.id, { progress: p, state: p >= 1 ? 'storing' : 'sending' }),
          u.abort.signal,
        );
        update(u.id, { progress: 1, state: 'done' });
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') {
          setUploads((all) => all.filter((x) => x.id !== u.id));
        } else update(u.id, { state: 'failed', error });
      }
      // Through the fetch wrapper: the list, and the session's activity (or its end).
      await queryClient.invalidateQueries({ queryKey: documentsKey(clientId) });
    }
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const files = [...e.dataTransfer.files];
    if (files.length) void send(files);
  };
  return (
    <Stack gap="sm">
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
        data-testid="drop-zone"
      >
        <Text size="sm">Drop files here, or</Text>
        <Button variant="default" onClick={() => input.current?.click()}>
          Choose files…
        </Button>
        <Text size="xs" c="dimmed">
          PDF, PNG, JPEG, HEIC, Word (.docx) or plain text. Each file is encrypted as it is stored.
        </Text>
        <input
          ref={input}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          aria-label="Files to upload"
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            e.currentTarget.value = '';
            if (files.length) void send(files);
          }}
        />
      </div>
      {uploads.map((u) => (
        <div key={u.id} aria-label={`Upload of ${u.name}`} role="group">
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate="end">
              {u.name}{' '}
              <Text span size="xs" c="dimmed">
                ({fileSize(u.size)})
              </Text>
            </Text>
            <Group gap={4} wrap="nowrap">
              <Text size="xs" c={u.state === 'failed' ? 'red.9' : 'dimmed'} role="status">
                {u.state === 'sending'
                  ? `Uploading… ${Math.round(u.progress * 100)}%`
                  : u.state === 'storing'
                    ? 'Encrypting and storing…'
                    : u.state === 'done'
                      ? 'Uploaded'
                      : 'Not uploaded'}
              </Text>
              {(u.state === 'sending' || u.state === 'failed' || u.state === 'done') && (
                <CloseButton
                  size="sm"
                  aria-label={
                    u.state === 'sending' ? `Cancel the upload of ${u.name}` : `Dismiss ${u.name}`
                  }
                  onClick={() =>
                    u.state === 'sending'
                      ? u.abort.abort()
                      : setUploads((all) => all.filter((x) => x.id !== u.id))
                  }
                />
              )}
            </Group>
          </Group>
          {u.state !== 'failed' && (
            <Progress
              value={u.progress * 100}
              animated={u.state === 'storing'}
              size="sm"
              aria-label={`Upload progress of ${u.name}`}
              mt={4}
            />
          )}
          {u.state === 'failed' && (
            <ErrorAlert error={u.error} title={`${u.name} was not uploaded`} />
          )}
        </div>
      ))}
    </Stack>
  );
}
