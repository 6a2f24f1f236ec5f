import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderLockedError, lockDataFolder, lockFileName, readLockHolder } from './data-folder-lock.js';
import { openStore } from './open-store.js';

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('the embedded data folder is held by one process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second opening with the holder\'s pid, and lets it in once the first closes', async () => {
    const first = await openStore({ dataDir });
    const lockFile = join(dataDir, lockFileName);
    expect(readLockHolder(dataDir)).toMatchObject({ pid: process.pid });
    expect(statSync(lockFile).mode & 0o777).toBe(0o600);
    const refused = await openStore({ dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataFolderLockedError);
    expect(refused).toMatchObject({ code: 'store_locked', message: `the hub is running on this data folder (pid ${process.pid})` });
    await first.close();
    expect(existsSync(lockFile)).toBe(false);
    const second = await openStore({ dataDir });
    await second.close();
  }, 60_000);

  it('refuses a folder held by another live process', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: holder.pid, since: new Date().toISOString() }));
      expect(() => lockDataFolder(dataDir)).toThrow(`the hub is running on this data folder (pid ${holder.pid})`);
    } finally {
      holder.kill();
      rmSync(join(dataDir, lockFileName), { force: true });
    }
  });

  it('takes over a lock left by a process that died, and notes where its holder is reached', () => {
    writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: deadPid(), since: '2020-01-01T00:00:00Z' }));
    const lock = lockDataFolder(dataDir);
    lock.describe({ url: 'http://127.0.0.1:3000' });
    expect(JSON.parse(readFileSync(lock.file, 'utf8'))).toMatchObject({ pid: process.pid, url: 'http://127.0.0.1:3000' });
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });
});
