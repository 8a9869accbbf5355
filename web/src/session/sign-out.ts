import { useNavigate } from 'react-router';
import { api } from '../api/http.ts';
import { useLeaveSession } from './session.tsx';

/** Ends the session on the server (if it still exists) and in the browser, then goes to `to`. */
export function useSignOut() {
  const leave = useLeaveSession();
  const navigate = useNavigate();
  return async (to = '/sign-in') => {
    try {
      await api('DELETE', '/session');
    } catch {
      // Already ended (expired, revoked) or unreachable: the browser forgets it either way.
    }
    await leave(() => navigate(to, { replace: true }));
  };
}
