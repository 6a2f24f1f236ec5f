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
          // The raw request Node's parser refused, as bytes: its query string and headers can name a patron.
          'rawPacket',
          '*.rawPacket',
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
        // An error's class and code, never its message or properties: a parser's message quotes the
        // body it choked on, and Node's client errors carry the raw request.
        err: (error: { name?: string; type?: string; code?: string; statusCode?: number }) => ({
          type: error.type ?? error.name,
          ...(error.code !== undefined ? { code: error.code } : {}),
          ...(error.statusCode !== undefined ? { statusCode: error.statusCode } : {}),
        }),
      },
    },
    options.destination,
  );
}
