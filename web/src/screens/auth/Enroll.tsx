import { Anchor } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ME_KEY, useMeQuery } from '../../session/session.tsx';
import { safeNext } from '../../session/next.ts';
import { useSignOut } from '../../session/sign-out.ts';
import { AuthPage } from '../../ui/AuthPage.tsx';
import { Loading } from '../../ui/Screen.tsx';
import { SetupFlow } from './setup/SetupFlow.tsx';

/** Enrolling a second factor, when the practice requires one and the user has none yet. */
export function Enroll() {
  const me = useMeQuery();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useSignOut();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to="/sign-in" replace />;
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    await navigate(safeNext(params.get('next')), { replace: true });
  };
  return (
    <AuthPage
      title="Add a second step to your sign-in"
      intro={`${me.data.practice.name} asks everyone to confirm their sign-in with a second factor, so a stolen password alone cannot open your clients’ records.`}
      footer={
        <Anchor component="button" type="button" onClick={() => void signOut()}>
          Sign out
        </Anchor>
      }
    >
      <SetupFlow onDone={() => void done()} />
    </AuthPage>
  );
}
