import { Button, Stack, Text, Title } from '@mantine/core';

/** A screen that crashed (or whose code could not load, e.g. after an upgrade). */
export function RouteError() {
  return (
    <main className="auth-page">
      <Stack className="auth-card" gap="sm">
        <Title order={1}>Something went wrong</Title>
        <Text>
          {navigator.onLine
            ? 'This page could not be shown. If Hearth was just updated, reloading fetches the new version.'
            : 'This page could not be loaded: your browser is offline. Reload once the connection is back.'}
        </Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </main>
  );
}
