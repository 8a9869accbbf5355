import { createLogger, type Logger } from '../platform/logging.ts';

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, raw. */
  text(): string;
  lines(): Record<string, unknown>[];
}

/** A real pino logger writing to memory, for asserting on exactly what would reach stdout. */
export function captureLogs(): CapturedLogs {
  const chunks: string[] = [];
  const logger = createLogger('trace', { write: (chunk: string) => void chunks.push(chunk) });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
