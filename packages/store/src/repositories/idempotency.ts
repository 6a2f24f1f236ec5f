/**
 * Idempotency keys for retried deliveries (Slack retries an event, a browser resends a POST).
 * `remember(scope, key, work)` runs `work` once and stores its response in the same transaction
 * as the writes `work` makes, so either both happen or neither does; a retry with the same key
 * gets the stored response back without running `work` again. Concurrent retries queue on the
 * key's row: the first inserts it, the others wait for its commit, then read its response.
 */
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
  /** How long a key is remembered, in seconds (default 86,400: one day). */
  ttlSeconds?: number;
}

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
      await trx
        .deleteFrom('idempotency_keys')
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('expires_at', '<=', options.now)
        .execute();
      const claimed = await trx
        .insertInto('idempotency_keys')
        .values({ scope, key, response: null, created_at: options.now, expires_at: expiresAt })
        .onConflict((conflict) => conflict.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      if (!claimed) {
        const stored = await trx
          .selectFrom('idempotency_keys')
          .select('response')
          .where('scope', '=', scope)
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        return { response: stored.response as Response, replayed: true };
      }
      const response = await work(this.bind(trx));
      await trx
        .updateTable('idempotency_keys')
        .set({ response: json(response) })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
      // Return what a retry will get: the response as it went through JSON.
      return { response: JSON.parse(json(response)) as Response, replayed: false };
    });
  }

  /** Forgets keys that expired at or before `now`. Returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
