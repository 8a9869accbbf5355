import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get, query } from '../../../api/http.ts';
import type { Page } from '../../../api/types.ts';
import type { CodeSet, Diagnosis, Icd10Code, Policy } from '../../../clinical/types.ts';

const diagnosesKey = (clientId: string) => ['client', clientId, 'diagnoses'] as const;
const insuranceKey = (clientId: string) => ['client', clientId, 'insurance'] as const;

export function useDiagnoses(clientId: string) {
  return useQuery({
    queryKey: diagnosesKey(clientId),
    queryFn: () => get<Page<Diagnosis> & { codeSet: CodeSet }>(`/clients/${clientId}/diagnoses`),
  });
}

/** ICD-10-CM search as one types: billable codes only (only they can be a diagnosis). */
export function useIcd10Search(q: string) {
  return useQuery({
    queryKey: ['icd10', q],
    queryFn: () =>
      get<Page<Icd10Code> & { codeSet: CodeSet }>(
        `/icd10/codes${query({ q, billable: true, limit: 15 })}`,
      ),
    enabled: q.length > 0,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export type DiagnosisChange =
  | { kind: 'add'; code: string; onsetDate?: string }
  | { kind: 'rank'; id: string; rank: number }
  | { kind: 'resolve'; id: string; resolvedOn: string }
  | { kind: 'reopen'; id: string }
  | { kind: 'remove'; id: string };

export function useDiagnosisChange(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: DiagnosisChange): Promise<unknown> => {
      switch (c.kind) {
        case 'add':
          return api('POST', `/clients/${clientId}/diagnoses`, {
            code: c.code,
            ...(c.onsetDate ? { onsetDate: c.onsetDate } : {}),
          });
        case 'rank':
          return api('PATCH', `/diagnoses/${c.id}`, { rank: c.rank });
        case 'resolve':
          return api('PATCH', `/diagnoses/${c.id}`, {
            status: 'resolved',
            resolvedOn: c.resolvedOn,
          });
        case 'reopen':
          return api('PATCH', `/diagnoses/${c.id}`, { status: 'active' });
        case 'remove':
          return api('DELETE', `/diagnoses/${c.id}`);
      }
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: diagnosesKey(clientId) }),
        queryClient.invalidateQueries({ queryKey: ['client', clientId, 'chart'] }),
      ]),
  });
}

export function useInsurance(clientId: string) {
  return useQuery({
    queryKey: insuranceKey(clientId),
    queryFn: () => get<Page<Policy>>(`/clients/${clientId}/insurance`),
  });
}

export type PolicyChange =
  | { kind: 'add'; body: Record<string, unknown> }
  | { kind: 'edit'; id: string; body: Record<string, unknown> }
  | { kind: 'remove'; id: string };

export function usePolicyChange(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: PolicyChange): Promise<unknown> =>
      c.kind === 'add'
        ? api('POST', `/clients/${clientId}/insurance`, c.body)
        : c.kind === 'edit'
          ? api('PATCH', `/insurance/${c.id}`, c.body)
          : api('DELETE', `/insurance/${c.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: insuranceKey(clientId) }),
  });
}
