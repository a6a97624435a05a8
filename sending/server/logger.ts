/**
 * `serve`'s log: pino, one JSON object per line on stdout (`level` as a word, `time` as ISO 8601, `msg`). Every
 * string in a line — the message, every field, nested objects, an error's message and stack — goes through
 * `maskAddresses` before it is written, so a customer's address can never reach the log whole, whatever code
 * logged it. Secrets are never given to the logger; `authorization` headers and cookies are censored anyway.
 */
import pino, { type DestinationStream } from 'pino';
import { type Logger, type LogLevel, maskAddresses } from '../engine/telemetry';

export { isLogLevel, LOG_LEVELS, type LogLevel } from '../engine/telemetry';

export type ServerLogger = Logger & Readonly<{ flush(): void }>;

/** Depth past which a field is not walked (a log line is not a document). */
const MAX_DEPTH = 8;

function masked(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskAddresses(value);
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: maskAddresses(value.message),
      ...(value.stack ? { stack: maskAddresses(value.stack) } : {}),
    };
  if (Array.isArray(value)) return value.map((v) => masked(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, depth + 1)]));
}

export function createServerLogger(
  options: Readonly<{ level?: LogLevel; destination?: DestinationStream }> = {},
): ServerLogger {
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => masked(object) as Record<string, unknown>,
      },
      redact: {
        paths: ['authorization', 'cookie', 'headers.authorization', 'headers.cookie', '*.authorization'],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => (typeof a === 'string' ? maskAddresses(a) : a));
          method.apply(this, clean as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? pino.destination({ fd: 1, sync: true }),
  );
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    warn: (fields, message) => logger.warn(fields, message),
    error: (fields, message) => logger.error(fields, message),
    flush: () => logger.flush(),
  };
}
