import pino, { type Logger } from 'pino';
import type { Writable } from 'node:stream';

/**
 * The hub's structured JSON logger. Patron data never reaches a log line: requests are logged
 * by route pattern only (no URL — `?email=` or a path segment would leak), bodies are never logged, and the
 * redact list is a second line of defence for fields that might slip into a log call.
 */
export function createLogger(options: { level?: string; destination?: Writable } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'liaison-hub' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          '*.email',
          '*.barcode',
          '*.patron',
          '*.name',
          'email',
          'barcode',
          'patron',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: { method: string; url: string; routeOptions?: { url?: string } }) => ({
          method: request.method,
          // An unmatched URL is not logged at all: `/anything/<e-mail>` would put the patron in the log.
          route: request.routeOptions?.url ?? (request.url === undefined ? undefined : '(no route)'),
        }),
        res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
      },
    },
    options.destination,
  );
}
