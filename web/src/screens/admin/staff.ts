import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/http.ts';
import type { Page, Role, StaffUser } from '../../api/types.ts';

export const STAFF_KEY = ['users'] as const;

export function useStaff() {
  return useQuery({ queryKey: STAFF_KEY, queryFn: () => get<Page<StaffUser>>('/users') });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; email: string; role: Role }) =>
      api<StaffUser & { inviteUrl: string }>('POST', '/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STAFF_KEY }),
  });
}

export type StaffChange =
  | {
      kind: 'patch';
      id: string;
      body: { role?: Role; status?: 'active' | 'suspended'; emergencyAccess?: boolean };
    }
  | { kind: 'remove'; id: string }
  | { kind: 'end-sessions'; id: string };

export function useStaffChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (change: StaffChange): Promise<{ ended?: number }> => {
      if (change.kind === 'patch') {
        await api('PATCH', `/users/${change.id}`, change.body);
        return {};
      }
      if (change.kind === 'remove') {
        await api('DELETE', `/users/${change.id}`);
        return {};
      }
      return api<{ ended: number }>('DELETE', `/users/${change.id}/sessions`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STAFF_KEY }),
  });
}
