import type { ZodType } from 'zod';
import { LiaisonError, type Issue } from '@liaison/core';

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
  throw new LiaisonError('invalid_request', `The ${what} is not valid: ${where}${first?.message ?? 'unknown problem'}.`, issues);
}
