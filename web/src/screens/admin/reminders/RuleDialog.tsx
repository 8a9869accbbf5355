import {
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../../ui/errors.tsx';
import {
  CHANNEL_WORDS,
  describeRule,
  KIND_WORDS,
  MAX_OFFSET,
  MIN_OFFSET,
  splitOffset,
  UNIT_MINUTES,
  type OffsetUnit,
} from './rules.ts';
import type { AppointmentKind, Channel, Rule, RuleBody } from './types.ts';

const NEW_RULE: RuleBody = {
  offsetMinutes: 2880,
  channels: ['email'],
  kinds: ['in_person', 'telehealth'],
  askConfirmation: true,
  enabled: true,
};

const UNITS: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

/** Adding or changing one rule: when, how, for which sessions, and whether to ask for an answer. */
export function RuleDialog({
  rule,
  pending,
  error,
  onSave,
  onClose,
}: {
  /** null: a new rule. */
  rule: Rule | null;
  pending: boolean;
  error: unknown;
  onSave: (body: RuleBody) => void;
  onClose: () => void;
}) {
  const start = rule ?? NEW_RULE;
  const split = splitOffset(start.offsetMinutes);
  const [amount, setAmount] = useState<number | ''>(split.amount);
  const [unit, setUnit] = useState<OffsetUnit>(split.unit);
  const [channels, setChannels] = useState<Channel[]>(start.channels);
  const [kinds, setKinds] = useState<AppointmentKind[]>(start.kinds);
  const [askConfirmation, setAsk] = useState(start.askConfirmation);
  const [enabled, setEnabled] = useState(start.enabled);
  const minutes = amount === '' ? NaN : amount * UNIT_MINUTES[unit];
  const offsetProblem = Number.isNaN(minutes)
    ? 'Enter how long before the session.'
    : minutes < MIN_OFFSET
      ? 'At least 15 minutes before.'
      : minutes > MAX_OFFSET
        ? 'At most 30 days before.'
        : null;
  const problem =
    offsetProblem ??
    (channels.length === 0
      ? 'Choose email, text or both.'
      : kinds.length === 0
        ? 'Choose in-person sessions, video sessions or both.'
        : null);
  const body: RuleBody = { offsetMinutes: minutes, channels, kinds, askConfirmation, enabled };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!problem) onSave(body);
  };
  return (
    <Modal opened onClose={onClose} title={rule ? 'Change reminder' : 'New reminder'} centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <fieldset className="plain-fieldset">
            <legend className="field-legend">When</legend>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <NumberInput
                aria-label="How long before the session"
                min={1}
                // No clamping: a number typed before its unit is chosen (90, then minutes)
                // must not be cut to the old unit's limit; the message below says what fits.
                clampBehavior="none"
                allowDecimal={false}
                value={amount}
                onChange={(v) => setAmount(typeof v === 'number' ? v : '')}
                error={offsetProblem ?? undefined}
                w={110}
              />
              <Select
                aria-label="Unit"
                data={UNITS}
                value={unit}
                onChange={(v) => v && setUnit(v as OffsetUnit)}
                allowDeselect={false}
                w={120}
              />
              <Text size="sm" pt={8}>
                before the session
              </Text>
            </Group>
          </fieldset>
          <Checkbox.Group
            label="Send by"
            value={channels}
            onChange={(v) => setChannels(v as Channel[])}
            error={channels.length === 0 ? 'Choose email, text or both.' : undefined}
          >
            <Group gap="lg" mt={6}>
              {(['email', 'sms'] as const).map((c) => (
                <Checkbox key={c} value={c} label={CHANNEL_WORDS[c]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Text size="xs" c="dimmed" mt={-8}>
            Texts go only to clients who agreed to receive them (on their record).
          </Text>
          <Checkbox.Group
            label="For"
            value={kinds}
            onChange={(v) => setKinds(v as AppointmentKind[])}
            error={kinds.length === 0 ? 'Choose in person, video or both.' : undefined}
          >
            <Group gap="lg" mt={6}>
              {(['in_person', 'telehealth'] as const).map((k) => (
                <Checkbox key={k} value={k} label={`${KIND_WORDS[k]} sessions`} />
              ))}
            </Group>
          </Checkbox.Group>
          <Switch
            label="Ask the client to confirm or cancel"
            description="The text asks for a reply (C or X); the email has a link."
            checked={askConfirmation}
            onChange={(e) => setAsk(e.currentTarget.checked)}
          />
          <Switch
            label="On"
            description="A reminder that is off sends nothing until it is turned on again."
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          {!problem && (
            <Text size="sm" c="dimmed" role="status">
              {describeRule(body)}
            </Text>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={problem !== null}>
              {rule ? 'Save reminder' : 'Add reminder'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
