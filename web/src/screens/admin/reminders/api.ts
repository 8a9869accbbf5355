import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../api/http.ts';
import type {
  Preview,
  PreviewBody,
  ReminderSettings,
  ReminderSettingsAnswer,
  Rule,
  RuleBody,
} from './types.ts';

export const REMINDER_SETTINGS_KEY = ['reminder-settings'] as const;

export function useReminderSettings() {
  return useQuery({
    queryKey: REMINDER_SETTINGS_KEY,
    queryFn: () => get<ReminderSettingsAnswer>('/reminder-settings'),
  });
}

export function useSaveReminderSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: ReminderSettings) =>
      api<ReminderSettingsAnswer>('PUT', '/reminder-settings', settings),
    onSuccess: (answer) => queryClient.setQueryData(REMINDER_SETTINGS_KEY, answer),
  });
}

/** Add, change or delete a rule; the settings (which list the rules) are read again after. */
export function useRuleChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      change:
        | { kind: 'add'; rule: RuleBody }
        | { kind: 'edit'; id: string; rule: Partial<RuleBody> }
        | { kind: 'delete'; id: string },
    ): Promise<Rule | null> => {
      if (change.kind === 'add') return api<Rule>('POST', '/reminder-rules', change.rule);
      if (change.kind === 'edit') {
        return api<Rule>('PATCH', `/reminder-rules/${change.id}`, change.rule);
      }
      await api<void>('DELETE', `/reminder-rules/${change.id}`);
      return null;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REMINDER_SETTINGS_KEY }),
  });
}

/** The wording as a client would read it, with sample values; `body` is already debounced. */
export function usePreview(body: PreviewBody) {
  return useQuery({
    queryKey: ['reminder-preview', body],
    queryFn: () => api<Preview>('POST', '/reminder-settings/preview', body),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
}
