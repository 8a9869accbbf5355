import { TextInput } from '@mantine/core';

/** A one-time code field: digits on phones, filled in by the OS from an SMS where it can. */
export function CodeInput({
  label,
  value,
  onChange,
  error,
  description,
  recovery,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  description?: string;
  recovery?: boolean;
}) {
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      required
      autoFocus
      autoComplete={recovery ? 'off' : 'one-time-code'}
      inputMode={recovery ? 'text' : 'numeric'}
      maxLength={32}
      spellCheck={false}
      styles={{
        input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.1em' },
      }}
    />
  );
}
