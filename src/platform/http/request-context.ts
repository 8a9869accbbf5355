/** Who is making a request. Filled in by the session layer; null for anonymous requests. */
export interface Actor {
  userId: string;
  practiceId: string;
  role: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}
