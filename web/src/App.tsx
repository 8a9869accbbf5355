import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/http.ts';
import { router } from './routes.tsx';
import { cssVariablesResolver, theme } from '../theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal or a missing record will not change by asking again; a dropped connection may.
      retry: (count, error) => !(error instanceof ApiError) && count < 1,
      // Never poll: a request keeps the server-side session alive, so polling would defeat the
      // practice's idle timeout. Refetching when the user comes back to the tab is activity.
      refetchInterval: false,
      refetchOnWindowFocus: true,
      // Ask even when the browser says it is offline, so the screen shows the failure and a
      // "Try again" instead of waiting silently (the shell also shows an offline banner).
      networkMode: 'always',
    },
    mutations: { retry: false, networkMode: 'always' },
  },
});

export function App() {
  return (
    // The theme's CSS variables and global classes are built into a stylesheet (web/build/
    // mantine-css.ts): Mantine's own <style> elements would be blocked by the CSP.
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      withCssVariables={false}
      withGlobalClasses={false}
      defaultColorScheme="light"
      forceColorScheme="light"
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
