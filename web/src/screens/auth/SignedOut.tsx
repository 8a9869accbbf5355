import { Button, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { AuthPage } from '../../ui/AuthPage.tsx';

export function SignedOut() {
  const [params] = useSearchParams();
  const reason = params.get('reason');
  const minutes = Number(params.get('minutes'));
  const idle = reason === 'idle' && Number.isInteger(minutes) && minutes > 0;
  const title = idle || reason === 'expired' ? 'You were signed out' : 'You are signed out';
  return (
    <AuthPage title={title}>
      <Text>
        {idle
          ? `You were signed out after ${minutes} minutes without activity, to keep your clients’ information private.`
          : reason === 'expired'
            ? 'Your session has ended. Please sign in again to continue.'
            : 'Thank you. You can close this window, or sign in again.'}
      </Text>
      <Button component={Link} to="/sign-in" fullWidth>
        Sign in again
      </Button>
    </AuthPage>
  );
}
