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

/**
 * Opens (and so migrates) the store for a command; when it cannot, says why with the store's hint
 * (e.g. how to fix DATABASE_URL) under the command's name and gives null.
 */
export async function openStoreFor(command: string, io: CommandIO, dataDirFlag?: string): Promise<{ store: Store; description: string } | null> {
  const { options, description } = storeLocation(io, dataDirFlag);
  try {
    return { store: await openStore(options), description };
  } catch (error) {
    io.stderr.write(`liaison ${command}: ${(error as Error).message}\n`);
    const hint = (error as { hint?: string }).hint;
    if (hint) io.stderr.write(`  ${hint}\n`);
    return null;
  }
}
