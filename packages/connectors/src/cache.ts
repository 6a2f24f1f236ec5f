/**
 * Reusing a source's recent answers, so a ticket opened twice or a request list of fifty titles
 * does not ask the ILS again within `ttlSeconds`. Keys are hashed: a look-up by e-mail is stored
 * under a SHA-256, never the e-mail itself.
 */
import { createHash, createHmac } from 'node:crypto';

/** Where answers are kept. The store implements it over its database; `memoryCache()` for one process. */
export interface Cache {
  /** The value stored under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<unknown | undefined>;
  set(key: string, value: unknown, expiresAt: Date): Promise<void>;
}

export interface CacheOptions {
  /** How long an answer may be reused, in seconds. */
  ttlSeconds: number;
  now: () => Date;
  /** When set, keys are HMAC-SHA-256 with this secret, so a leaked cache cannot be matched against a list of e-mails. */
  keySecret?: string;
}

/** A cache held in this process's memory. `now` decides expiry (injected by tests). */
export function memoryCache({ now = () => new Date() }: { now?: () => Date } = {}): Cache & { readonly size: number } {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= now().getTime()) {
        entries.delete(key);
        return undefined;
      }
      // A copy, as a database would give: a caller changing its answer must not change the cache.
      return structuredClone(entry.value);
    },
    async set(key, value, expiresAt) {
      entries.set(key, { value: structuredClone(value), expiresAt: expiresAt.getTime() });
    },
  };
}

/**
 * Wraps every method of a source (PatronSource, HoldingsSource…) so that answers are reused for
 * `ttlSeconds`. Keyed by system, method and arguments (an AbortSignal is not part of the key).
 * Failures and empty answers (null, undefined) are not kept: a patron registered a minute ago
 * must be found. A cache that fails is skipped, never failing the look-up.
 */
export function withCache<S extends { readonly system: string }>(source: S, cache: Cache, options: CacheOptions): S {
  const { ttlSeconds, now, keySecret } = options;
  const wrapped: Record<string, unknown> = { system: source.system };
  for (const method of methodNames(source)) {
    const original = (source as Record<string, unknown>)[method] as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args: unknown[]) => {
      const key = `${source.system}:${method}:${digest(stableJson(withoutTrailingOptions(args)), keySecret)}`;
      const cached = await cache.get(key).catch(() => undefined);
      if (cached !== undefined && cached !== null) return cached;
      const answer = await original.apply(source, args);
      if (answer !== undefined && answer !== null) {
        const expiresAt = new Date(now().getTime() + ttlSeconds * 1000);
        await cache.set(key, answer, expiresAt).catch(() => undefined);
      }
      return answer;
    };
  }
  return wrapped as S;
}

function methodNames(source: object): string[] {
  const names = new Set<string>();
  for (let object: object | null = source; object && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const name of Object.getOwnPropertyNames(object)) {
      if (name !== 'constructor' && typeof (source as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

// `findPatron(by)` and `findPatron(by, { signal })` ask the same question.
function withoutTrailingOptions(args: unknown[]): unknown[] {
  const kept = [...args];
  while (kept.length > 0 && ['undefined', '{}'].includes(String(stableJson(kept[kept.length - 1])))) kept.pop();
  return kept;
}

function digest(text: string, secret: string | undefined): string {
  return (secret ? createHmac('sha256', secret) : createHash('sha256')).update(text).digest('hex');
}

// JSON with sorted keys, so { email, barcode } and { barcode, email } share a key; signals and
// undefined values are left out.
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof AbortSignal !== 'undefined' && item instanceof AbortSignal) return undefined;
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return item;
  });
}

/** What the store's cache repository offers (`store.cache`): a get that takes the time, and a set. */
export interface CacheRepositoryLike {
  get(key: string, now: Date): Promise<unknown | undefined>;
  set(key: string, value: unknown, expiresAt: Date): Promise<void>;
}

/** A Cache over the store's cache table, shared by every hub on the database: `storeCache(store.cache, { now })`. */
export function storeCache(repository: CacheRepositoryLike, { now }: { now: () => Date }): Cache {
  return {
    get: (key) => repository.get(key, now()),
    set: (key, value, expiresAt) => repository.set(key, value, expiresAt),
  };
}
