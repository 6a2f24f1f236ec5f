/**
 * Text the store cannot keep: PostgreSQL refuses a NUL character (U+0000) in text and JSON, and a
 * lone UTF-16 surrogate (half of an emoji, cut) has no UTF-8 form. Either used to reach the store
 * and answer 500. The hub refuses such text where it enters — a body, the query, the path, a
 * header, a JWT's claims — with a 400 that names the field.
 */
import type { FastifyRequest } from 'fastify';
import { LiaisonError } from '@liaison/core';

export type TextProblem = 'a NUL character (U+0000)' | 'half of a character (a lone UTF-16 surrogate)';

/** What is wrong with one text, or undefined when the store can keep it. */
export function textProblem(text: string): TextProblem | undefined {
  if (text.includes('\u0000')) return 'a NUL character (U+0000)';
  // With the u flag a surrogate pair is one code point; only a lone half matches.
  if (/\p{Cs}/u.test(text)) return 'half of a character (a lone UTF-16 surrogate)';
  return undefined;
}

/**
 * The first text in `value` (keys included) the store cannot keep, with its path, e.g.
 * `['patron', 'email']`. Walked without recursion: a 1 MiB body of nested arrays must not
 * exhaust the stack.
 */
export function findUnstorableText(value: unknown): { path: (string | number)[]; problem: TextProblem } | undefined {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: item, path } = next;
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return { path, problem };
    } else if (Array.isArray(item)) {
      for (let index = item.length - 1; index >= 0; index--) pending.push({ value: item[index], path: [...path, index] });
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index]!;
        const problem = textProblem(key);
        if (problem) return { path: [...path, key], problem };
        pending.push({ value: child, path: [...path, key] });
      }
    }
  }
  return undefined;
}

function refuse(path: (string | number)[], problem: TextProblem): never {
  const field = path.join('.');
  throw new LiaisonError('unstorable_text', `The request's ${field} has ${problem}, which the hub cannot store; remove it and send again.`, [
    { path, message: `has ${problem}` },
  ]);
}

/**
 * Throws a 400 naming the field (`body.question`, `query.email`, `params.token`,
 * `headers.idempotency-key`, `jwt.sub`) when the request carries text the store cannot keep.
 */
export function refuseUnstorableText(request: FastifyRequest): void {
  const parts = { params: request.params, query: request.query, headers: request.headers, body: request.body };
  for (const [part, value] of Object.entries(parts)) {
    const found = findUnstorableText(value);
    if (found) refuse([part, ...found.path], found.problem);
  }
  const principal = request.principal;
  if (!principal) return;
  // A Zendesk JWT's `sub` and name are the caller's own claims, and go into the audit log.
  const claims = principal.via === 'zendesk_jwt' ? { sub: principal.id, name: principal.name } : { id: principal.id, name: principal.name };
  const found = findUnstorableText(claims);
  if (found) refuse([principal.via === 'zendesk_jwt' ? 'jwt' : 'principal', ...found.path], found.problem);
}
