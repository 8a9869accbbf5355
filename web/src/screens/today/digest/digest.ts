import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, get } from '../../../api/http.ts';
import type { ResponseOf } from '../../../api/paths.ts';

export type Digest = ResponseOf<'/api/v1/digest'>;
export type DigestEmailChoice = ResponseOf<'/api/v1/me/digest-email'>;

// Under 'notes': whatever changes a note (sign, start, discard) refreshes the counts too.
export const DIGEST_KEY = ['notes', 'digest'] as const;
const EMAIL_KEY = ['me', 'digest-email'] as const;

/** What waits for me, as counts (Today's top line). */
export function useDigest() {
  return useQuery({ queryKey: DIGEST_KEY, queryFn: () => get<Digest>('/digest') });
}

export function useDigestEmail() {
  return useQuery({
    queryKey: EMAIL_KEY,
    queryFn: () => get<DigestEmailChoice>('/me/digest-email'),
  });
}

export function useSetDigestEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      api<DigestEmailChoice>('PUT', '/me/digest-email', { enabled }),
    onSuccess: (choice) => queryClient.setQueryData(EMAIL_KEY, choice),
  });
}
