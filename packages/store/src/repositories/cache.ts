/**
 * A small key-value cache for connector answers (holdings, prices, open-access look-ups), shared
 * by every hub on the database so a title looked up by one is not looked up again by another.
 */
import { json } from '../database.js';
import type { Executor } from '../executor.js';

export class CacheRepository {
  constructor(private readonly db: Executor) {}

  /** The cached value, or undefined if absent or expired at `now`. */
  async get<Value>(key: string, now: Date): Promise<Value | undefined> {
    const row = await this.db
      .selectFrom('cache_entries')
      .select('value')
      .where('key', '=', key)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ? (row.value as Value) : undefined;
  }

  /** Stores a JSON value until `expiresAt`, replacing any earlier one. */
  async set(key: string, value: unknown, expiresAt: Date): Promise<void> {
    await this.db
      .insertInto('cache_entries')
      .values({ key, value: json(value), expires_at: expiresAt })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: json(value), expires_at: expiresAt }))
      .execute();
  }

  /** Removes one entry. */
  async delete(key: string): Promise<void> {
    await this.db.deleteFrom('cache_entries').where('key', '=', key).execute();
  }

  /** Removes entries expired at `now`. Returns how many. */
  async purgeExpired(now: Date): Promise<number> {
    const result = await this.db.deleteFrom('cache_entries').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
