import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { leftSession } from '../session/session.tsx';
import { useDocumentTitle } from './title.ts';

/** The frame of the screens before one is signed in: logo, a card with a heading. */
export function AuthPage({
  title,
  intro,
  wide,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  wide?: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  useDocumentTitle(title);
  useEffect(leftSession, []);
  return (
    <div className="auth-page">
      <Anchor component={Link} to="/sign-in" className="brand" underline="never" c="teal.9">
        <img src="/favicon.svg" alt="" />
        <Text fw={700} size="xl">
          Hearth
        </Text>
      </Anchor>
      <main className={wide ? 'auth-card wide' : 'auth-card'}>
        <Paper withBorder shadow="xs" p="xl" radius="lg">
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {title}
              </Title>
              {intro && (
                <Text c="dimmed" mt={4}>
                  {intro}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
        {footer && (
          <Text ta="center" size="sm" mt="md">
            {footer}
          </Text>
        )}
      </main>
    </div>
  );
}
