import { useQuery } from '@tanstack/react-query';
import { get, query } from '../api/http.ts';
import type { Page } from '../api/types.ts';
import type { AppointmentSummary } from './types.ts';

const DAY = 86_400_000;
const DOCUMENTABLE = new Set(['scheduled', 'confirmed', 'arrived', 'completed']);

/**
 * A client's sessions a note may document: the last 30 days up to the end of today, newest
 * first, not cancelled or missed. Today's later sessions are included (a note is often
 * started just before or after).
 */
export function useRecentAppointments(clientId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['appointments', 'recent-for-notes', clientId],
    queryFn: async () => {
      const now = Date.now();
      const page = await get<Page<AppointmentSummary>>(
        `/appointments${query({
          clientId,
          from: new Date(now - 30 * DAY).toISOString(),
          to: new Date(now + DAY).toISOString(),
          limit: 200,
        })}`,
      );
      return page.items
        .filter((a) => DOCUMENTABLE.has(a.status))
        .sort((a, b) => b.start.localeCompare(a.start));
    },
    enabled,
  });
}
