/**
 * Runs one test suite against both backends: embedded PGlite (always) and the PostgreSQL server
 * at DATABASE_URL (when it is set and reachable). Every `open()` gives a store in a fresh private
 * schema, dropped after the file, so test files and tests never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { openStore, type Store } from './open-store.js';

export type BackendKind = 'pglite' | 'postgres';

export interface TestBackend {
  kind: BackendKind;
  /** A store in a new schema; `schema` reopens an existing one (a second hub on the same data). */
  open(schema?: string): Promise<Store>;
  /** A new schema name, not yet created. */
  newSchema(): string;
}

const databaseUrl = process.env.DATABASE_URL;
const postgresReachable = databaseUrl ? await canConnect(databaseUrl) : false;
if (!databaseUrl) console.warn('DATABASE_URL not set — PostgreSQL tests skipped; set it to run them');
else if (!postgresReachable) console.warn('DATABASE_URL is set but the server cannot be reached — PostgreSQL tests skipped');

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// One PGlite per test worker: booting it takes seconds, a schema on it takes milliseconds.
const shared = globalThis as { liaisonTestPGlite?: Promise<PGlite> };
function sharedPGlite(): Promise<PGlite> {
  shared.liaisonTestPGlite ??= PGlite.create('memory://');
  return shared.liaisonTestPGlite;
}

/** Declares `body`'s tests once per backend, as "<suite> on pglite" and "<suite> on postgres". */
export function forEachBackend(suite: string, body: (backend: TestBackend) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    const declare = kind === 'postgres' && !postgresReachable ? describe.skip : describe;
    declare(`${suite} on ${kind}`, () => {
      const stores: Store[] = [];
      const schemas = new Set<string>();
      const backend: TestBackend = {
        kind,
        newSchema: () => `test_${randomBytes(6).toString('hex')}`,
        async open(schema = backend.newSchema()) {
          schemas.add(schema);
          const store =
            kind === 'pglite'
              ? await openStore({ pglite: await sharedPGlite(), schema })
              : await openStore({ databaseUrl: databaseUrl!, schema });
          stores.push(store);
          return store;
        },
      };
      afterAll(async () => {
        await Promise.all(stores.map((store) => store.close()));
        const drops = [...schemas].map((schema) => `drop schema if exists "${schema}" cascade`);
        if (drops.length === 0) return;
        if (kind === 'pglite') {
          const database = await sharedPGlite();
          for (const drop of drops) await database.query(drop);
        } else {
          const client = new pg.Client({ connectionString: databaseUrl });
          await client.connect();
          for (const drop of drops) await client.query(drop);
          await client.end();
        }
      });
      body(backend);
    });
  }
}
