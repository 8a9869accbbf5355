import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './settings.ts';

export type { Logger };

/**
 * JSON logs to standard output, written asynchronously: lines logged while a write is under way
 * go out together in the next one, instead of one blocking write per line (a request's log line
 * was 6% of the server's CPU on a read, bench/README.md). pino writes what is still buffered
 * synchronously when the process exits, crash included (crash.test.ts). Nothing is serialised implicitly: request and response objects
 * and errors are reduced to allow-listed fields by the code that logs them (see request-log.ts
 * and error-handler.ts), so a body, header or query string cannot reach the log by accident.
 */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'hearth' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { req: () => undefined, res: () => undefined, err: safeError },
      // Libraries log their own objects at trace level: @fastify/multipart logs the request's
      // headers (the session cookie among them) as `busboyOptions`. Never written.
      redact: { paths: ['busboyOptions', 'headers', '*.headers'], remove: true },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

/**
 * What an error may tell the log: its class, its code and where it was thrown. Messages are
 * dropped because database and parser errors quote the values they choked on, and those values
 * can be PHI.
 */
export function safeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const e = err as Error & { code?: unknown; statusCode?: unknown };
  const frames = (e.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 12)
    .map((line) => line.trim());
  return {
    type: e.name,
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    stack: frames,
  };
}
