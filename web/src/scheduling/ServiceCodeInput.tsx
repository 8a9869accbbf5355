import { Autocomplete, Text } from '@mantine/core';

/** Common psychotherapy CPT codes; any other 5-character CPT or HCPCS code can be typed. */
export const SERVICE_CODES: { code: string; label: string }[] = [
  { code: '90791', label: 'Diagnostic evaluation (intake)' },
  { code: '90832', label: 'Psychotherapy, 30 minutes' },
  { code: '90834', label: 'Psychotherapy, 45 minutes' },
  { code: '90837', label: 'Psychotherapy, 60 minutes' },
  { code: '90846', label: 'Family therapy, without the client' },
  { code: '90847', label: 'Family therapy, with the client' },
  { code: '90853', label: 'Group psychotherapy' },
];

const LABELS = new Map(SERVICE_CODES.map((s) => [s.code, s.label]));

/** The code a person typed, in capitals, without spaces. */
export const normalCode = (code: string) => code.trim().toUpperCase();

export function checkServiceCode(code: string): string | undefined {
  return /^[A-Z0-9]{5}$/.test(normalCode(code))
    ? undefined
    : 'A service code is 5 letters or digits, like 90834.';
}

/** The usual code for a session of this length, as practices bill it. */
export function codeForMinutes(minutes: number): string {
  if (minutes < 38) return '90832';
  if (minutes < 53) return '90834';
  return '90837';
}

export function ServiceCodeInput({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const known = LABELS.get(normalCode(value));
  return (
    <Autocomplete
      label="Service code"
      description={known ?? 'CPT or HCPCS code'}
      required
      maxLength={5}
      data={SERVICE_CODES.map((s) => s.code)}
      value={value}
      onChange={onChange}
      renderOption={({ option }) => (
        <div>
          <Text size="sm" fw={600} span>
            {option.value}
          </Text>{' '}
          <Text size="sm" c="dimmed" span>
            {LABELS.get(option.value)}
          </Text>
        </div>
      )}
      filter={({ options }) => options}
      error={error}
    />
  );
}
