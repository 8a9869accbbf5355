import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError, get } from '../api/http.ts';
import type { Me, SessionState } from '../api/types.ts';

export const ME_KEY = ['me'] as const;

/**
 * Who is signed in, or null when nobody is. Asked of GET /session, which answers a visitor
 * without a session with a 200 (`me: null`) where /me would answer 401: no session is the
 * expected state on the sign-in page, not an error for the browser's console. Other failures
 * are thrown to the caller.
 */
export function useMeQuery() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return (await get<SessionState>('/session')).me;
      } catch (err) {
        // A session that has just ended (expired, idle, revoked) answers 401 here too.
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export interface Session {
  me: Me;
  /** Whether the role grants `permission` (the server decides; this only shapes the screens). */
  can(permission: string): boolean;
  canAny(permissions: readonly string[]): boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const granted = new Set(me.permissions);
  const value: Session = {
    me,
    can: (p) => granted.has(p),
    canAny: (ps) => ps.some((p) => granted.has(p)),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The signed-in session, inside the app shell. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in screen');
  return session;
}

// While a sign-out navigates away, no screen may redirect on the session it still sees.
let leaving = false;
export const isLeaving = () => leaving;

/** Forget everything the browser holds about the session (after sign-out or expiry). */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.setQueryData(ME_KEY, null);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
}

/**
 * Forgets the session and goes to `navigateAway()`'s page (sign-in, signed-out). Until that
 * page has mounted (it calls `leftSession()`), the signed-in screens still on screen during
 * the transition render nothing instead of redirecting to sign-in on the session they lost.
 */
export function useLeaveSession() {
  const forget = useForgetSession();
  return async (navigateAway: () => Promise<void> | void) => {
    leaving = true;
    forget();
    await navigateAway();
  };
}

/** The page a sign-out went to is on screen: redirects behave as usual again. */
export function leftSession() {
  leaving = false;
}
