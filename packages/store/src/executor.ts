/**
 * What a repository runs its SQL on: the store's Kysely, or a transaction on it. Repositories
 * are built over either, so one `store.transaction()` can span several of them.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** Runs `work` in a transaction: the caller's own if `db` already is one, else a new one. */
export async function inTransaction<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx) => work(trx));
}
