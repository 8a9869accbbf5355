import { Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { useSession } from './session.tsx';

/** A screen only some roles may use; the others get a plain explanation, not an error. */
export function RequirePermission({
  anyOf,
  children,
}: {
  anyOf: readonly string[];
  children?: ReactNode;
}) {
  const { canAny } = useSession();
  if (!canAny(anyOf)) {
    return (
      <Stack gap="xs">
        <Title order={1}>Not available to your role</Title>
        <Text>
          Your role does not include this part of Hearth. Ask your practice administrator if you
          need it.
        </Text>
      </Stack>
    );
  }
  return children ?? <Outlet />;
}
