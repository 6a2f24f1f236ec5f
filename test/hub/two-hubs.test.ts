// Two hubs on one PostgreSQL with 1,000 reminders due at once: each reminder is sent exactly once.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff, Reminder } from '@liaison/core';
import { createHub, createLogger, demoConnectors, examplePolicyFile, loadPolicyFile, type Hub, type Notifier } from '@liaison/server';
import { openStore, type Store } from '@liaison/store';
import { databaseUrl } from './hub-process.js';

const dueAtOnce = 1000;
const schema = `hub_two_${randomBytes(5).toString('hex')}`;
// Tuesday 10 March 2026, 10:00 in Chicago; "4 opening hours" hand-offs reach their 75% rung at 13:00.
let now = new Date('2026-03-10T15:00:00Z');
const clock = () => new Date(now);

const sent: { hub: string; reminder: Reminder }[] = [];
const notifierFor = (hub: string): Notifier => ({
  async remind(reminder: Reminder, _handoff: Handoff) {
    sent.push({ hub, reminder });
  },
  async spike() {},
});

const stores: Store[] = [];
const hubs: Hub[] = [];

beforeAll(async () => {
  if (!databaseUrl) return;
  const loaded = await loadPolicyFile(examplePolicyFile);
  if (!loaded.ok) throw new Error('the example policy does not parse');
  for (const name of ['hub-a', 'hub-b']) {
    // Each hub opens its own connections, as two processes would.
    const store = await openStore({ databaseUrl, schema });
    stores.push(store);
    hubs.push(await createHub({ store, policy: loaded.policy, clock, connectors: demoConnectors(clock), logger: createLogger({ level: 'silent' }), notifier: notifierFor(name) }));
  }
});

afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.close()));
  await Promise.all(stores.map((store) => store.close()));
  if (!databaseUrl) return;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists ${schema} cascade`);
  await client.end();
});

describe.skipIf(!databaseUrl)('two hubs on one PostgreSQL', () => {
  it(`send each of ${dueAtOnce} due reminders exactly once`, async () => {
    const [a, b] = hubs as [Hub, Hub];
    const sender = { id: 'U-TEST', name: 'Reliability test', kind: 'staff' as const };
    for (let i = 0; i < dueAtOnce; i += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, dueAtOnce - i) }, (_, j) =>
          (j % 2 === 0 ? a : b).context.handoffs.create({ question: `EZproxy login loop from off-campus, patron ${i + j}` }, sender),
        ),
      );
    }
    now = new Date('2026-03-10T18:05:00Z'); // 13:05 in Chicago: every hand-off is past 75%, none at 100%

    // Both hubs run rounds at the same time, several times over, as their timers would.
    for (let round = 0; round < 3; round++) await Promise.all([a.scheduler.tick(), b.scheduler.tick(), a.scheduler.tick()]);

    const keys = sent.map(({ reminder }) => `${reminder.handoffId}:${reminder.rung}`);
    expect(new Set(keys).size).toBe(dueAtOnce);
    expect(keys).toHaveLength(dueAtOnce);
    expect(sent.every(({ reminder }) => reminder.rung === '75%' && reminder.notify === 'owner')).toBe(true);
    // Which hub sent which is up to the row locks; together they sent each one once.
    const byA = sent.filter(({ hub }) => hub === 'hub-a').length;
    expect(byA + sent.filter(({ hub }) => hub === 'hub-b').length).toBe(dueAtOnce);
  });
});
