import { mkdtempSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@liaison/store';
import { main } from '../cli.js';
import { captureIO } from '../hub/hub-for-tests.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-token-'));

describe('liaison token create', () => {
  it('prints the token once, on stdout alone; the store keeps only its hash', async () => {
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['token', 'create', '--name', 'ILL office extension', '--role', 'coordinator', '--data-dir', 'data'], io)).toBe(0);
    const token = stdout().trim();
    expect(token).toMatch(/^lsn_[A-Za-z0-9_-]{40,}$/);
    expect(stdout()).toBe(`${token}\n`);
    expect(stderr()).toContain('coordinator token "ILL office extension"');
    expect(stderr()).not.toContain(token);

    const store = await openStore({ dataDir: join(folder, 'data') });
    try {
      const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows[0]?.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(await store.tokens.verify(token, new Date())).toMatchObject({ name: 'ILL office extension', role: 'coordinator' });
    } finally {
      await store.close();
    }
  }, 60_000);

  it.each([
    [['--role', 'staff'], 'say who or what the token is for'],
    [['--name', 'x', '--role', 'librarian'], '--role must be one of staff, coordinator, admin'],
    [['--name', 'x', '--colour', 'red'], '--colour'],
  ])('explains %j, exit 1, and creates nothing', async (args, message) => {
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['token', 'create', ...args, '--data-dir', 'never-made'], io)).toBe(1);
    expect(stderr()).toContain(message);
    expect(stdout()).toBe('');
  });

  it('explains an unreachable PostgreSQL server instead of crashing, exit 1', async () => {
    const { io, stdout, stderr } = captureIO(folder, { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(await main(['token', 'create', '--name', 'x'], io)).toBe(1);
    expect(stderr()).toContain('cannot reach the PostgreSQL server');
    expect(stdout()).toBe('');
  }, 30_000);
});
