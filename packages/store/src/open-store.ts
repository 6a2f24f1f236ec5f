/**
 * Opening the store: one SQL over two backends. With a `databaseUrl` it talks to a PostgreSQL
 * server through `pg` (several hubs may share it); otherwise it runs PGlite — Postgres compiled
 * to WebAssembly, in-process — with its files under `dataDir` (or in memory for `memory://`).
 * Either way the schema is migrated before `openStore` returns.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import { StoreError } from './errors.js';
import type { Executor } from './executor.js';
import { applyMigrations } from './migrations.js';
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { AuditRepository } from './repositories/audit.js';
import { AwayRepository } from './repositories/away.js';
import { CacheRepository } from './repositories/cache.js';
import { EvaluationRepository } from './repositories/evaluations.js';
import { HandoffRepository } from './repositories/handoffs.js';
import { IdempotencyRepository } from './repositories/idempotency.js';
import { JobRepository } from './repositories/jobs.js';
import { PurchaseRepository } from './repositories/purchases.js';
import { RubricRepository } from './repositories/rubrics.js';
import { TokenRepository } from './repositories/tokens.js';
import { SessionRepository } from './repositories/sessions.js';
import { PatronFeedbackRepository } from './repositories/patron-feedback.js';
import { listenInPGlite, listenOnServer, type HandoffChangeListener, type HandoffChangeSubscription } from './handoff-changes.js';

export interface StoreOptions {
  /** A PostgreSQL server, e.g. postgres://liaison@db.example.edu/liaison. When set, PGlite is not used. */
  databaseUrl?: string;
  /** Where embedded PGlite keeps its files (a `pglite` folder is made inside), or `memory://` for a throwaway database. */
  dataDir?: string;
  /** A Postgres schema to keep the tables in (default `public`); tests use a private one each. */
  schema?: string;
  /** An already-open PGlite instance to use instead of opening one; the store will not close it. */
  pglite?: PGlite;
}

/** The repositories, over the store or over one transaction. */
export interface Repositories {
  handoffs: HandoffRepository;
  evaluations: EvaluationRepository;
  rubrics: RubricRepository;
  purchases: PurchaseRepository;
  audit: AuditRepository;
  idempotency: IdempotencyRepository<StoreTransaction>;
  tokens: TokenRepository;
  jobs: JobRepository;
  cache: CacheRepository;
  sessions: SessionRepository;
  patronFeedback: PatronFeedbackRepository;
  away: AwayRepository;
}

/** The repositories bound to one open transaction. */
export interface StoreTransaction extends Repositories {
  db: Transaction<Database>;
}

export interface Store extends Repositories {
  kind: 'pglite' | 'postgres';
  /** The embedded data folder's lock, held while the store is open (none for PostgreSQL or memory://). */
  lock: DataFolderLock | null;
  /** The typed query builder, for queries no repository offers. */
  db: Kysely<Database>;
  schema: string;
  /** Applies pending migrations (already done by `openStore`). Returns the versions applied. */
  migrate(): Promise<number[]>;
  /** Runs `work` in one transaction: everything it writes through the given repositories commits or rolls back together. */
  transaction<T>(work: (store: StoreTransaction) => Promise<T>): Promise<T>;
  /**
   * Calls `onChange` with a hand-off's id whenever any process sharing this database creates or
   * changes it (a NOTIFY from the hand-offs table's trigger). Resolves once listening.
   */
  listenForHandoffChanges(onChange: HandoffChangeListener): Promise<HandoffChangeSubscription>;
  /** Asks the database a trivial question; rejects when it cannot answer (for /healthz). */
  ping(): Promise<void>;
  /** Closes the connections (and PGlite, if the store opened it). */
  close(): Promise<void>;
}

const schemaNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;
const int8 = 20;

