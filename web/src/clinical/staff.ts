import { useQuery } from '@tanstack/react-query';
import { get } from '../api/http.ts';
import type { Page, StaffUser } from '../api/types.ts';
import { useSession } from '../session/session.tsx';

/**
 * Names for the user ids the clinical answers carry (authors, signers). Only administrators
 * may list the staff (GET /users); everyone else sees their own name and `others` ("A
 * colleague", or "Your supervisee" in the co-sign queue) for the rest, with the credentials a
 * signature records.
 */
export function useStaffNames(others = 'A colleague'): (id: string) => string {
  const { me, can } = useSession();
  const admin = can('manage:user:any');
  const staff = useQuery({
    queryKey: ['users'],
    queryFn: () => get<Page<StaffUser>>('/users'),
    enabled: admin,
    staleTime: 5 * 60_000,
  });
  const names = new Map((staff.data?.items ?? []).map((u) => [u.id, u.name]));
  return (id) => (id === me.user.id ? me.user.name : (names.get(id) ?? others));
}

/** "Alex Morgan, LMSW" — a signer as a signature shows them. */
export function signerText(name: string, credentials: string | null): string {
  return credentials ? `${name}, ${credentials}` : name;
}
