import { useQuery } from '@tanstack/react-query';
import { get } from '../api/http.ts';
import type { PracticeSettings } from '../api/types.ts';
import { useSession } from './session.tsx';

export const PRACTICE_KEY = ['practice'] as const;

export function usePracticeSettings(enabled = true) {
  return useQuery({
    queryKey: PRACTICE_KEY,
    queryFn: () => get<PracticeSettings>('/practice'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/**
 * The time zone dates are shown in: the practice's, for everyone (a schedule kept in New York
 * reads the same from a laptop set to another zone). Admins see a change they just saved.
 */
export function useTimeZone(): string | undefined {
  const { me, can } = useSession();
  const admin = can('manage:practice:any');
  const settings = usePracticeSettings(admin);
  return (admin ? settings.data?.timeZone : undefined) ?? me.practice.timeZone;
}
