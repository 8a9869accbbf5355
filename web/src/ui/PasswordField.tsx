import { List, PasswordInput, Text, type PasswordInputProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PasswordChecks } from '../../../src/auth/password-policy.ts';
import { PASSWORD_MIN, passwordLength } from '../../../src/auth/password-text.ts';

export function PasswordField(props: PasswordInputProps) {
  return (
    <PasswordInput
      visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the password' }}
      {...props}
    />
  );
}

type Check = (password: string, personal: (string | undefined)[]) => PasswordChecks;

// The server's own policy module, dictionaries and all (about 1 MB): loaded only by the screens
// that choose a password, so that the checklist says exactly what the server will say.
function usePasswordCheck(): Check | undefined {
  const [check, setCheck] = useState<Check>();
  useEffect(() => {
    let live = true;
    void import('../../../src/auth/password-policy.ts').then((m) => {
      if (live) setCheck(() => m.passwordChecks);
    });
    return () => {
      live = false;
    };
  }, []);
  return check;
}

/** The server's password rules (src/auth/password-policy.ts), checked as the person types. */
export function PasswordRules({
  password,
  personal = [],
}: {
  password: string;
  personal?: (string | undefined)[];
}) {
  const check = usePasswordCheck();
  const checks = check?.(password, personal);
  const length = passwordLength(password);
  const rules = [
    {
      ok: checks?.lengthOk ?? false,
      text: `At least ${PASSWORD_MIN} characters (${length} so far)`,
    },
    {
      ok: password.length > 0 && (checks?.impersonal ?? false),
      text: 'Not your email, name or practice name',
    },
    {
      ok: password.length > 0 && !!checks && !checks.common && !checks.guessable,
      text: checks ? 'Not a common or easily guessed password' : 'Checking strength…',
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
        A short phrase of several unrelated words is strong and easy to remember.
      </Text>
    </div>
  );
}
