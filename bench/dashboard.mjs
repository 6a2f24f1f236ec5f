// The dashboard on a year of a large library: BENCH_HANDOFFS hand-offs (default 50,000) with five
// events each (250,000) and 5,000 purchase decisions, written straight into the store by SQL, then
// measured: p50/p95 of each dashboard API route (BENCH_ROUNDS requests each, sequential), the time
// to the first table of Queues and Service in Chromium (a proxy for first meaningful paint), the
// bundle's gzip size, and the time from a hand-off change through one hub to the change event in
// another hub's stream (two hubs on one database). PostgreSQL when DATABASE_URL is set (a scratch
// schema, dropped after), else embedded PGlite. Talks to 127.0.0.1 only and stops by itself.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import pg from 'pg';
import { openStore } from '@liaison/store';
import { createLogger, examplePolicyFile, startHub } from '@liaison/server';

const here = dirname(fileURLToPath(import.meta.url));
const handoffCount = Number(process.env.BENCH_HANDOFFS ?? 50_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const databaseUrl = process.env.DATABASE_URL || undefined;
const schema = `bench_dash_${randomBytes(4).toString('hex')}`;
const open = () => (databaseUrl ? openStore({ databaseUrl, schema }) : openStore({ dataDir: 'memory://' }));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = sorted[Math.floor(position)];
  return low + (sorted[Math.ceil(position)] - low) * (position - Math.floor(position));
};
const ms = (value) => `${value.toFixed(0)} ms`;

const store = await open();
const seedStarted = performance.now();
// A year back from now: hand-offs spread evenly, departments in turn, most resolved.
await store.db.executeQuery({
  sql: `
    insert into handoffs (id, state, question, summary, department, owner, sender_id, sender, responsibility, service_level,
      created_at, due_at, updated_at, resolved_at, links, status_token, last_sequence, channel)
    select 'H-' || (100000 + i),
      case when i % 20 = 0 then 'open' when i % 20 = 1 then 'accepted' when i % 50 = 2 then 'returned' else 'resolved' end,
      (array['The link resolver shows no full text for this JSTOR article','EZproxy login loop from off-campus','Where is my interlibrary loan?','Can the library buy this book?','How do I renew my loans?'])[1 + i % 5] || ' #' || i,
      'Question #' || i,
      (array['reference','eresources','circulation','acquisitions','ill'])[1 + i % 5],
      case when i % 20 = 0 then null else 'U0' || (i % 40) end,
      'U0SENDER', '{"id":"U0SENDER"}'::jsonb, 'passed', '4 opening hours',
      now() - (i * interval '1 second' * (31536000 / $1::integer)),
      now() - (i * interval '1 second' * (31536000 / $1::integer)) + interval '6 hours',
      now() - (i * interval '1 second' * (31536000 / $1::integer)),
      case when i % 20 > 1 and i % 50 <> 2 then now() - (i * interval '1 second' * (31536000 / $1::integer)) + ((i % 97) * interval '10 minutes') end,
      case when i % 7 = 0 then jsonb_build_object('url', 'https://library.example.edu/faq/page-' || (i % 40) || '?from=chat') when i % 11 = 0 then jsonb_build_object('illTransactionNumber', 'T' || i) else '{}'::jsonb end,
      md5(i::text), 5, 'chat'
    from generate_series(1, $1::integer) as i`,
  parameters: [handoffCount],
});
await store.db.executeQuery({
  sql: `
    insert into handoff_events (handoff_id, sequence, type, at, actor, from_state, to_state, note)
    select h.id, s, (array['created','accepted','noted','waiting_on_vendor','resumed'])[s], h.created_at + (s * interval '7 minutes'),
      '{"id":"U01"}'::jsonb, case when s = 1 then null else 'accepted' end, 'accepted', null
    from handoffs h cross join generate_series(1, 5) as s`,
  parameters: [],
});
await store.db.executeQuery({
  sql: `
    insert into purchase_decisions (transaction_number, request, verdict, score, reasons, facts, decided_at, title_key)
    select 'T' || i, jsonb_build_object('LoanTitle', 'Title ' || (i % 900)), (array['buy','borrow','review','owned','free'])[1 + i % 5], 0.5,
      '[{"code":"recent"}]'::jsonb, '{}'::jsonb, now() - (i * interval '100 minutes'), 'title-' || (i % 900)
    from generate_series(1, 5000) as i`,
  parameters: [],
});
const counts = await store.db.executeQuery({ sql: 'select (select count(*) from handoffs) as h, (select count(*) from handoff_events) as e, (select count(*) from purchase_decisions) as d', parameters: [] });
console.log(`dashboard bench on ${databaseUrl ? 'PostgreSQL' : 'PGlite'}: seeded ${JSON.stringify(counts.rows[0])} in ${ms(performance.now() - seedStarted)}`);

