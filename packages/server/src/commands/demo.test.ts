import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '@liaison/store';
import { main } from '../cli.js';
import { examplePolicyFile } from '../hub/demo-hub.js';
import { captureIO, writeBrokenPolicy } from '../hub/hub-for-tests.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-demo-'));

describe('liaison demo', () => {
  it('loads the demo library\'s hand-offs into an empty store, once', async () => {
    const first = captureIO(folder);
    expect(await main(['demo', '--config', examplePolicyFile, '--data-dir', 'data'], first.io)).toBe(0);
    const loaded = Number(/Loaded (\d+) demo hand-offs/.exec(first.stdout())?.[1]);
    expect(loaded).toBeGreaterThanOrEqual(10);

    const second = captureIO(folder);
    expect(await main(['demo', '--config', examplePolicyFile, '--data-dir', 'data'], second.io)).toBe(0);
    expect(second.stdout()).toContain('nothing loaded');

    const store = await openStore({ dataDir: join(folder, 'data') });
    try {
      const handoffs = await store.handoffs.list({ limit: 1000 });
      expect(handoffs).toHaveLength(loaded);
      const states = new Set(handoffs.map((h) => h.state));
      for (const state of ['open', 'accepted', 'resolved', 'waiting_on_vendor', 'returned']) expect(states).toContain(state);
      expect(new Set(handoffs.map((h) => h.department)).size).toBeGreaterThanOrEqual(4);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses a broken policy file, printing its errors, exit 1', async () => {
    const { expected } = writeBrokenPolicy(folder);
    const { io, stderr } = captureIO(folder);
    expect(await main(['demo', '--config', 'broken.yaml', '--data-dir', 'other'], io)).toBe(1);
    for (const { path } of expected) expect(stderr()).toContain(path);
  });
});
