// What the hub benchmarks share: a scratch database on the PostgreSQL server, and stopping a child process.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** A new, empty database on the server at `databaseUrl`; `drop()` removes it (connections and all). */
export async function scratchDatabase(databaseUrl, label = '') {
  const name = `liaison_bench_${label ? `${label}_` : ''}${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** Stops a child process politely (SIGTERM) and resolves once it has exited. */
export function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', resolve);
    child.kill('SIGTERM');
  });
}
