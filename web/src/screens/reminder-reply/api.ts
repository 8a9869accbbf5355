import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../api/http.ts';
import type { BodyOf, ResponseOf } from '../../api/paths.ts';

export type ReplyView = ResponseOf<'/api/v1/reminder-replies/{token}'>;
export type ReplyAnswer = BodyOf<'/api/v1/reminder-replies/{token}', 'post'>['answer'];

const keyOf = (token: string) => ['reminder-reply', token] as const;
const path = (token: string) => `/reminder-replies/${encodeURIComponent(token)}`;

/** The appointment a reminder's link is about. Read once: nothing here changes by itself. */
export function useReply(token: string) {
  return useQuery({
    queryKey: keyOf(token),
    queryFn: () => get<ReplyView>(path(token)),
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

/** Confirms or cancels; the answer is the page's new state. */
export function useAnswer(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answer: ReplyAnswer) => api<ReplyView>('POST', path(token), { answer }),
    onSuccess: (view) => queryClient.setQueryData(keyOf(token), view),
  });
}
