// The hub under load, measured side by side with the floor it cannot beat: a bare Fastify server
// answering the same routes with a constant JSON body, on the same loopback, in the same run.
// Prints the hub's warm start (median of BENCH_STARTS spawns on an existing data folder, from
// spawn to the first 200 of /healthz; goal ≤ 2 s), and the p50/p99 latency and rate of
// `POST /api/v1/handoffs` and `GET /api/v1/patron-context` with BENCH_CLIENTS concurrent clients,
// on embedded PGlite and on PostgreSQL (DATABASE_URL; skipped with a message when unset), each
// with its ratio to the floor.
//
// Environment: BENCH_REQUESTS (per route and store, default 3000), BENCH_CLIENTS (default 100),
// BENCH_STARTS (default 5), DATABASE_URL. Needs the built packages (`npm run bench` builds them).
// Sends traffic to 127.0.0.1 only, a fixed number of requests, and stops by itself.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { scratchDatabase, stopProcess } from './support/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const clients = Number(process.env.BENCH_CLIENTS ?? 100);
const starts = Number(process.env.BENCH_STARTS ?? 5);
const databaseUrl = process.env.DATABASE_URL || undefined;
const patronEmail = 'amara.okafor@northfield.edu';

/** Spawns `liaison serve`; resolves when it prints its address and token. */
function serve(dataDir, env = {}) {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ['packages/server/bin/liaison.js', 'serve', '--config', 'examples/liaison.config.yaml', '--port', '0', '--data-dir', dataDir, '--no-demo-data'],
    { cwd: root, env: { PATH: process.env.PATH, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const url = /is running at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /Bearer (lsn_[A-Za-z0-9_-]+)/.exec(output)?.[1];
      if (url && token) resolve({ child, url, token, started, stop: () => stopProcess(child) });
    });
    child.once('exit', (code) => reject(new Error(`liaison serve exited (${code}):\n${output}`)));
  });
}


/** The floor: Fastify alone, both routes answering a constant JSON body, in a process of its own. */
function floorServer() {
  const program = `
    import Fastify from 'fastify';
    const app = Fastify();
    const handoff = { handoff: { id: 'H-1', state: 'open', department: 'circulation' }, statusLink: null, isReplay: false };
    app.post('/api/v1/handoffs', async (request, reply) => reply.code(201).send(handoff));
    app.get('/api/v1/patron-context', async () => ({ found: true, context: { identity: { name: 'A' }, missing: [], shownFields: [] } }));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    console.log('floor at ' + address);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], { cwd: join(root, 'packages', 'server'), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      const url = /floor at (\S+)/.exec(String(chunk))?.[1];
      if (url) resolve({ child, url, token: 'none', stop: () => stopProcess(child) });
    });
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
  });
}

async function waitForHealth(url, since) {
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Warm start: spawn to the first 200 of /healthz, on a data folder the hub has already migrated. */
async function warmStart(dataDir) {
  const times = [];
  for (let i = 0; i < starts; i++) {
    const started = performance.now();
    const hub = await serve(dataDir);
    // `serve` prints once it listens; /healthz then proves the store answers.
    times.push(await waitForHealth(hub.url, started));
    await hub.stop();
  }
  return median(times);
}

/** `requests` requests from `clients` concurrent keep-alive clients, after a warm-up of as many per client; latencies in ms, and the rate. */
async function load(target, route) {
  await run(target, route, clients * 2);
  return run(target, route, requests);
}

async function run(target, route, requests) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const { hostname, port } = new URL(target.url);
  const latencies = [];
  let next = 0;
  let failures = 0;
  const reasons = new Map();
  const failed = (reason) => {
    failures++;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  const one = (index) =>
    new Promise((resolve) => {
      const isPost = route === 'POST /api/v1/handoffs';
      const body = isPost ? JSON.stringify({ question: `Bench question ${index}: my renewal is blocked by a fine`, channel: 'desk' }) : undefined;
      const started = performance.now();
      const request = http.request(
        {
          agent,
          hostname,
          port,
          method: isPost ? 'POST' : 'GET',
          path: isPost ? '/api/v1/handoffs' : `/api/v1/patron-context?email=${encodeURIComponent(patronEmail)}`,
          headers: { authorization: `Bearer ${target.token}`, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - started);
            if (response.statusCode >= 300) failed(`HTTP ${response.statusCode}`);
            resolve();
          });
        },
      );
      request.on('error', (error) => {
        failed(error.code ?? error.message);
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) await one(next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  if (failures > 0) console.log(`  ${route} on ${target.url}: ${failures} failed (${[...reasons].map(([reason, count]) => `${count}× ${reason}`).join(', ')})`);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), rate: requests / seconds, failures };
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
function median(values) {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}


const routes = ['POST /api/v1/handoffs', 'GET /api/v1/patron-context'];
const rows = [];
const ms = (value) => `${value.toFixed(1)} ms`;

console.log(`hub benchmark: ${requests.toLocaleString('en-US')} requests per route and store, ${clients} concurrent clients, loopback`);

const floor = await floorServer();
const floorFigures = {};
try {
  for (const route of routes) floorFigures[route] = await load(floor, route);
} finally {
  await floor.stop();
}

const folder = mkdtempSync(join(tmpdir(), 'liaison-bench-'));
try {
  // PGlite: a first start migrates the data folder; the warm starts come after.
  const dataDir = join(folder, 'pglite');
  const first = await serve(dataDir);
  await first.stop();
  const warm = await warmStart(dataDir);
  console.log(`\nwarm start on embedded PGlite (median of ${starts}, spawn to /healthz 200): ${ms(warm)} — ${(warm / 2000).toFixed(2)}× the 2 s goal`);

  const backends = [['PGlite', {}]];
  let database;
  if (databaseUrl) {
    database = await scratchDatabase(databaseUrl);
    backends.push(['PostgreSQL', { DATABASE_URL: database.url }]);
  } else {
    console.log('DATABASE_URL is not set: the PostgreSQL figures are skipped (set it to measure them).');
  }
  try {
    for (const [name, env] of backends) {
      const hub = await serve(join(folder, `load-${name}`), env);
      try {
        for (const route of routes) rows.push({ store: name, route, ...(await load(hub, route)) });
      } finally {
        await hub.stop();
      }
    }
  } finally {
    await database?.drop();
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}

console.log('');
const header = ['store', 'route', 'p50', 'p99', 'req/s', 'p50 / floor', 'p99 / floor', 'failed'];
const table = [
  ...routes.map((route) => ['floor: bare Fastify', route, ms(floorFigures[route].p50), ms(floorFigures[route].p99), floorFigures[route].rate.toFixed(0), '1.0×', '1.0×', String(floorFigures[route].failures)]),
  ...rows.map((row) => [
    row.store,
    row.route,
    ms(row.p50),
    ms(row.p99),
    row.rate.toFixed(0),
    `${(row.p50 / floorFigures[row.route].p50).toFixed(1)}×`,
    `${(row.p99 / floorFigures[row.route].p99).toFixed(1)}×`,
    String(row.failures),
  ]),
];
const widths = header.map((title, column) => Math.max(title.length, ...table.map((line) => line[column].length)));
for (const line of [header, ...table]) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  '));

const failed = rows.reduce((sum, row) => sum + row.failures, 0);
if (failed > 0) {
  console.error(`\n${failed} requests to the hub failed`);
  process.exitCode = 1;
}
