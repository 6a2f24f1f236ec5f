// A hand-off acknowledged to a caller is committed: kill -9 the hub during a burst of creates,
// start it again on the same data, and every hand-off it answered 201 for is there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, databaseUrl, startHubProcess, type HubProcess } from './hub-process.js';

const burstSize = 1000;
const concurrentClients = 20;
const running: HubProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((hub) => hub.stop()));
});

async function start(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<HubProcess> {
  const hub = await startHubProcess({ dataDir, env });
  running.push(hub);
  return hub;
}

/**
 * Sends `burstSize` creates from `concurrentClients` clients and kills the hub with SIGKILL once
 * `killAfter` have been acknowledged, while the others are in flight. Returns what was acknowledged.
 */
async function burstAndKill(hub: HubProcess, killAfter: number) {
  const acknowledged: { id: string; question: string }[] = [];
  let next = 0;
  let killed = false;
  let refused = 0;
  const client = async () => {
    while (next < burstSize) {
      const question = `Burst question number ${next++} about a renewal`;
      try {
        const response = await fetch(`${hub.url}/api/v1/handoffs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ question, patron: { patronType: 'Graduate' } }),
        });
        const body = (await response.json()) as { handoff: { id: string } };
        if (response.status === 201) acknowledged.push({ id: body.handoff.id, question });
      } catch {
        // The connection died with the hub: not acknowledged, so nothing is owed.
        if (!killed) throw new Error('a create failed before the hub was killed');
        refused++;
      }
      if (!killed && acknowledged.length >= killAfter) {
        killed = true;
        hub.child.kill('SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: concurrentClients }, client));
  expect(killed).toBe(true);
  return { acknowledged, refused };
}

async function expectAllThere(hub: HubProcess, acknowledged: { id: string; question: string }[]) {
  const missing: string[] = [];
  for (let i = 0; i < acknowledged.length; i += concurrentClients) {
    await Promise.all(
      acknowledged.slice(i, i + concurrentClients).map(async ({ id, question }) => {
        const response = await fetch(`${hub.url}/api/v1/handoffs/${id}`, { headers: { authorization: `Bearer ${hub.token}` } });
        const body = (await response.json()) as { handoff?: { question: string } };
        if (response.status !== 200 || body.handoff?.question !== question) missing.push(id);
      }),
    );
  }
  expect(missing).toEqual([]);
}

describe('kill -9 during a burst of 1,000 creates', () => {
  it('keeps every acknowledged hand-off on embedded PGlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-kill-'));
    try {
      const first = await start(dataDir);
      const killAfter = 200 + Math.floor(Math.random() * 200);
      const { acknowledged, refused } = await burstAndKill(first, killAfter);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
      expect(refused).toBeGreaterThan(0);

      const second = await start(dataDir);
      await expectAllThere(second, acknowledged);
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  (databaseUrl ? it : it.skip)('keeps every acknowledged hand-off on PostgreSQL', async () => {
    const database = await createScratchDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'liaison-kill-pg-'));
    try {
      const first = await start(dataDir, { DATABASE_URL: database.url });
      const killAfter = 200 + Math.floor(Math.random() * 200);
      const { acknowledged } = await burstAndKill(first, killAfter);
      expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

      const second = await start(dataDir, { DATABASE_URL: database.url });
      await expectAllThere(second, acknowledged);
      await second.stop();
    } finally {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
