import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import type { PracticeSettings as Settings } from '../../api/types.ts';
import { ME_KEY } from '../../session/session.tsx';
import { PRACTICE_KEY } from '../../session/time-zone.ts';

/** Saves part of the practice's settings; the settings form and the IP allowlist share it. */
export function useSavePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<Settings>) => api<Settings>('PATCH', '/practice', body),
    onSuccess: async (settings) => {
      queryClient.setQueryData(PRACTICE_KEY, settings);
      // The name, MFA policy and idle timeout are also in /me.
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
