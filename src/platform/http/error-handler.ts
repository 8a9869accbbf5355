import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { AuditWriteError } from '../audit-trail/record.ts';
import { RateLimitedError } from '../limits/rate-limits.ts';
import { KeyError } from '../keys/provider.ts';
import { DocumentIntegrityError } from '../crypto/document/index.ts';
import type { HearthApp } from './types.ts';

interface ErrorBody {
  error: { code: string; message: string };
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

// Fastify's own 4xx errors, re-worded: some of their messages quote the body (JSON.parse does),
// and the body may be PHI.
const FRAMEWORK_4XX: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'The request body is empty; send a JSON object.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'bad_request',
    message: 'The Content-Length header does not match the body.',
  },
  FST_ERR_BAD_URL: { code: 'bad_url', message: 'The address is not a valid URL.' },
};

function describeValidation(context: string, issue: ValidationIssue | undefined): string {
  if (!issue) return `The ${context} is not valid.`;
  const where = `${context}${issue.instancePath.replaceAll('/', '.')}`;
  switch (issue.keyword) {
    case 'additionalProperties':
      return `${where} has a field Hearth does not accept: "${String(issue.params.additionalProperty)}".`;
    case 'required':
      return `${where} is missing the required field "${String(issue.params.missingProperty)}".`;
    // A date outside its range (ajv-formats says "must be > 1900-01-01"): in words.
    case 'formatExclusiveMinimum':
      return `${where} must be after ${String(issue.params.limit)}.`;
    case 'formatMinimum':
      return `${where} must be on or after ${String(issue.params.limit)}.`;
    default:
      return `${where} ${issue.message ?? 'is not valid'}.`;
  }
}

export function toErrorResponse(
  err: FastifyError | Error,
  requestId: string,
  bodyLimit: number,
): { status: number; body: ErrorBody } {
  if (err instanceof AuditWriteError) {
    const message =
      'Hearth could not record this access in the audit trail, so it did not carry it out. Please try again in a moment.';
    return { status: 503, body: { error: { code: 'audit_unavailable', message } } };
  }
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message } } };
  }
  if (err instanceof DocumentIntegrityError) {
    const message =
      'This document failed its integrity check: its stored bytes are not what was uploaded, so Hearth did not send it. Your privacy officer has been alerted; the document needs restoring from a backup.';
    return { status: 500, body: { error: { code: 'document_integrity_failed', message } } };
  }
  if (err instanceof KeyError) {
    // An altered or misplaced ciphertext, or a key missing from the key provider: never shown
    // as garbage, never described in detail (the log keeps the error's type and stack).
    const message = `A stored record could not be decrypted — it was altered, or the key that protects it is missing — so Hearth did not show it. Tell your administrator and give this reference: ${requestId}.`;
    return { status: 500, body: { error: { code: 'stored_data_unreadable', message } } };
  }
  const fe = err as FastifyError & { validation?: ValidationIssue[] };
  if (fe.validation) {
    const message = describeValidation(fe.validationContext ?? 'request', fe.validation[0]);
    return { status: 400, body: { error: { code: 'validation_failed', message } } };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const message = `The request body is larger than the ${bodyLimit} bytes Hearth accepts.`;
    return { status: 413, body: { error: { code: 'payload_too_large', message } } };
  }
  const known = fe.code ? FRAMEWORK_4XX[fe.code] : undefined;
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    const body = known ?? {
      code: status === 429 ? 'rate_limited' : 'bad_request',
      message:
        status === 429
          ? 'Too many requests; wait a moment and try again.'
          : 'The request is not valid.',
    };
    return { status, body: { error: body } };
  }
  const message = `Something went wrong on our side. Please try again; if it keeps happening, give your administrator this reference: ${requestId}.`;
  return { status: status === 503 ? 503 : 500, body: { error: { code: 'internal', message } } };
}

export function registerErrorHandling(
  app: HearthApp,
  bodyLimit: number,
  onAuditFailure: (practiceId: string) => Promise<void>,
): void {
  const handle = (err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    // A route may accept more than the default (a note's long fields): name its own limit.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const { status, body } = toErrorResponse(err, request.id, limit);
    // The failed transaction has rolled back by now; the alert goes through its own.
    if (err instanceof AuditWriteError && err.practiceId) void onAuditFailure(err.practiceId);
    // The error serialiser (logging.ts safeError) keeps type, code and stack frames only.
    if (status >= 500) request.log.error({ err }, 'request failed');
    if (err instanceof RateLimitedError)
      void reply.header('retry-after', String(err.retryAfterSeconds));
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  };
  app.setErrorHandler(handle);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: { code: 'not_found', message: `There is no ${request.method} route at this address.` },
    }),
  );
}

/** Router-level failures (bad percent-encoding, over-long parameters) get the same shape. */
export function frameworkErrorHandler(bodyLimit: number) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A route may accept more than the default (a note's long fields): name its own limit.
    const limit = request.routeOptions?.bodyLimit ?? bodyLimit;
    const { status, body } = toErrorResponse(err, request.id, limit);
    void reply.code(status).type('application/json; charset=utf-8').send(body);
  };
}
