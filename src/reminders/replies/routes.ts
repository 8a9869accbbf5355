import type { FastifyRequest } from 'fastify';
import type { FeatureDeps } from '../../platform/http/feature-deps.ts';
import { clientAddress } from '../../platform/http/client-address.ts';
import { responses } from '../../platform/http/schemas.ts';
import type { HearthApp } from '../../platform/http/types.ts';
import { ReplyAnswer, ReplyBody, ReplyParams } from './schemas.ts';
import { useReplyLink, type RequestInfo } from './service.ts';

const tags = ['reminders'];

const infoOf = (request: FastifyRequest): RequestInfo => ({
  ip: clientAddress(request.ip),
  userAgent: request.headers['user-agent'],
  requestId: request.id,
});

export function reminderReplyRoutes({ db, limits }: FeatureDeps) {
  return async (app: HearthApp) => {
    // Public: the client has no account. The 256-bit secret in the link is the credential; it
    // stops working when the appointment starts, moves or is cancelled, and the practice's IP
    // allowlist (for staff) does not apply to clients at home.
    app.get(
      '/api/v1/reminder-replies/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'The appointment a reminder email’s link is about (time, clinician, practice, place) and whether it can still be answered.',
          params: ReplyParams,
          response: responses({ 200: ReplyAnswer }),
        },
      },
      async (request, reply) => {
        const view = await useReplyLink(db, limits, {
          token: request.params.token,
          request: infoOf(request),
        });
        return reply.header('cache-control', 'no-store').send(view);
      },
    );

    app.post(
      '/api/v1/reminder-replies/:token',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary:
            'Confirm or cancel the appointment from a reminder email’s link (late inside the practice’s window). The first answer stands.',
          params: ReplyParams,
          body: ReplyBody,
          response: responses({ 200: ReplyAnswer }),
        },
      },
      async (request, reply) => {
        const view = await useReplyLink(db, limits, {
          token: request.params.token,
          answer: request.body.answer,
          request: infoOf(request),
        });
        return reply.header('cache-control', 'no-store').send(view);
      },
    );
  };
}
