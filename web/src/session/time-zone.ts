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
 * The time zone dates are shown in: the practice's for those who may read its settings
 * (admins); for everyone else the browser's own, until /me carries the practice's zone.
 */
export function useTimeZone(): string | undefined {
  const { can } = useSession();
  const admin = can('manage:practice:any');
  const settings = usePracticeSettings(admin);
  return admin ? settings.data?.timeZone : undefined;
}
