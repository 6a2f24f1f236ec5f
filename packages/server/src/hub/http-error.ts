import type { ZodType } from 'zod';
import type { ErrorCode, Issue } from '@liaison/core';

/**
 * An error the API answers with: an HTTP status, a stable code, a sentence, where relevant the
 * issues, and any fields a client acts on (`details`, sent inside `error`).
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
    readonly details: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Parses untrusted input once at the edge; a bad body is a 400 naming each bad field. */
export function parseInput<T>(schema: ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: Issue[] = result.error.issues.map((issue) => ({
    path: issue.path.filter((key): key is string | number => typeof key !== 'symbol'),
    message: issue.message,
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  throw new HttpError(400, 'invalid_request', `The ${what} is not valid: ${where}${first?.message ?? 'unknown problem'}.`, issues);
}
