import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../api/http.ts';
import type { Page } from '../api/types.ts';
import type {
  CalendarFeed,
  Hours,
  HoursBlock,
  NewTimeOff,
  TimeOff,
  TimeOffReason,
} from './types.ts';

const hoursKey = (id: string) => ['clinician', id, 'hours'] as const;
const timeOffKey = (id: string) => ['clinician', id, 'time-off'] as const;

export function useHours(clinicianId: string | undefined) {
  return useQuery({
    queryKey: hoursKey(clinicianId ?? ''),
    queryFn: () => get<Hours>(`/clinicians/${clinicianId}/hours`),
    enabled: Boolean(clinicianId),
  });
}

export function useSaveHours(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (blocks: HoursBlock[]) =>
      api<Hours>('PUT', `/clinicians/${clinicianId}/hours`, { blocks }),
    onSuccess: (hours) => queryClient.setQueryData(hoursKey(clinicianId), hours),
  });
}

/** Time off: from now a year ahead (the default), or overlapping [from, to). */
export function useTimeOff(clinicianId: string | undefined, range?: { from: string; to: string }) {
  return useQuery({
    queryKey: [...timeOffKey(clinicianId ?? ''), range ?? null],
    queryFn: () =>
      get<Page<TimeOff>>(`/clinicians/${clinicianId}/time-off${query({ ...range })}`).then(
        (p) => p.items,
      ),
    enabled: Boolean(clinicianId) && (!range || (range.from !== '' && range.to !== '')),
    placeholderData: (previous) => previous,
  });
}

export function useAddTimeOff(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { start: string; end: string; reason: TimeOffReason }) =>
      api<NewTimeOff>('POST', `/clinicians/${clinicianId}/time-off`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timeOffKey(clinicianId) }),
  });
}

export function useRemoveTimeOff(clinicianId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/time-off/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timeOffKey(clinicianId) }),
  });
}

const FEEDS_KEY = ['calendar-feeds'] as const;

export function useFeeds() {
  return useQuery({
    queryKey: FEEDS_KEY,
    queryFn: () => get<Page<CalendarFeed>>('/calendar-feeds').then((p) => p.items),
  });
}

export function useCreateFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<CalendarFeed & { url: string }>('POST', '/calendar-feeds', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
}

export function useRevokeFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>('DELETE', `/calendar-feeds/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
}
