import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { responses } from '../platform/http/schemas.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { verifyTwilioSignature } from '../platform/sms/signature.ts';
import { InboundText, StatusQuery, StatusReport, TwiML } from './schemas.ts';
import { receiveStatus, receiveText, type MessagingDeps } from './service.ts';

const FORM = 'application/x-www-form-urlencoded';
/** Twilio's webhooks are a few hundred bytes; a text is at most 1,600 characters. */
const FORM_LIMIT_BYTES = 16_384;

declare module 'fastify' {
  interface FastifyRequest {
    /** The form's fields exactly as received, for the signature (which covers every one). */
    twilioForm: [string, string][] | null;
  }
}

/**
 * Twilio's webhooks: public (Twilio has no session), form-encoded, and trusted only with a
 * valid X-Twilio-Signature over Hearth's public address — checked before the body is even
 * validated, so a forged request gets 403 and changes nothing. The form parser lives in this
 * plugin's scope only: no other route accepts form bodies.
 */
export function webhookRoutes({ db, publicUrl }: FeatureDeps, messaging?: MessagingDeps) {
  return async (app: HearthApp) => {
    app.decorateRequest('twilioForm', null);
    app.addContentTypeParser(
      FORM,
      { parseAs: 'string', bodyLimit: FORM_LIMIT_BYTES },
      (request, raw, done) => {
        const pairs = [...new URLSearchParams(raw as string)];
        request.twilioForm = pairs;
        done(null, Object.fromEntries(pairs));
      },
    );

    const verify = async (request: FastifyRequest) => {
      const valid =
        messaging !== undefined &&
        request.twilioForm !== null &&
        verifyTwilioSignature(
          messaging.twilioAuthToken ?? '',
          `${publicUrl}${request.url}`,
          request.twilioForm,
          request.headers['x-twilio-signature'] as string | undefined,
        );
      if (!valid) {
        request.log.warn({ reason: 'twilio_signature' }, 'webhook refused');
        throw new AppError('bad_signature', {
          status: 403,
          message: 'This request is not signed by the SMS provider.',
        });
      }
    };
    const config = { access: 'public', signedWebhook: true } as const;

    app.post(
      '/api/v1/webhooks/twilio/sms',
      {
        config,
        preValidation: verify,
        schema: {
          tags: ['messaging'],
          summary: 'Twilio: a text sent to the reminder number (STOP, START, HELP, C, X).',
          description:
            'Set as the number\'s "A message comes in" webhook (HTTP POST). Signed by Twilio; answers TwiML.',
          consumes: [FORM],
          body: InboundText,
          response: responses({ 200: TwiML }),
        },
      },
      async (request, reply) => {
        const answer = await receiveText(db, messaging!, request.log, {
          from: request.body.From,
          body: request.body.Body,
        });
        return reply.type('text/xml; charset=utf-8').send(answer);
      },
    );

    app.post(
      '/api/v1/webhooks/twilio/status',
      {
        config,
        preValidation: verify,
        schema: {
          tags: ['messaging'],
          summary: "Twilio: a message's delivery report (delivered, undelivered, failed).",
          description:
            'Given to Twilio with each message (StatusCallback); `m` names the outbox message.',
          consumes: [FORM],
          querystring: StatusQuery,
          body: StatusReport,
          response: responses({ 200: TwiML }),
        },
      },
      async (request, reply) => {
        await receiveStatus(db, request.log, {
          outboxId: request.query.m,
          sid: request.body.MessageSid,
          status: request.body.MessageStatus,
          ...(request.body.ErrorCode ? { errorCode: request.body.ErrorCode } : {}),
        });
        return reply.type('text/xml; charset=utf-8').send('<Response/>');
      },
    );
  };
}
