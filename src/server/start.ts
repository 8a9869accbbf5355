import type { Server } from 'node:http';
import { once } from 'node:events';
import type { Config } from './config/load.ts';
import { buildApp, type AppOptions } from './app.ts';
import type { Database } from '../platform/db/database.ts';
import { StartupError } from '../platform/db/open.ts';
import type { Logger } from '../platform/logging.ts';
import { createRedirectServer } from '../platform/http/redirect-server.ts';
import type { HearthApp } from '../platform/http/types.ts';
import { loadTlsMaterial, type TlsMaterial } from '../platform/tls/certificate.ts';
import { httpsOptions } from '../platform/tls/options.ts';
import { loadSessionSecret } from '../auth/index.ts';
import { loadNumberKey, NumberDigester } from '../platform/sms/phone.ts';

/** The certificate the server will use; loaded before anything slow so a bad file fails fast. */
export function loadServerTls(config: Config): Promise<TlsMaterial> {
  return loadTlsMaterial({
    certFile: config.tlsCertFile,
    keyFile: config.tlsKeyFile,
    dataDir: config.dataDir,
  });
}

export interface RunningServer {
  app: HearthApp;
  url: string;
  tls: TlsMaterial | undefined;
  redirect: Server | undefined;
  close(): Promise<void>;
}

/** Listens: HTTPS (or plain HTTP behind a proxy) on the main port, redirects on the other. */
export async function startServer(
  config: Config,
  db: Database,
  logger: Logger,
  services: Pick<AppOptions, 'fields' | 'limits' | 'vault' | 'messaging' | 'numbers'>,
  preloadedTls?: TlsMaterial,
): Promise<RunningServer> {
  const behindProxy = config.tlsMode === 'behind-proxy';
  const tls = behindProxy ? undefined : (preloadedTls ?? (await loadServerTls(config)));
  const app = await buildApp({
    config,
    db,
    logger,
    sessionSecret: loadSessionSecret(config),
    ...services,
    numbers:
      services.numbers ??
      new NumberDigester(loadNumberKey({ numberKey: config.numberKey, dataDir: config.dataDir })),
    ...(tls ? { https: httpsOptions(tls) } : {}),
  });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await app.close();
    throw listenError(err, 'HEARTH_PORT', config.port);
  }
  let redirect: Server | undefined;
  if (!behindProxy && config.httpPort !== 0) {
    redirect = createRedirectServer(config.publicUrl);
    redirect.listen(config.httpPort, config.host);
    try {
      await Promise.race([
        once(redirect, 'listening'),
        once(redirect, 'error').then(([err]) => Promise.reject(err as Error)),
      ]);
    } catch (err) {
      await app.close();
      throw listenError(err, 'HEARTH_HTTP_PORT', config.httpPort);
    }
  }
  return {
    app,
    url: config.publicUrl,
    tls,
    redirect,
    async close() {
      redirect?.closeAllConnections();
      await Promise.all([
        app.close(),
        redirect ? new Promise<void>((resolve) => redirect.close(() => resolve())) : undefined,
      ]);
    },
  };
}

function listenError(err: unknown, variable: string, port: number): StartupError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return new StartupError(`port ${port} is already in use; set ${variable} to a free port`);
  }
  if (code === 'EACCES') {
    return new StartupError(`no permission to listen on port ${port}; set ${variable} above 1023`);
  }
  return new StartupError(`cannot listen on port ${port} (${variable}): ${code ?? 'error'}`);
}
