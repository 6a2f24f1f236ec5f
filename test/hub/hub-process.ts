/**
 * The hub as a real process, the way a library runs it: `node packages/server/bin/liaison.js serve`
 * on a free loopback port, with the example policy, over PGlite in a data folder or PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));
export const databaseUrl = process.env['DATABASE_URL'] || undefined;

export interface HubProcess {
  child: ChildProcess;
  url: string;
  /** The admin token `liaison serve` prints for trying the API. */
  token: string;
  output(): string;
  /** Stops it the polite way (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
}

/** Starts `liaison serve` and resolves once it prints where it is running (its store is migrated by then). */
export async function startHubProcess(options: { dataDir: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<HubProcess> {
  const child = spawn(
    process.execPath,
    ['packages/server/bin/liaison.js', 'serve', '--config', 'examples/liaison.config.yaml', '--port', '0', '--data-dir', options.dataDir, '--no-demo-data'],
    { cwd: repositoryRoot, env: { PATH: process.env['PATH'], LOG_LEVEL: 'warn', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the hub did not start within ${options.timeoutMs ?? 60_000} ms:\n${output}`)), options.timeoutMs ?? 60_000);
    const look = () => {
      const url = /is running at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /Bearer (lsn_[A-Za-z0-9_-]+)/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ url, token });
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (${code}) before it started:\n${output}`));
    });
  });
  return {
    child,
    ...started,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A new, empty PostgreSQL database on the DATABASE_URL server, for a hub whose schema is `public`; `drop()` removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `liaison_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(databaseUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
