/**
 * JSON with every object's keys sorted, so equal values give equal text whatever their key order
 * (PostgreSQL's jsonb keeps keys in its own order; clients send them in theirs).
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

/** A digest of a request's content, e.g. to tell a retried request from a new one sent with an old idempotency key. */
export function requestFingerprint(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
