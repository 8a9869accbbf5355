import { useEffect, useRef, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { onApiEvent } from '../api/http.ts';
import { QueryError } from '../ui/errors.tsx';
import { Loading } from '../ui/Screen.tsx';
import { IdleTimeout } from './IdleTimeout.tsx';
import { isLeaving, SessionProvider, useLeaveSession, useMeQuery } from './session.tsx';

/** Where a half-finished sign-in continues: the second factor, or enrolling one. */
export function pendingStep(me: { mfa: { totp: boolean; sms: boolean; passkey: boolean } }) {
  return me.mfa.totp || me.mfa.sms || me.mfa.passkey ? '/sign-in/mfa' : '/enroll';
}

/**
 * The gate of every signed-in screen: no session → sign-in (coming back here afterwards); a
 * session still waiting for its second factor → that step. Inside, a 401 `session_expired`
 * from any call ends the session in the browser too.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const leave = useLeaveSession();

  // Only a session that was open can end: the first /me of a visitor who is not signed in
  // answers 401 too, and leads to sign-in instead.
  const open = Boolean(me.data && !me.data.session.mfaPending);
  const wasOpen = useRef(open);
  wasOpen.current = open;
  useEffect(
    () =>
      onApiEvent((event) => {
        if (event.type !== 'session-ended' || !wasOpen.current) return;
        void leave(() => navigate('/signed-out?reason=expired', { replace: true }));
      }),
    [leave, navigate],
  );

  if (me.isPending) return <Loading label="Opening Hearth…" />;
  if (me.isError) {
    return (
      <main className="auth-page">
        <div className="auth-card">
          <QueryError error={me.error} refetch={me.refetch} />
        </div>
      </main>
    );
  }
  if (!me.data) {
    if (isLeaving()) return null;
    const next = `${location.pathname}${location.search}`;
    const to =
      next === '/' || next === '/today' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (me.data.session.mfaPending) return <Navigate to={pendingStep(me.data)} replace />;
  return (
    <SessionProvider me={me.data}>
      <IdleTimeout minutes={me.data.practice.idleTimeoutMinutes} />
      {children}
    </SessionProvider>
  );
}
