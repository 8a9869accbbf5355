import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyHttpsOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/load.ts';
import type { Database } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import { frameworkErrorHandler, registerErrorHandling } from '../platform/http/error-handler.ts';
import { registerOpenApi } from '../platform/http/openapi.ts';
import { registerRejectNul } from '../platform/http/reject-nul.ts';
import { registerRequestLog } from '../platform/http/request-log.ts';
import { ErrorResponse } from '../platform/http/schemas.ts';
import { buildValidatorCompiler } from '../platform/http/validation.ts';
import { registerSecurityHeaders } from '../platform/http/security-headers.ts';
import { registerHostCheck } from '../platform/http/host-check.ts';
import { recordRoutes } from '../platform/http/route-map.ts';
import cookie from '@fastify/cookie';
import { healthRoutes } from '../health/index.ts';
import {
  authRoutes,
  mfaRoutes,
  passkeyRoutes,
  mfaDeviceRoutes,
  passwordRoutes,
  registerAuthentication,
  registerRequestBudgets,
  registerPermissionCheck,
} from '../auth/index.ts';
import { signupRoutes, practiceRoutes, baaRoutes } from '../practices/index.ts';
import type { FieldCipher } from '../platform/crypto/field.ts';
import type { DocumentVault } from '../platform/document-vault/document-vault.ts';
import type { RateLimits } from '../platform/limits/rate-limits.ts';
import { auditRoutes } from '../audit-log/index.ts';
import { alertRoutes } from '../alerts/index.ts';
import { staffRoutes } from '../staff/index.ts';
import { clientRoutes } from '../clients/index.ts';
import { diagnosisRoutes } from '../diagnoses/index.ts';
import { insuranceRoutes } from '../insurance/index.ts';
import { schedulingRoutes } from '../scheduling/index.ts';
import { noteRoutes } from '../notes/index.ts';
import { safetyPlanRoutes } from '../safety-plans/index.ts';
import { documentRoutes } from '../documents/index.ts';
import { chartRoutes } from '../chart/index.ts';
import { digestRoutes, reminderReplyRoutes, reminderRoutes } from '../reminders/index.ts';
import { messagingRoutes, type MessagingDeps } from '../messaging/index.ts';
import type { FeatureDeps } from '../platform/http/feature-deps.ts';
import { AUDIT_WRITE_FAILED, raiseAlert } from '../platform/alerting/alerts.ts';
import { webRoutes } from '../web-serving/index.ts';
import { HEARTH_VERSION } from '../platform/version.ts';
import type { HearthApp } from '../platform/http/types.ts';
import type { NumberDigester } from '../platform/sms/phone.ts';

export interface AppOptions {
  config: Pick<
    Config,
    | 'bodyLimitBytes'
    | 'tlsMode'
    | 'trustedProxies'
    | 'publicUrl'
    | 'sessionRateLimit'
    | 'practiceRateLimit'
  >;
  /** Signs session cookies (see auth/session-secret.ts). */
  sessionSecret: string;
  /** Field encryption for secrets and free-text PHI. */
  fields: FieldCipher;
  /** Shared through Redis when REDIS_URL is set. */
  limits: RateLimits;
  /** Encrypted documents (keys from the key provider, bytes in the blob store). */
  vault: DocumentVault;
  db: Database;
  logger: Logger;
  /** Twilio's webhooks: its auth token, the number digests, the reminders' reply handler. */
  messaging?: MessagingDeps | undefined;
  https?: FastifyHttpsOptions<never>['https'];
  /** Keyed digests of phone numbers (platform/sms/phone.ts): SMS opt-outs and replies. */
  numbers?: NumberDigester;
}

/** Builds the whole HTTP application without listening, so tests can `inject()` into it. */
export async function buildApp(options: AppOptions): Promise<HearthApp> {
  const { config } = options;
  const app = Fastify({
    loggerInstance: options.logger,
    https: options.https ?? null,
    // Our own request line (request-log.ts) replaces Fastify's, which would log the raw URL.
    logController: new LogController({ disableRequestLogging: true }),
    // Request ids are ours: a client-supplied id would be logged verbatim.
    requestIdHeader: false,
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.tlsMode === 'behind-proxy' ? config.trustedProxies : false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: false },
    frameworkErrors: frameworkErrorHandler(config.bodyLimitBytes),
    schemaController: {
      compilersFactory: {
        // Fastify types this factory as Ajv's own compile; ours takes Fastify's route definition.
        buildValidator: ((external: Record<string, unknown>) =>
          buildValidatorCompiler(external)) as never,
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as HearthApp;

  app.decorateRequest('actor', null);
  recordRoutes(app);
  app.addSchema(ErrorResponse);
  registerErrorHandling(app, config.bodyLimitBytes, (practiceId) =>
    raiseAlert(options.db, options.logger, practiceId, AUDIT_WRITE_FAILED),
  );
  await registerSecurityHeaders(app);
  registerHostCheck(app, config.publicUrl);
  registerRejectNul(app);
  registerRequestLog(app);
  await registerOpenApi(app, HEARTH_VERSION);
  await app.register(cookie, { secret: options.sessionSecret, algorithm: 'sha256' });
  registerAuthentication(app, options.db, config.publicUrl);
  registerPermissionCheck(app, options.db);
  if (config.tlsMode === 'behind-proxy') requireForwardedHttps(app, config.publicUrl);
  registerRequestBudgets(app, options.db, options.limits, {
    sessionPerMinute: config.sessionRateLimit,
    practicePerMinute: config.practiceRateLimit,
  });

  const deps: FeatureDeps = {
    db: options.db,
    fields: options.fields,
    limits: options.limits,
    vault: options.vault,
    publicUrl: config.publicUrl,
    numbers: options.numbers,
  };
  // Every feature's routes take the same dependencies: a new feature is one more line here.
  const features = [
    healthRoutes,
    signupRoutes,
    authRoutes,
    mfaRoutes,
    passkeyRoutes,
    mfaDeviceRoutes,
    auditRoutes,
    alertRoutes,
    practiceRoutes,
    staffRoutes,
    passwordRoutes,
    baaRoutes,
    clientRoutes,
    diagnosisRoutes,
    insuranceRoutes,
    schedulingRoutes,
    noteRoutes,
    safetyPlanRoutes,
    documentRoutes,
    chartRoutes,
    reminderRoutes,
    reminderReplyRoutes,
    digestRoutes,
  ];
  for (const routes of features) await app.register(routes(deps));
  await app.register(messagingRoutes(deps, options.messaging));
  await app.register(webRoutes());
  return app;
}

/**
 * Behind a proxy, a request that reached the proxy over plain HTTP is sent back to HTTPS, at
 * the public address (a redirect built from the Host header could point anywhere).
 */
function requireForwardedHttps(app: HearthApp, publicUrl: string): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol !== 'https') {
      return reply.redirect(`${publicUrl}${request.url}`, 308);
    }
  });
}
