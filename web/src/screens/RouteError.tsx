import { Button, Stack, Text, Title } from '@mantine/core';

/** A screen that crashed (or whose code could not load, e.g. after an upgrade). */
export function RouteError() {
  return (
    <main className="auth-page">
      <Stack className="auth-card" gap="sm">
        <Title order={1}>Something went wrong</Title>
        <Text>
          This page could not be shown. If Hearth was just updated, reloading fetches the new
          version.
        </Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </main>
  );
}
