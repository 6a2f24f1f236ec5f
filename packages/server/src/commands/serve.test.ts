import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { captureIO, writeBrokenPolicy } from '../hub/hub-for-tests.js';
import { examplePolicyFile } from '../hub/demo-hub.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-serve-'));

describe('liaison serve', () => {
  it('refuses to start on a policy file with errors, printing every error with its path', async () => {
    const { expected } = writeBrokenPolicy(folder);
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['serve', '--config', 'broken.yaml', '--port', '0', '--data-dir', join(folder, 'data')], io)).toBe(1);
    expect(stderr()).toContain('The hub did not start');
    for (const { path, line } of expected) expect(stderr()).toContain(`broken.yaml:${line}: ${path}: `);
    expect(stdout()).not.toContain('is running');
  });

  it.each([
    [['--port', 'eighty'], '--port must be a whole number'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--prot', '3000'], '--prot'],
  ])('explains bad options %j, exit 1', async (args, message) => {
    const { io, stderr } = captureIO(folder);
    expect(await main(['serve', ...args], io)).toBe(1);
    expect(stderr()).toContain(message);
  });

  /** Runs `liaison serve` until it says it is running, then stops it as Ctrl-C would. */
  async function serveUntilRunning(args: string[]) {
    const { io, stdout, stderr } = captureIO(folder);
    const exit = main(['serve', '--port', '0', ...args], io);
    for (let waited = 0; !stdout().includes('is running') && waited < 60_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    process.emit('SIGINT');
    expect(await exit).toBe(0);
    return { stdout: stdout(), stderr: stderr() };
  }

  it('prints an admin token to try the demo library with', async () => {
    const { stdout } = await serveUntilRunning(['--config', examplePolicyFile, '--data-dir', join(folder, 'demo-data')]);
    expect(stdout).toMatch(/Bearer lsn_[\w-]+/);
    expect(stdout).toContain('systems:  demo');
  }, 90_000);

  it('keeps one live demo admin token, which expires, however often the demo starts', async () => {
    const dataDir = join(folder, 'demo-restarts');
    const printed: string[] = [];
    for (let start = 0; start < 3; start += 1) {
      const { stdout } = await serveUntilRunning(['--config', examplePolicyFile, '--data-dir', dataDir]);
      printed.push(/Bearer (lsn_[\w-]+)/.exec(stdout)![1]!);
    }
    const { openStore } = await import('@liaison/store');
    const store = await openStore({ dataDir });
    try {
      const live = (await store.tokens.list()).filter((token) => !token.revokedAt);
      expect(live).toHaveLength(1);
      expect(live[0]!.role).toBe('admin');
      const expiresInHours = (Date.parse(live[0]!.expiresAt!) - Date.now()) / 3_600_000;
      expect(expiresInHours).toBeGreaterThan(23);
      expect(expiresInHours).toBeLessThanOrEqual(24);
      expect(await store.tokens.verify(printed[0]!, new Date())).toBeUndefined();
      expect(await store.tokens.verify(printed[2]!, new Date())).toMatchObject({ id: live[0]!.id });
    } finally {
      await store.close();
    }
  }, 180_000);

  it('prints no token and loads no demo hand-offs for a library that names its own systems', async () => {
    writeFileSync(join(folder, 'prices.csv'), 'ISBN,Price,Currency,In stock\n9780306406157,45.00,USD,yes\n');
    const policy = readFileSync(examplePolicyFile, 'utf8').replace(
      '  price: [demo]\n',
      '  price: [vendor]\n  systems:\n    vendor: { type: vendor-price-file, path: prices.csv }\n',
    );
    expect(policy).toContain('vendor-price-file');
    writeFileSync(join(folder, 'own-systems.yaml'), policy);
    const dataDir = join(folder, 'own-data');
    const { stdout } = await serveUntilRunning(['--config', 'own-systems.yaml', '--data-dir', dataDir]);
    expect(stdout).not.toMatch(/lsn_/);
    expect(stdout).toContain('liaison token create');
    const { openStore } = await import('@liaison/store');
    const store = await openStore({ dataDir });
    expect(await store.handoffs.list({ limit: 1, withHistory: false })).toEqual([]);
    await store.close();
  }, 90_000);

  it('loads no demo hand-offs without --demo-data, even on the demo library\'s policy; with it, it does', async () => {
    const { openStore } = await import('@liaison/store');
    const without = join(folder, 'no-demo-data');
    const { stdout } = await serveUntilRunning(['--config', examplePolicyFile, '--data-dir', without]);
    expect(stdout).toContain('is running');
    let store = await openStore({ dataDir: without });
    expect(await store.handoffs.list({ limit: 1, withHistory: false })).toEqual([]);
    await store.close();
    const withDemo = join(folder, 'with-demo-data');
    await serveUntilRunning(['--config', examplePolicyFile, '--demo-data', '--data-dir', withDemo]);
    store = await openStore({ dataDir: withDemo });
    expect((await store.handoffs.list({ limit: 5, withHistory: false })).length).toBeGreaterThan(0);
    await store.close();
  }, 180_000);

  it('says plainly that a --config file does not exist, without a raw ENOENT', async () => {
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['serve', '--config', 'nope.yaml', '--port', '0'], io)).toBe(1);
    expect(stderr()).toContain(`there is no policy file at ${join(folder, 'nope.yaml')}`);
    expect(stderr()).toContain('cp examples/liaison.config.yaml liaison.config.yaml');
    expect(stderr()).not.toContain('ENOENT');
    expect(stdout()).toBe('');
  });

});
