/**
 * One process at a time on an embedded data folder. PGlite is a single-user Postgres: two
 * processes writing one folder corrupt it, and a write made by a second process is never seen by
 * the first (a token created by `liaison token create` while the hub ran was lost). The first to
 * open the folder creates `liaison.lock` exclusively (O_EXCL) with its pid; anyone else is refused
 * with that pid. A lock left by a process that has died is taken over.
 *
 * The holder may note where it can be reached (`url`) and a key that proves a command runs on the
 * same machine as the holder with access to the folder (`localAdminKey`), so commands can ask the
 * running hub to do their work instead of opening the folder. The file is readable by its owner only.
 */
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './errors.js';

export const lockFileName = 'liaison.lock';

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  /** When it took the lock, ISO 8601. */
  since: string;
  /** The hub's address, once it listens. */
  url?: string;
  /** A key the hub accepts as the local administrator's while it runs (see server's admin routes). */
  localAdminKey?: string;
}

/** Thrown when another live process holds the data folder. */
export class DataFolderLockedError extends StoreError {
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super('store_locked', `the hub is running on this data folder (pid ${holder.pid})`, {
      path: ['dataDir'],
      hint: `stop it (Ctrl-C, or kill ${holder.pid}) or use \`liaison token create|list|revoke\` and \`liaison audit\`, which ask the running hub; if no such process is running, delete ${lockFile}`,
    });
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLock {
  readonly file: string;
  /** Adds to what the lock file says about the holder (its address, its local key). */
  describe(details: Pick<LockHolder, 'url' | 'localAdminKey'>): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Reads the lock file's holder, or null when there is no lock (or it cannot be read as one). */
export function readLockHolder(directory: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(join(directory, lockFileName), 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock for this process, or throws DataFolderLockedError naming the live holder. */
export function lockDataFolder(directory: string): DataFolderLock {
  const file = join(directory, lockFileName);
  let holder: LockHolder = { pid: process.pid, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const descriptor = openSync(file, 'wx', 0o600);
      try {
        writeSync(descriptor, JSON.stringify(holder));
      } finally {
        closeSync(descriptor);
      }
      let released = false;
      return {
        file,
        describe(details) {
          if (released) return;
          holder = { ...holder, ...details };
          writeFileSync(file, JSON.stringify(holder), { mode: 0o600 });
        },
        release() {
          if (released) return;
          released = true;
          // Only our own lock: never remove one another process took after ours was judged stale.
          if (readLockHolder(directory)?.pid === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const existing = readLockHolder(directory);
      if (existing && existing.pid !== process.pid && isAlive(existing.pid)) throw new DataFolderLockedError(file, existing);
      if (existing && existing.pid === process.pid) throw new DataFolderLockedError(file, existing);
      // Left behind by a process that died (or half written): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new StoreError('store_locked', `could not take the lock ${file}`, { path: ['dataDir'], hint: `delete ${file} if no hub is running` });
}
