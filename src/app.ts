import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyHttpsOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import type { Database } from './platform/db/database.ts';
import type { Logger } from './platform/logging.ts';
import { frameworkErrorHandler, registerErrorHandling } from './platform/http/error-handler.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerRejectNul } from './platform/http/reject-nul.ts';
import { registerRequestLog } from './platform/http/request-log.ts';
import { ErrorResponse } from './platform/http/schemas.ts';
import { buildValidatorCompiler } from './platform/http/validation.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerHostCheck } from './platform/http/host-check.ts';
import cookie from '@fastify/cookie';
import { healthRoutes } from './health/routes.ts';
import { authRoutes } from './auth/routes.ts';
import { mfaRoutes } from './auth/mfa/routes.ts';
import { passkeyRoutes } from './auth/mfa/passkey-routes.ts';
import { mfaDeviceRoutes } from './auth/mfa/devices-routes.ts';
import type { FieldCipher } from './platform/crypto/field.ts';
import type { DocumentVault } from './platform/vault/document-vault.ts';
import type { RateLimits } from './platform/limits/rate-limits.ts';
import { auditRoutes } from './audit/routes.ts';
import { alertRoutes } from './alerts/routes.ts';
import { practiceRoutes } from './practices/routes.ts';
import { staffRoutes } from './staff/routes.ts';
import { passwordRoutes } from './auth/password-routes.ts';
import { baaRoutes } from './practices/baa/routes.ts';
import { clientRoutes } from './clients/routes.ts';
import { diagnosisRoutes } from './diagnoses/routes.ts';
import { insuranceRoutes } from './insurance/routes.ts';
import { schedulingRoutes } from './scheduling/routes.ts';
import { noteRoutes } from './notes/routes.ts';
import { safetyPlanRoutes } from './safety-plans/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { chartRoutes } from './chart/routes.ts';
import type { FeatureDeps } from './platform/http/feature-deps.ts';
import { registerAuthentication } from './auth/authenticate.ts';
import { registerPermissionCheck } from './auth/permission-check.ts';
import { recordRoutes } from './platform/http/route-map.ts';
import { registerRequestBudgets } from './auth/request-budgets.ts';
import { AUDIT_WRITE_FAILED, raiseAlert } from './platform/alerts/alerts.ts';
import { webRoutes } from './web/routes.ts';
import { HEARTH_VERSION } from './version.ts';
import type { HearthApp } from './platform/http/types.ts';

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
  https?: FastifyHttpsOptions<never>['https'];
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

  await app.register(healthRoutes(options.db));
  await app.register(authRoutes(options.db, options.limits));
  await app.register(mfaRoutes(options.db, options.fields, options.limits));
  await app.register(passkeyRoutes(options.db, options.limits, config.publicUrl));
  await app.register(mfaDeviceRoutes(options.db, options.limits));
  await app.register(auditRoutes(options.db));
  await app.register(alertRoutes(options.db));
  await app.register(practiceRoutes(options.db));
  await app.register(staffRoutes(options.db, options.limits, config.publicUrl));
  await app.register(passwordRoutes(options.db, options.limits, config.publicUrl));
  await app.register(baaRoutes(options.db));
  await app.register(clientRoutes(options.db));
  const deps: FeatureDeps = {
    db: options.db,
    fields: options.fields,
    limits: options.limits,
    vault: options.vault,
    publicUrl: config.publicUrl,
  };
  await app.register(diagnosisRoutes(deps));
  await app.register(insuranceRoutes(deps));
  await app.register(schedulingRoutes(deps));
  await app.register(noteRoutes(deps));
  await app.register(safetyPlanRoutes(deps));
  await app.register(documentRoutes(deps));
  await app.register(chartRoutes(deps));
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
