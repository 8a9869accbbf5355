import { Alert, Anchor, Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/http.ts';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { NewPasswordForm } from './NewPasswordForm.tsx';
import { useLinkToken } from './token.ts';

export function ResetPassword() {
  const token = useLinkToken();
  const reset = useMutation({
    mutationFn: (password: string) =>
      api<{ message: string }>('POST', '/password-reset/complete', { token, password }),
  });
  if (!token) {
    return (
      <AuthPage title="Choose a new password">
        <Text>
          This page needs the link from your password reset email. Open the link from the email
          again, or ask for a new one.
        </Text>
        <Button component={Link} to="/forgot-password">
          Ask for a new link
        </Button>
      </AuthPage>
    );
  }
  return (
    <AuthPage
      title="Choose a new password"
      intro="Every session of your account ends when you save it."
      footer={
        !reset.isSuccess && (
          <Anchor component={Link} to="/sign-in">
            Back to sign in
          </Anchor>
        )
      }
    >
      {reset.isSuccess ? (
        <>
          <Alert color="teal" title="Password changed" role="status">
            {reset.data.message}
          </Alert>
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
        </>
      ) : (
        <NewPasswordForm
          submitLabel="Save my new password"
          pending={reset.isPending}
          error={reset.error}
          onSubmit={(password) => reset.mutate(password)}
        />
      )}
    </AuthPage>
  );
}
