import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import type { SafetyPlan, SafetyPlanHeader } from '../../../clinical/types.ts';

const plansKey = (clientId: string) => ['client', clientId, 'safety-plans'] as const;

export function useSafetyPlans(clientId: string) {
  return useQuery({
    queryKey: plansKey(clientId),
    queryFn: () => get<Page<SafetyPlanHeader>>(`/clients/${clientId}/safety-plans`),
  });
}

export function useSafetyPlan(id: string | null) {
  return useQuery({
    queryKey: ['safety-plan', id],
    queryFn: () => get<SafetyPlan>(`/safety-plans/${id}`),
    enabled: id !== null,
    // A plan never changes once written.
    staleTime: Infinity,
  });
}

export function useWritePlan(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<SafetyPlan>('POST', `/clients/${clientId}/safety-plans`, body),
    onSuccess: async (plan) => {
      queryClient.setQueryData(['safety-plan', plan.id], plan);
      await queryClient.invalidateQueries({ queryKey: plansKey(clientId) });
      await queryClient.invalidateQueries({ queryKey: ['safety-plan'] });
    },
  });
}
