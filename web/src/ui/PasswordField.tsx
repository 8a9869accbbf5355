import { List, PasswordInput, Text, type PasswordInputProps } from '@mantine/core';

export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the password' }}
      {...props}
    />
  );
}

const MIN = 15;
const MAX = 128;
const squash = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');

/**
 * The server's password rules (auth/password-policy.ts), checked as the person types where the
 * browser can; whether it is common or guessable is checked by the server on submit, and its
 * answer is shown on the field.
 */
export function PasswordRules({
  password,
  personal = [],
}: {
  password: string;
  personal?: (string | undefined)[];
}) {
  const length = [...password.normalize('NFKC')].length;
  const words = personal
    .flatMap((v) => (v ? [v, v.split('@')[0] ?? ''] : []))
    .map(squash)
    .filter((v) => v.length >= 4);
  const rules = [
    { ok: length >= MIN && length <= MAX, text: `At least ${MIN} characters (${length} so far)` },
    {
      ok: password.length > 0 && !words.some((w) => squash(password).includes(w)),
      text: 'Not your email, name or practice name',
    },
  ];
  return (
    <div id="password-rules">
      <List size="sm" spacing={2} listStyleType="none" ml={0} pl={0}>
        {rules.map((r) => (
          <List.Item key={r.text}>
            <Text span size="sm" c={r.ok ? 'teal.9' : 'gray.7'}>
              <span aria-hidden="true">{r.ok ? '✓ ' : '○ '}</span>
              {r.text}
              <span className="visually-hidden-label">{r.ok ? ' (done)' : ' (not yet)'}</span>
            </Text>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        A short phrase of several unrelated words is strong and easy to remember. Hearth also
        refuses common and easily guessed passwords.
      </Text>
    </div>
  );
}
