/**
 * Staff tokens the store has verified, remembered for a few seconds so a burst of requests with one
 * token (an extension badging a page, a dashboard loading) asks the database once, not once per
 * request. What keeps this safe:
 * - Only successful verifications are kept; an unknown, revoked or expired token is asked about every time.
 * - An entry lives at most `ttlMs` (default 5 s): a token revoked by another process (the command
 *   line, a second hub) stops working here within that time.
 * - A revocation made in this process calls `forget(tokenId)` (or `forgetAll()`), which takes
 *   effect at once.
 * - An entry never outlives the token's own expiry.
 * - Entries are keyed by the token's SHA-256, so no plaintext token is held beyond its request.
 */
import { createHash } from 'node:crypto';

/** What the cache needs of a verified token: its id (for `forget`) and, if it has one, its expiry. */
export interface VerifiedToken {
  id: string;
  expiresAt?: string | null;
}

export interface VerifiedTokenCache<T extends VerifiedToken> {
  /** The token's record: from memory if it was verified less than the time to live ago, else from `verify`. */
  verify(token: string): Promise<T | null>;
  /** Forgets every entry of one token (call it when the token is revoked in this process). */
  forget(tokenId: string): void;
  /** Forgets everything. */
  forgetAll(): void;
}

/** The default time a verified token is trusted without asking the store again, in ms. */
export const verifiedTokenTtlMs = 5_000;

export function cacheVerifiedTokens<T extends VerifiedToken>(
  verify: (token: string) => Promise<T | null>,
  options: { now: () => Date; ttlMs?: number; maxEntries?: number },
): VerifiedTokenCache<T> {
  const ttlMs = options.ttlMs ?? verifiedTokenTtlMs;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { record: T; from: number; until: number }>();
  // Bumped by every `forget`: a look-up that began before a revocation must not store what it read.
  let generation = 0;

  return {
    async verify(token) {
      if (ttlMs <= 0) return verify(token);
      const key = createHash('sha256').update(token, 'utf8').digest('base64');
      const now = options.now().getTime();
      const entry = entries.get(key);
      // `from`: a clock set back must not stretch an entry's life.
      if (entry && entry.from <= now && now < entry.until) return entry.record;
      if (entry) entries.delete(key);
      const asked = generation;
      const record = await verify(token);
      if (!record) return null;
      const expires = record.expiresAt ? Date.parse(record.expiresAt) : Number.POSITIVE_INFINITY;
      const until = Math.min(now + ttlMs, expires);
      if (until > now && asked === generation) {
        // A full cache starts again rather than growing: it only ever saves look-ups.
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { record, from: now, until });
      }
      return record;
    },
    forget(tokenId) {
      generation++;
      for (const [key, entry] of entries) if (entry.record.id === tokenId) entries.delete(key);
    },
    forgetAll() {
      generation++;
      entries.clear();
    },
  };
}
