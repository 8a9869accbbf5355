import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../api/http.ts';
import type { ContactPreferences, ContactPreferencesBody } from './types.ts';

const key = (clientId: string) => ['clients', clientId, 'contact-preferences'] as const;

export function useContactPreferences(clientId: string) {
  return useQuery({
    queryKey: key(clientId),
    queryFn: () => get<ContactPreferences>(`/clients/${clientId}/contact-preferences`),
  });
}

export function useSaveContactPreferences(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactPreferencesBody) =>
      api<ContactPreferences>('PUT', `/clients/${clientId}/contact-preferences`, body),
    onSuccess: (prefs) => queryClient.setQueryData(key(clientId), prefs),
  });
}
