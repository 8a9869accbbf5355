import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../api/http.ts';
import type { Page, SecurityAlert } from '../../api/types.ts';

export const alertsKey = (open: boolean) => ['alerts', { open }] as const;

export function useAlerts(open: boolean, enabled = true) {
  return useQuery({
    queryKey: alertsKey(open),
    queryFn: () =>
      get<Page<SecurityAlert>>(`/alerts${query({ open: open || undefined, limit: 100 })}`),
    enabled,
  });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<SecurityAlert>('POST', `/alerts/${id}/acknowledge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alerts'] }),
  });
}
