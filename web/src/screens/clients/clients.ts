import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/http.ts';
import type {
  AccessReportRow,
  Client,
  ClientStatus,
  ClientSummary,
  Page,
} from '../../api/types.ts';

export const clientKey = (id: string) => ['client', id] as const;

export type ClientSort = 'name' | 'clinician' | 'status';

export interface ClientListFilter {
  search: string;
  status: ClientStatus | 'all';
  clinicianId: string | null;
  sort: ClientSort;
}

export function useClientList({ search, status, clinicianId, sort }: ClientListFilter) {
  return useInfiniteQuery({
    queryKey: ['clients', { search, status, clinicianId, sort }],
    queryFn: ({ pageParam }) =>
      get<Page<ClientSummary>>(
        `/clients${query({
          search: search || undefined,
          status: status === 'all' ? undefined : status,
          clinicianId: clinicianId ?? undefined,
          sort: sort === 'name' ? undefined : sort,
          limit: 25,
          cursor: pageParam,
        })}`,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // The previous results stay on screen while the next search loads: no flicker as one types.
    placeholderData: (previous) => previous,
  });
}

export function useClient(id: string) {
  return useQuery({ queryKey: clientKey(id), queryFn: () => get<Client>(`/clients/${id}`) });
}

export function useAccessReport(id: string) {
  return useQuery({
    queryKey: ['client', id, 'access-report'],
    queryFn: () => get<Page<AccessReportRow>>(`/clients/${id}/access-report?limit=200`),
  });
}

export function useSaveClient(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      id ? api<Client>('PATCH', `/clients/${id}`, body) : api<Client>('POST', '/clients', body),
    onSuccess: async (client) => {
      queryClient.setQueryData(clientKey(client.id), client);
      await queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}

const breakGlassKey = (id: string) => ['break-glass', id] as const;

export function useBreakGlass(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api<{ expiresAt: string }>('POST', `/clients/${id}/break-glass`, { reason }),
    onSuccess: async (grant) => {
      queryClient.setQueryData(breakGlassKey(id), grant.expiresAt);
      await queryClient.invalidateQueries({ queryKey: clientKey(id) });
    },
  });
}

/** Until when this browser opened the client by emergency access (this visit only). */
export function useBreakGlassUntil(id: string): string | undefined {
  const queryClient = useQueryClient();
  return queryClient.getQueryData<string>(breakGlassKey(id));
}
