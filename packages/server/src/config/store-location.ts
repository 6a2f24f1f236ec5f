import { resolve } from 'node:path';
import { openStore, type Store, type StoreOptions } from '@liaison/store';
import type { CommandIO } from '../command.js';

/**
 * Where the store is, as every command reads it: the PostgreSQL server in DATABASE_URL, else the
 * embedded database under --data-dir, LIAISON_DATA_DIR or ./.liaison (in that order).
 */
export function storeLocation(io: CommandIO, dataDirFlag?: string): { options: StoreOptions; description: string } {
  const databaseUrl = io.env['DATABASE_URL'] || undefined;
  if (databaseUrl) return { options: { databaseUrl }, description: 'the PostgreSQL server in DATABASE_URL' };
  const dataDir = resolve(io.cwd, dataDirFlag ?? io.env['LIAISON_DATA_DIR'] ?? '.liaison');
  return { options: { dataDir }, description: dataDir };
}

/** Says why the store could not be opened, with its hint; a held data folder in one sentence ("…; stop it or …"). */
export function writeStoreProblem(command: string, io: CommandIO, error: unknown): void {
  const { message, hint, code } = error as { message: string; hint?: string; code?: string };
  if (code === 'store_locked' && hint) {
    io.stderr.write(`liaison ${command}: ${message}; ${hint}\n`);
    return;
  }
  io.stderr.write(`liaison ${command}: ${message}\n`);
  if (hint) io.stderr.write(`  ${hint}\n`);
}

/**
 * Opens (and so migrates) the store for a command; when it cannot, says why with the store's hint
 * (e.g. how to fix DATABASE_URL) under the command's name and gives null.
 */
export async function openStoreFor(command: string, io: CommandIO, dataDirFlag?: string): Promise<{ store: Store; description: string } | null> {
  const { options, description } = storeLocation(io, dataDirFlag);
  try {
    return { store: await openStore(options), description };
  } catch (error) {
    writeStoreProblem(command, io, error);
    return null;
  }
}
