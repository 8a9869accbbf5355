import { Button, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/http.ts';
import { ME_KEY } from '../../session/session.tsx';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { NewPasswordForm } from './NewPasswordForm.tsx';
import { useLinkToken } from './token.ts';

export function AcceptInvitation() {
  const token = useLinkToken();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (password: string) =>
      api<{ enrollmentRequired: boolean }>('POST', '/invitations/accept', { token, password }),
    onSuccess: async (answer) => {
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      await navigate(answer.enrollmentRequired ? '/enroll' : '/today', { replace: true });
    },
  });
  if (!token) {
    return (
      <AuthPage title="Join your practice">
        <Text>
          This page needs the link from your invitation email. Open it from the email again, or ask
          your practice administrator for a new invitation.
        </Text>
        <Button component={Link} to="/sign-in" variant="default">
          Go to sign in
        </Button>
      </AuthPage>
    );
  }
  return (
    <AuthPage
      title="Join your practice"
      intro="Choose the password you will sign in with. The invitation works once and for 72 hours."
    >
      <NewPasswordForm
        submitLabel="Set my password and continue"
        pending={accept.isPending || accept.isSuccess}
        error={accept.error}
        onSubmit={(password) => accept.mutate(password)}
      />
    </AuthPage>
  );
}
