import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, openStore } from '@liaison/store';
import { main } from '../cli.js';
import { captureIO } from '../hub/hub-for-tests.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-migrate-'));
const latest = Math.max(...migrations.map((migration) => migration.version));

describe('liaison migrate', () => {
  it('brings a new embedded store to the latest version, and says so; a second run changes nothing', async () => {
    const first = captureIO(folder);
    expect(await main(['migrate', '--data-dir', 'data'], first.io)).toBe(0);
    expect(first.stdout()).toContain(`${join(folder, 'data')} is at migration ${latest}, the latest`);
    expect(first.stdout()).toContain(`applied ${migrations.map((m) => m.version).join(', ')}`);

    const second = captureIO(folder);
    expect(await main(['migrate', '--data-dir', 'data'], second.io)).toBe(0);
    expect(second.stdout()).toContain(`is at migration ${latest}, the latest`);
    expect(second.stdout()).not.toContain('applied');

    const store = await openStore({ dataDir: join(folder, 'data') });
    try {
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('explains an unreachable PostgreSQL server, exit 1', async () => {
    const { io, stderr } = captureIO(folder, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await main(['migrate'], io)).toBe(1);
    expect(stderr()).toContain('cannot reach the PostgreSQL server');
    expect(stderr()).toContain('check DATABASE_URL');
  }, 30_000);
});