const logger = createLogger({ level: 'silent' });
const hub = await startHub({ policyFile: examplePolicyFile, port: 0, host: '127.0.0.1', store, schedulerIntervalMs: 0, logger });
const { token } = await store.tokens.create('bench', 'coordinator', new Date());
const headers = { authorization: `Bearer ${token}` };
const routes = [
  '/api/v1/dashboard/queues',
  '/api/v1/dashboard/queues?department=reference&overdue=true',
  '/api/v1/dashboard/handoffs/H-100001',
  '/api/v1/dashboard/service?weeks=52',
  '/api/v1/dashboard/service/staff?weeks=52',
  '/api/v1/dashboard/questions?weeks=52',
  '/api/v1/dashboard/purchases?weeks=52',
];
console.log('\nroute                                                    p50      p95');
for (const route of routes) {
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const started = performance.now();
    const response = await fetch(`${hub.url}${route}`, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${route} answered ${response.status}`);
    times.push(performance.now() - started);
  }
  console.log(`${route.padEnd(55)} ${ms(percentile(times, 0.5)).padStart(7)} ${ms(percentile(times, 0.95)).padStart(8)}`);
}

const dist = join(here, '../packages/dashboard/dist');
const gzip = ['app.js', 'app.css', 'index.html'].reduce((sum, name) => sum + gzipSync(readFileSync(join(dist, name)), { level: 9 }).length, 0);
console.log(`\nbundle: ${(gzip / 1024).toFixed(1)} KB gzip (goal ≤ 100 KB)`);

// First table in Chromium: sign in once, then load each page afresh and wait for its table.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${hub.url}/dashboard/`);
  await page.evaluate((staffToken) => fetch('/dashboard/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: staffToken }) }), token);
  for (const [name, hash, selector] of [['Queues', '#/queues', 'table.queue tbody tr'], ['Service', '#/service?weeks=52', 'table.service-summary tbody tr']]) {
    const times = [];
    for (let round = 0; round < 5; round += 1) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${hub.url}/dashboard/${hash}`);
      await page.waitForSelector(selector, { timeout: 60_000 });
      times.push(performance.now() - started);
    }
    console.log(`first table of ${name} in Chromium: median ${ms(percentile(times, 0.5))} (goal ≤ 1 s)`);
  }
} finally {
  await browser.close();
}

// A change through hub B, seen in hub A's change stream.
if (databaseUrl) {
  const second = await open();
  const hubB = await startHub({ policyFile: examplePolicyFile, port: 0, host: '127.0.0.1', store: second, schedulerIntervalMs: 0, logger });
  const controller = new AbortController();
  const stream = await fetch(`${hub.url}/api/v1/dashboard/changes`, { headers, signal: controller.signal });
  const reader = stream.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const waitFor = async (id) => {
    for (;;) {
      if (buffer.includes(`"id":"${id}"`)) return;
      const { value } = await reader.read();
      buffer += decoder.decode(value);
    }
  };
  const latencies = [];
  for (let round = 0; round < 10; round += 1) {
    const started = performance.now();
    const created = await fetch(`${hubB.url}/api/v1/handoffs`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ question: `Bench change ${round}: the proxy is down` }),
    }).then((response) => response.json());
    await waitFor(created.handoff.id);
    latencies.push(performance.now() - started);
  }
  controller.abort();
  console.log(`change through hub B → event in hub A's stream: median ${ms(percentile(latencies, 0.5))}, max ${ms(Math.max(...latencies))} (goal ≤ 1 s)`);
  await hubB.stop();
  await second.close();
} else {
  console.log('change across two hubs: skipped (set DATABASE_URL; PGlite is one process)');
}

await hub.stop();
await store.close();
if (databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
