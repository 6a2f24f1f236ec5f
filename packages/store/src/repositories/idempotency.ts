/**
 * Idempotency keys for retried deliveries (Slack retries an event, a browser resends a POST).
 * `remember(scope, key, work)` runs `work` once and stores its response in the same transaction
 * as the writes `work` makes, so either both happen or neither does; a retry with the same key
 * gets the stored response back without running `work` again. Concurrent retries queue on the
 * key's row: the first inserts it, the others wait for its commit, then read its response.
 * A key sent again with a different request (another fingerprint) is refused, not replayed.
 */
import { CompiledQuery } from 'kysely';
import { json } from '../database.js';
import { inTransaction, type Executor } from '../executor.js';

export interface Remembered<Response> {
  response: Response;
  /** True when this is a stored response from an earlier call with the same key. */
  replayed: boolean;
}

export interface RememberOptions {
  /** The current time; the key expires `ttlSeconds` after it. */
  now: Date;
  /**
   * What the request asked for, as a digest (e.g. SHA-256 of its body). A later call with the same
   * key but another fingerprint is refused with IdempotencyKeyReusedError: it is a new request
   * sent with an old key, and answering it with the first response would silently drop it.
   */
  fingerprint?: string;
  /** How long a key is remembered, in seconds (default 86,400: one day). */
  ttlSeconds?: number;
}

/** An idempotency key was sent again with a different request than the one it was first used with. */
export class IdempotencyKeyReusedError extends Error {
  /** `firstResponse`: what the key's first request was answered with (the caller decides how much of it to tell). */
  constructor(
    readonly key: string,
    readonly firstResponse: unknown,
  ) {
    super(`the idempotency key "${key}" was already used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

// Written once as SQL text: these run on every create with a key.
const claimStatement =
  'insert into idempotency_keys (scope, key, response, fingerprint, created_at, expires_at) values ($1, $2, null, $3, $4, $5) ' +
  'on conflict (scope, key) do update set response = null, fingerprint = excluded.fingerprint, created_at = excluded.created_at, expires_at = excluded.expires_at ' +
  'where idempotency_keys.expires_at <= excluded.created_at returning key';
const saveResponseStatement = 'update idempotency_keys set response = $3 where scope = $1 and key = $2';

export class IdempotencyRepository<Scope> {
  /** `bind` gives `work` the store's repositories on the guarding transaction. */
  constructor(
    private readonly db: Executor,
    private readonly bind: (trx: Executor) => Scope,
  ) {}

  /** Runs `work` once per (scope, key) until the key expires; later calls return its stored JSON response. */
  async remember<Response>(scope: string, key: string, work: (store: Scope) => Promise<Response>, options: RememberOptions): Promise<Remembered<Response>> {
    const expiresAt = new Date(options.now.getTime() + (options.ttlSeconds ?? 86_400) * 1000);
    return inTransaction(this.db, async (trx) => {
      // One statement claims the key: a new key is inserted, an expired one taken over, and a live
      // one left as it is (and locked, so a concurrent retry waits for the first to commit).
      const claimed = await trx.executeQuery(CompiledQuery.raw(claimStatement, [scope, key, options.fingerprint ?? null, options.now, expiresAt]));
      if (claimed.rows.length === 0) {
        const stored = await trx
          .selectFrom('idempotency_keys')
          .select(['response', 'fingerprint'])
          .where('scope', '=', scope)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        if (stored.fingerprint !== null && options.fingerprint !== undefined && stored.fingerprint !== options.fingerprint) {
          throw new IdempotencyKeyReusedError(key, stored.response);
        }
        return { response: stored.response as Response, replayed: true };
      }
      const response = await work(this.bind(trx));
      const stored = json(response);
      await trx.executeQuery(CompiledQuery.raw(saveResponseStatement, [scope, key, stored]));
      // Return what a retry will get: the response as it went through JSON.
      return { response: JSON.parse(stored) as Response, replayed: false };
    });
  }

  /** Forgets keys that expired at or before `now`. Returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