/** Opens the store on PostgreSQL (`databaseUrl`) or embedded PGlite (`dataDir` or `pglite`), migrated and ready. */
export async function openStore(options: StoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!schemaNamePattern.test(schema)) {
    throw new StoreError('store_invalid_argument', `"${schema}" is not a usable schema name`, {
      path: ['schema'],
      hint: 'use lower-case letters, digits and underscores, starting with a letter',
    });
  }
  const { db, kind, pglite, lock } = options.databaseUrl ? { ...postgres(options.databaseUrl, schema), pglite: undefined, lock: null } : await embedded(options, schema);
  const subscriptions = new Set<HandoffChangeSubscription>();
  const store: Store = {
    kind,
    lock,
    db,
    schema,
    ...repositories(db),
    migrate: () => applyMigrations(db, schema),
    transaction: (work) => db.transaction().execute((trx) => work(bindTransaction(trx))),
    listenForHandoffChanges: async (onChange) => {
      const subscription = pglite
        ? // LISTEN takes PGlite's one session in turn, never in the middle of another caller's transaction.
          await db.connection().execute(() => listenInPGlite(pglite, schema, onChange))
        : await listenOnServer(options.databaseUrl!, schema, onChange);
      subscriptions.add(subscription);
      return {
        async close() {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      try {
        await Promise.all([...subscriptions].map((subscription) => subscription.close().catch(() => undefined)));
        subscriptions.clear();
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
  try {
    await store.migrate();
  } catch (error) {
    await db.destroy().catch(() => undefined);
    lock?.release();
    if (kind === 'postgres' && isConnectionError(error)) {
      throw new StoreError('store_connection_failed', `cannot reach the PostgreSQL server: ${(error as Error).message}`, {
        path: ['databaseUrl'],
        hint: 'check DATABASE_URL (host, port, user, database) and that the server accepts connections',
        cause: error,
      });
    }
    throw error;
  }
  return store;
}

function repositories(db: Executor): Repositories {
  return {
    handoffs: new HandoffRepository(db),
    evaluations: new EvaluationRepository(db),
    rubrics: new RubricRepository(db),
    purchases: new PurchaseRepository(db),
    audit: new AuditRepository(db),
    idempotency: new IdempotencyRepository(db, (trx) => bindTransaction(trx as Transaction<Database>)),
    tokens: new TokenRepository(db),
    jobs: new JobRepository(db),
    cache: new CacheRepository(db),
    sessions: new SessionRepository(db),
    patronFeedback: new PatronFeedbackRepository(db),
    away: new AwayRepository(db),
  };
}

function bindTransaction(trx: Transaction<Database>): StoreTransaction {
  return { db: trx, ...repositories(trx) };
}

function postgres(databaseUrl: string, schema: string): { db: Kysely<Database>; kind: 'postgres'; pglite?: undefined } {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Every connection of this store looks in its own schema first.
    options: `-c search_path=${schema}`,
    // Identity columns are bigint; they fit a JS number for any library's lifetime.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === int8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection dropped by the server must not crash the hub; the next query reconnects.
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), kind: 'postgres' };
}

async function embedded(options: StoreOptions, schema: string): Promise<{ db: Kysely<Database>; kind: 'pglite'; pglite: PGlite; lock: DataFolderLock | null }> {
  let database = options.pglite;
  const ownsDatabase = database === undefined;
  let lock: DataFolderLock | null = null;
  if (!database) {
    if (!options.dataDir) {
      throw new StoreError('store_invalid_argument', 'the store needs a database: neither databaseUrl nor dataDir was given', {
        path: ['dataDir'],
        hint: 'set DATABASE_URL for a PostgreSQL server, or LIAISON_DATA_DIR (e.g. ./.liaison) for the embedded database; memory:// keeps nothing',
      });
    }
    const inMemory = options.dataDir.startsWith('memory://');
    const directory = inMemory ? options.dataDir : join(options.dataDir, 'pglite');
    if (!inMemory) {
      mkdirSync(directory, { recursive: true });
      // Before PGlite touches the files: a second process must not even open them.
      lock = lockDataFolder(options.dataDir);
    }
    try {
      database = await PGlite.create(directory);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }
  const dialect = new PGliteDialect({ database, schema, closeOnDestroy: ownsDatabase });
  return { db: new Kysely<Database>({ dialect }), kind: 'pglite', pglite: database, lock };
}

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH'].includes(code) || code.startsWith('28') || code === '3D000')
  );
}
