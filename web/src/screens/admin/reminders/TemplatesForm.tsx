import { Button, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type FormEvent } from 'react';
import { ErrorAlert, fieldErrorOf, QueryError } from '../../../ui/errors.tsx';
import { Loading } from '../../../ui/Screen.tsx';
import { Section } from '../../../ui/Section.tsx';
import { usePreview, useSaveReminderSettings } from './api.ts';
import { bare, braced, placeholderWords } from './placeholders.ts';
import type { ReminderSettingsAnswer, Templates } from './types.ts';

type Field = keyof Templates;
type Target = HTMLInputElement | HTMLTextAreaElement;

const LIMITS: Record<Field, number> = { emailSubject: 200, emailBody: 2000, smsBody: 480 };

/**
 * The words of the reminders, with the placeholders Hearth fills in, a live preview with sample
 * values, and a way back to Hearth's own wording. Only the placeholders reach a message: never
 * a client's name, service or anything from their record.
 */
export function TemplatesForm({ answer }: { answer: ReminderSettingsAnswer }) {
  const { settings, defaults, placeholders } = answer;
  const save = useSaveReminderSettings();
  const [v, setV] = useState<Templates>(() => ({
    emailSubject: settings.emailSubject ?? defaults.emailSubject,
    emailBody: settings.emailBody ?? defaults.emailBody,
    smsBody: settings.smsBody ?? defaults.smsBody,
  }));
  const [saved, setSaved] = useState(false);
  const fields = useRef<Partial<Record<Field, Target | null>>>({});
  const [last, setLast] = useState<Field>('smsBody');
  const set = (k: Field, value: string) => {
    setSaved(false);
    setV((old) => ({ ...old, [k]: value }));
  };
  // The practice's own wording, or null where it is Hearth's (so later improvements reach it).
  const own = (k: Field) => (v[k] === defaults[k] ? null : v[k]);
  const changed = (['emailSubject', 'emailBody', 'smsBody'] as const).some(
    (k) => own(k) !== settings[k],
  );
  const insert = (name: string) => {
    const el = fields.current[last];
    const text = braced(name);
    const value = v[last];
    const from = el?.selectionStart ?? value.length;
    const to = el?.selectionEnd ?? value.length;
    set(last, value.slice(0, from) + text + value.slice(to));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(from + text.length, from + text.length);
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        ...settings,
        emailSubject: own('emailSubject'),
        emailBody: own('emailBody'),
        smsBody: own('smsBody'),
      },
      { onSuccess: () => setSaved(true) },
    );
  };
  const fieldError = fieldErrorOf(save.error, ['emailSubject', 'emailBody', 'smsBody']);
  const on = (f: Field) => (fieldError?.field === f ? fieldError.message : undefined);
  const bind = (k: Field) => ({
    value: v[k],
    onChange: (e: { currentTarget: Target }) => set(k, e.currentTarget.value),
    onFocus: () => setLast(k),
    ref: (el: Target | null) => {
      fields.current[k] = el;
    },
    maxLength: LIMITS[k],
    error: on(k),
  });
  const reset = (keys: Field[]) => {
    setSaved(false);
    setV((old) => ({ ...old, ...Object.fromEntries(keys.map((k) => [k, defaults[k]])) }));
  };
  return (
    <Section
      title="Wording"
      description="What clients read. Hearth fills in the parts in braces; nothing else from the client's record can reach a message."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Text size="sm" fw={500} id="placeholders-label">
              Insert where the cursor is
            </Text>
            <ul className="placeholder-chips" aria-labelledby="placeholders-label">
              {placeholders.map((p) => (
                <li key={p}>
                  <Button
                    size="compact-sm"
                    variant="light"
                    radius="xl"
                    onClick={() => insert(p)}
                    title={placeholderWords(bare(p))}
                    aria-label={`Insert ${braced(p)}: ${placeholderWords(bare(p))}`}
                  >
                    {braced(p)}
                  </Button>
                </li>
              ))}
            </ul>
            <Text size="xs" c="dimmed" mt={6}>
              {placeholders.map((p) => `${braced(p)} ${placeholderWords(bare(p))}`).join(' · ')}.
            </Text>
          </div>
          <div className="two-columns">
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  Email
                </Title>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => reset(['emailSubject', 'emailBody'])}
                  disabled={
                    v.emailSubject === defaults.emailSubject && v.emailBody === defaults.emailBody
                  }
                >
                  Reset to Hearth’s wording
                </Button>
              </Group>
              <TextInput label="Subject" required {...bind('emailSubject')} />
              <Textarea
                label="Message"
                required
                autosize
                minRows={5}
                maxRows={14}
                {...bind('emailBody')}
              />
            </Stack>
            <Stack gap="sm">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Title order={3} size="h5">
                  Text message
                </Title>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  onClick={() => reset(['smsBody'])}
                  disabled={v.smsBody === defaults.smsBody}
                >
                  Reset to Hearth’s wording
                </Button>
              </Group>
              <Textarea
                label="Message"
                description={`${v.smsBody.length} of ${LIMITS.smsBody} characters. A text that asks for an answer ends “Reply C to confirm, X to cancel.”`}
                required
                autosize
                minRows={4}
                maxRows={10}
                {...bind('smsBody')}
              />
            </Stack>
          </div>
          <PreviewPanel templates={v} />
          {!fieldError && <ErrorAlert error={save.error} />}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!changed}>
              Save wording
            </Button>
            {saved && (
              <span role="status" className="saved-note">
                Saved.
              </span>
            )}
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The messages as a client would get them, with sample values, a moment after each change. */
function PreviewPanel({ templates }: { templates: Templates }) {
  const [debounced] = useDebouncedValue(templates, 400);
  // A field being cleared to retype it is left out: the preview shows the rest meanwhile.
  const body = Object.fromEntries(Object.entries(debounced).filter(([, t]) => t.trim() !== ''));
  const preview = usePreview(body);
  return (
    <section aria-label="Preview" aria-busy={preview.isFetching}>
      <Title order={3} size="h5" mb={6}>
        Preview, with sample details
      </Title>
      {preview.isPending ? (
        <Loading />
      ) : preview.isError && !preview.data ? (
        <QueryError error={preview.error} refetch={preview.refetch} />
      ) : preview.data ? (
        <div className="two-columns">
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              Email
            </Text>
            <div className="message-preview">
              <Text size="sm" fw={600} mb={6}>
                {preview.data.email.subject}
              </Text>
              {preview.data.email.body}
            </div>
          </div>
          <div>
            <Text size="xs" c="dimmed" mb={4}>
              Text message ·{' '}
              {preview.data.sms.segments === 1
                ? 'sent as 1 text'
                : `sent as ${preview.data.sms.segments} texts`}
            </Text>
            <div className="message-preview sms-preview">{preview.data.sms.body}</div>
          </div>
        </div>
      ) : null}
      {preview.isError && preview.data && <ErrorAlert error={preview.error} />}
    </section>
  );
}
