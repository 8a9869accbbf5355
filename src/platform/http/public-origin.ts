import type { FastifyRequest } from 'fastify';

/** The origin users reach Hearth at: HEARTH_PUBLIC_URL, or the HTTPS origin of this request. */
export function publicOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `https://${request.host}`;
}
