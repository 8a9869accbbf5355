import { Center, Loader } from '@mantine/core';
import { Suspense, type ReactNode } from 'react';

/** Shown while a screen's code or first data loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden="true" />
      <span className="visually-hidden-label">{label}</span>
    </Center>
  );
}

export function Screen({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}
