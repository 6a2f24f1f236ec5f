import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.js';

describe('openStore', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'liaison-store-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps embedded data in a pglite folder under the data directory, across restarts', async () => {
    const first = await openStore({ dataDir });
    expect(first.kind).toBe('pglite');
    await first.cache.set('kept', { across: 'restarts' }, new Date('2100-01-01T00:00:00Z'));
    await first.close();
    const second = await openStore({ dataDir });
    expect(await second.cache.get('kept', new Date('2025-01-01T00:00:00Z'))).toEqual({ across: 'restarts' });
    expect(await second.migrate()).toEqual([]);
    await second.close();
  });

  it('says what to set when given no database, a bad schema name or an unreachable server', async () => {
    await expect(openStore({})).rejects.toMatchObject({ code: 'store_invalid_argument', path: ['dataDir'] });
    await expect(openStore({ dataDir: 'memory://', schema: 'Robert"; drop' })).rejects.toMatchObject({ code: 'store_invalid_argument', path: ['schema'] });
    await expect(openStore({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toMatchObject({
      code: 'store_connection_failed',
      path: ['databaseUrl'],
    });
  });
});
