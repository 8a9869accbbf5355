import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../api/http.ts';
import type { Page } from '../api/types.ts';
import type {
  Appointment,
  AppointmentPatch,
  ChangedAppointment,
  Clinician,
  CreatedAppointment,
  Location,
  NewAppointmentBody,
  SlotCheck,
} from './types.ts';

export const APPOINTMENTS_KEY = ['appointments'] as const;

/**
 * The appointments overlapping [from, to) — the visible range only, never more — for the
 * practice, one clinician or one client. The previous range stays on screen while the next
 * loads, so moving a week does not flash an empty calendar.
 */
export function useAppointments(range: {
  from: string;
  to: string;
  clinicianId?: string | undefined;
  clientId?: string | undefined;
  enabled?: boolean;
}) {
  const { from, to, clinicianId, clientId, enabled = true } = range;
  return useQuery({
    queryKey: [...APPOINTMENTS_KEY, { from, to, clinicianId, clientId }],
    queryFn: async () => {
      const items: Appointment[] = [];
      let cursor: string | undefined;
      // 500 a page: a busy practice's month can need a second page.
      do {
        const page = await get<Page<Appointment>>(
          `/appointments${query({ from, to, clinicianId, clientId, cursor })}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
    enabled: enabled && from !== '' && to !== '',
    placeholderData: (previous) => previous,
  });
}

export function useClinicians() {
  return useQuery({
    queryKey: ['clinicians'],
    queryFn: () => get<Page<Clinician>>('/clinicians').then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}

export const LOCATIONS_KEY = ['locations'] as const;

export function useLocations() {
  return useQuery({
    queryKey: LOCATIONS_KEY,
    queryFn: () => get<Page<Location>>('/locations').then((p) => p.items),
    staleTime: 5 * 60_000,
  });
}

export function useBookAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewAppointmentBody) =>
      api<CreatedAppointment>('POST', '/appointments', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: APPOINTMENTS_KEY }),
  });
}

export function useChangeAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: AppointmentPatch }) =>
      api<ChangedAppointment>('PATCH', `/appointments/${id}`, patch),
    // A series edit rewrites other rows too: every cached range is refreshed.
    onSettled: () => queryClient.invalidateQueries({ queryKey: APPOINTMENTS_KEY }),
  });
}

/**
 * Whether the clinician is free then, asked while the form is filled (GET /appointments/check):
 * the same tests the booking will meet, so a conflict or an out-of-hours time shows before
 * "Book", not after. Asked once the fields have been still for a moment.
 */
export function useSlotCheck(slot: {
  clinicianId: string | null;
  start: string;
  end: string;
  exclude?: string;
}) {
  // A string, so that a new object of the same slot on each render is no change.
  const [debounced] = useDebouncedValue(JSON.stringify(slot), 300);
  const { clinicianId, start, end, exclude } = JSON.parse(debounced) as typeof slot;
  return useQuery({
    queryKey: [...APPOINTMENTS_KEY, 'check', { clinicianId, start, end, exclude }],
    queryFn: () =>
      get<SlotCheck>(`/appointments/check${query({ clinicianId, start, end, exclude })}`),
    enabled: Boolean(clinicianId && start && end),
    staleTime: 10_000,
  });
}
