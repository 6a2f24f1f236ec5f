/**
 * A Kysely dialect for embedded PGlite. PGlite is one Postgres backend with one session, so
 * there is exactly one connection: every query and every transaction takes it in turn. Without
 * that queue a query from one request could run inside another request's open transaction.
 * The queue belongs to the PGlite instance (not to one Kysely), so several stores that share
 * an instance — tests, each in its own schema — still take turns; each store's `search_path`
 * is set again whenever the connection passes to it.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** The one connection of a PGlite instance, and who is waiting for it. */
interface SessionQueue {
  busy: boolean;
  waiting: (() => void)[];
  /** The schema the session's search_path points at now. */
  searchPath: string;
}

const queues = new WeakMap<PGlite, SessionQueue>();

function queueOf(database: PGlite): SessionQueue {
  let queue = queues.get(database);
  if (!queue) {
    queue = { busy: false, waiting: [], searchPath: 'public' };
    queues.set(database, queue);
  }
  return queue;
}

/** Quotes an identifier for SQL ("my""schema"). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly database: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.database.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const command = (result as { command?: string }).command;
    const counts = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
    return counts ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows ?? 0) } : { rows: result.rows };
  }

  async *streamQuery<R>(compiledQuery: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over its one session; read the whole result, hand it out in chunks.
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let start = 0; start < rows.length; start += chunkSize) yield { rows: rows.slice(start, start + chunkSize) };
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private readonly queue: SessionQueue;

  constructor(
    private readonly database: PGlite,
    private readonly schema: string,
    private readonly closeOnDestroy: boolean,
  ) {
    this.connection = new PGliteConnection(database);
    this.queue = queueOf(database);
  }

  async init(): Promise<void> {
    await this.database.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.queue.busy) await new Promise<void>((resolve) => this.queue.waiting.push(resolve));
    this.queue.busy = true;
    if (this.queue.searchPath !== this.schema) {
      try {
        await this.database.query(`set search_path to ${quoteIdentifier(this.schema)}`);
      } catch (error) {
        await this.releaseConnection();
        throw error;
      }
      this.queue.searchPath = this.schema;
    }
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const next = this.queue.waiting.shift();
    // Hand the session straight to the next in line, so nobody can slip in between.
    if (next) next();
    else this.queue.busy = false;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const modes = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean);
    await connection.executeQuery(CompiledQuery.raw(`start transaction ${modes.join(', ')}`));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(name)}`));
  }

  async destroy(): Promise<void> {
    if (this.closeOnDestroy && !this.database.closed) await this.database.close();
  }
}

export interface PGliteDialectOptions {
  database: PGlite;
  /** The schema this store's tables live in; the session's search_path is pointed at it. */
  schema?: string;
  /** Close the PGlite instance when the Kysely instance is destroyed (true when the store opened it). */
  closeOnDestroy?: boolean;
}

/** Kysely dialect over one PGlite instance: Postgres SQL, one connection taken in turn. */
export class PGliteDialect implements Dialect {
  constructor(private readonly options: PGliteDialectOptions) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PGliteDriver(this.options.database, this.options.schema ?? 'public', this.options.closeOnDestroy ?? false);
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
