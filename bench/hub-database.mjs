// The hub at its database's speed: `POST /api/v1/handoffs` and `GET /api/v1/handoffs` on
// PostgreSQL, measured in interleaved rounds against a floor of bare `pg` (bench/support/pg-floor.mjs)
// that writes exactly the rows one create leaves — the hand-off, its `created` event, the
// idempotency key with its response — in one transaction, and reads a department's open queue
// with one query. Same server, same migrated schema (two scratch databases), same pool size,
// same durability, the same number of concurrent clients; every create carries an Idempotency-Key.
// Prints creates (and lists) per second, p50/p99, the ratio hub / floor and the CPU each request cost the side's
// process and its database connections (which, unlike rates, a busy machine hardly moves), and checks afterwards
// that both sides left the same number of rows in every table.
//
// Environment: DATABASE_URL (skipped with a message when unset), BENCH_ROUNDS (default 4),
// BENCH_CREATES (per round and side, default 400), BENCH_LISTS (per round and side, default 60),
// BENCH_CLIENTS (default 100), BENCH_POOL (the pool size of both sides, default 10: pg's default,
// which the hub uses), BENCH_LOG_LEVEL (the hub's LOG_LEVEL, default info as a library runs it),
// BENCH_HUB_NODE_OPTIONS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the hub),
// BENCH_HUB_ROOT (another checkout whose built hub to measure, e.g. main's for a before/after).
// Needs the built packages (`npm run bench` builds them). Traffic goes to 127.0.0.1 only.
import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { scratchDatabase, stopProcess } from './support/processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const databaseUrl = process.env.DATABASE_URL || undefined;
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const createsPerRound = Number(process.env.BENCH_CREATES ?? 400);
const listsPerRound = Number(process.env.BENCH_LISTS ?? 60);
const clients = Number(process.env.BENCH_CLIENTS ?? 100);
const poolSize = Number(process.env.BENCH_POOL ?? 10);
const logLevel = process.env.BENCH_LOG_LEVEL ?? 'info';
// Another checkout's built hub to measure instead of this one (e.g. a build of main, for before/after).
const hubRoot = process.env.BENCH_HUB_ROOT ?? root;
const queueDepartment = 'special-collections';
const queueLength = 200;

if (!databaseUrl) {
  console.log('hub-database: DATABASE_URL is not set, so there is no PostgreSQL to measure against; set it (e.g. postgres://postgres@127.0.0.1:5432/test) to run this benchmark.');
  process.exit(0);
}


/** Spawns `liaison serve` on PostgreSQL; resolves with its address and admin token. */
function serve(dataDir, hubDatabaseUrl) {
  const nodeOptions = (process.env.BENCH_HUB_NODE_OPTIONS ?? '').split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...nodeOptions, 'packages/server/bin/liaison.js', 'serve', '--config', 'examples/liaison.config.yaml', '--port', '0', '--data-dir', dataDir, '--no-demo-data'],
    { cwd: hubRoot, env: { PATH: process.env.PATH, LOG_LEVEL: logLevel, DATABASE_URL: hubDatabaseUrl }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let started = false;
  const keep = (chunk) => {
    // Once started, the log lines are read and dropped, as a log shipper would.
    if (!started) output += chunk;
  };
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      const url = /is running at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /Bearer (lsn_[A-Za-z0-9_-]+)/.exec(output)?.[1];
      if (!started && url && token) {
        started = true;
        resolve({ child, url, token, stop: () => stopProcess(child) });
      }
    });
    child.once('exit', (code) => {
      if (!started) reject(new Error(`liaison serve exited (${code}):\n${output}`));
    });
  });
}


/** The floor's process; `ask` sends an order and resolves with its answer. */
function startFloor() {
  const child = fork(join(here, 'support', 'pg-floor.mjs'), [], { cwd: here, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      const exited = (code) => reject(new Error(`the floor's process exited (${code})`));
      child.once('exit', exited);
      child.once('message', (answer) => {
        child.off('exit', exited);
        if (answer.type === 'failed') reject(new Error(`the floor failed: ${answer.message}`));
        else resolve(answer);
      });
      child.send(message);
    });
  return { child, ask, stop: () => ask({ type: 'stop' }).catch(() => undefined) };
}

let requestSerial = 0;
/** `count` requests from `clients` concurrent keep-alive clients; latencies in ms. */
async function hubRound(hub, count, request) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const { hostname, port } = new URL(hub.url);
  const latencies = [];
  const failures = new Map();
  let next = 0;
  const one = () =>
    new Promise((resolve) => {
      const { method, path, body, headers = {} } = request(requestSerial++);
      const began = performance.now();
      const outgoing = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: { authorization: `Bearer ${hub.token}`, ...headers, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - began);
            if (response.statusCode >= 300) failures.set(response.statusCode, (failures.get(response.statusCode) ?? 0) + 1);
            resolve();
          });
        },
      );
      outgoing.on('error', (error) => {
        failures.set(error.code ?? error.message, (failures.get(error.code ?? error.message) ?? 0) + 1);
        resolve();
      });
      outgoing.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        next++;
        await one();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  if (failures.size > 0) throw new Error(`hub requests failed: ${[...failures].map(([reason, n]) => `${n}× ${reason}`).join(', ')}`);
  return { latencies, seconds };
}

const createRequest = (department) => (serial) => ({
  method: 'POST',
  path: '/api/v1/handoffs',
  headers: { 'idempotency-key': `bench-${process.pid}-${serial}` },
  body: JSON.stringify({ question: `Bench question ${serial}: my renewal is blocked by a fine`, channel: 'desk', ...(department ? { department } : {}) }),
});
const listRequest = () => ({ method: 'GET', path: `/api/v1/handoffs?department=${queueDepartment}&state=open&limit=${queueLength}` });

async function rowCounts(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
    const counts = {};
    for (const { tablename } of tables) counts[tablename] = Number((await client.query(`select count(*) from "${tablename}"`)).rows[0].count);
    return counts;
  } finally {
    await client.end();
  }
}

/** One create as the hub stored it (the hand-off, its events, its idempotency key), as JSON rows: the floor writes the same. */
async function sampleCreate(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const handoff = (await client.query(`select to_jsonb(h) as row from handoffs h order by created_at desc limit 1`)).rows[0].row;
    const events = (await client.query(`select to_jsonb(e) as row from handoff_events e where handoff_id = $1 order by sequence`, [handoff.id])).rows.map((r) => r.row);
    const key = (await client.query(`select to_jsonb(k) as row from idempotency_keys k where response -> 'id' = to_jsonb($1::text)`, [handoff.id])).rows[0]?.row;
    if (!key) throw new Error(`the hub left no idempotency key for ${handoff.id}`);
    return { handoff, events, key };
  } finally {
    await client.end();
  }
}

/** Copies the queue the hub was seeded with (hand-offs, events, keys) to the floor's database, and the hand-off numbers with it. */
async function copyQueue(fromUrl, toUrl) {
  const from = new pg.Client({ connectionString: fromUrl });
  const to = new pg.Client({ connectionString: toUrl });
  await Promise.all([from.connect(), to.connect()]);
  try {
    const rows = async (query, ...values) => JSON.stringify((await from.query(query, values)).rows.map((r) => r.row));
    const handoffs = await rows(`select to_jsonb(h) as row from handoffs h where department = $1`, queueDepartment);
    const events = await rows(`select to_jsonb(e) as row from handoff_events e join handoffs h on h.id = e.handoff_id where h.department = $1`, queueDepartment);
    const keys = await rows(`select to_jsonb(k) as row from idempotency_keys k where k.response ->> 'department' = $1`, queueDepartment);
    await to.query(`insert into handoffs select * from jsonb_populate_recordset(null::handoffs, $1::jsonb)`, [handoffs]);
    await to.query(`insert into handoff_events select * from jsonb_populate_recordset(null::handoff_events, $1::jsonb)`, [events]);
    await to.query(`insert into idempotency_keys select * from jsonb_populate_recordset(null::idempotency_keys, $1::jsonb)`, [keys]);
    const { rows: sequence } = await from.query(`select last_value from handoff_number`);
    await to.query(`select setval('handoff_number', $1)`, [sequence[0].last_value]);
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}

/** CPU time a process has used so far, in ms (user + system, from /proc; 0 where there is none). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}
const clockTicks = 100;

/** CPU used so far by the server processes of one database's connections, in ms (the server must be on this machine). */
async function databaseCpuMs(admin, name) {
  const { rows } = await admin.query(`select pid from pg_stat_activity where datname = $1`, [name]);
  return rows.reduce((sum, row) => sum + cpuMs(row.pid), 0);
}

/** Runs `work` and adds the CPU time the process `pid` and the database's server processes spent meanwhile to `into`. */
async function withCpu(into, pid, database, work) {
  const before = { process: cpuMs(pid), database: await databaseCpuMs(monitor, database.name) };
  const result = await work();
  into.process += cpuMs(pid) - before.process;
  into.database += (await databaseCpuMs(monitor, database.name)) - before.database;
  return result;
}

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

function summary(results) {
  const latencies = results.flatMap((result) => result.latencies).sort((a, b) => a - b);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), count: latencies.length };
}

const began = performance.now();
const progress = (step) => process.env.BENCH_VERBOSE && console.error(`[${((performance.now() - began) / 1000).toFixed(1)} s] ${step}`);
console.log(
  `hub-database benchmark: PostgreSQL, ${rounds} interleaved rounds × ${createsPerRound} creates and ${listsPerRound} lists of a ${queueLength}-hand-off queue per side, ` +
    `${clients} concurrent clients, pool ${poolSize}, Idempotency-Key on, hub LOG_LEVEL=${logLevel}${hubRoot === root ? '' : `, the hub of ${hubRoot}`}`,
);
const hubDatabase = await scratchDatabase(databaseUrl, 'hub');
// Reads how much CPU each side's database connections used (when the server runs on this machine).
const monitor = new pg.Client({ connectionString: databaseUrl });
await monitor.connect();
const floorDatabase = await scratchDatabase(databaseUrl, 'floor');
const folder = mkdtempSync(join(tmpdir(), 'liaison-bench-'));
let hub;
let floor;
try {
  // The floor's database gets the same migrations the measured hub applies to its own.
  const { openStore } = await import(pathToFileURL(join(hubRoot, 'packages', 'store', 'dist', 'index.js')).href);
  await (await openStore({ databaseUrl: floorDatabase.url })).close();
  hub = await serve(folder, hubDatabase.url);
  floor = startFloor();

  // The queue to list, the same 200 hand-offs on both sides: created through the hub, copied to the floor.
  progress('hub and floor started');
  await hubRound(hub, queueLength, createRequest(queueDepartment));
  progress('queue created at the hub');
  await copyQueue(hubDatabase.url, floorDatabase.url);
  progress('queue copied to the floor');
  const before = { hub: await rowCounts(hubDatabase.url), floor: await rowCounts(floorDatabase.url) };

  // Warm-up: a round each, not counted (but its rows are, on both sides alike).
  await hubRound(hub, clients * 2, createRequest());
  await floor.ask({ type: 'setup', url: floorDatabase.url, poolSize, template: await sampleCreate(hubDatabase.url) });
  await floor.ask({ type: 'create', count: clients * 2, clients });
  progress('warmed up');

  const results = { hubCreate: [], floorCreate: [], hubList: [], floorList: [] };
  const cpu = Object.fromEntries(Object.keys(results).map((key) => [key, { process: 0, database: 0 }]));
  for (let round = 0; round < rounds; round++) {
    // Who goes first alternates, so a slow moment of the shared machine falls on both alike.
    const hubFirst = round % 2 === 0;
    const sides = [
      async () => results.hubCreate.push(await withCpu(cpu.hubCreate, hub.child.pid, hubDatabase, () => hubRound(hub, createsPerRound, createRequest()))),
      async () => results.floorCreate.push(await withCpu(cpu.floorCreate, floor.child.pid, floorDatabase, () => floor.ask({ type: 'create', count: createsPerRound, clients }))),
    ];
    for (const side of hubFirst ? sides : sides.reverse()) await side();
    progress(`create round ${round + 1}`);
  }
  await hubRound(hub, clients, listRequest);
  let floorListed = 0;
  for (let round = 0; round < rounds; round++) {
    const sides = [
      async () => results.hubList.push(await withCpu(cpu.hubList, hub.child.pid, hubDatabase, () => hubRound(hub, listsPerRound, listRequest))),
      async () => {
        const answer = await withCpu(cpu.floorList, floor.child.pid, floorDatabase, () =>
          floor.ask({ type: 'list', count: listsPerRound, clients, department: queueDepartment, limit: queueLength }),
        );
        floorListed = answer.rows;
        results.floorList.push(answer);
      },
    ];
    for (const side of round % 2 === 0 ? sides : sides.reverse()) await side();
    progress(`list round ${round + 1}`);
  }
  const listed = await (await fetch(`${hub.url}${listRequest().path}`, { headers: { authorization: `Bearer ${hub.token}` } })).json();

  const after = { hub: await rowCounts(hubDatabase.url), floor: await rowCounts(floorDatabase.url) };
  const figures = {
    create: { hub: summary(results.hubCreate), floor: summary(results.floorCreate) },
    list: { hub: summary(results.hubList), floor: summary(results.floorList) },
  };

  console.log('');
  const ms = (value) => `${value.toFixed(1)} ms`;
  const header = ['route', 'side', 'per second', 'p50', 'p99', 'hub / floor (rate)', 'CPU ms each: process', 'database'];
  const table = [];
  for (const [name, route] of [
    ['create', 'POST /api/v1/handoffs'],
    ['list', `GET /api/v1/handoffs (${queueLength} open)`],
  ]) {
    const { hub: h, floor: f } = figures[name];
    const perRequest = (side, count) => [(cpu[side].process / count).toFixed(2), (cpu[side].database / count).toFixed(2)];
    table.push([route, 'floor: bare pg', f.rate.toFixed(0), ms(f.p50), ms(f.p99), '', ...perRequest(`floor${name === 'create' ? 'Create' : 'List'}`, f.count)]);
    table.push([route, 'hub', h.rate.toFixed(0), ms(h.p50), ms(h.p99), (h.rate / f.rate).toFixed(2), ...perRequest(`hub${name === 'create' ? 'Create' : 'List'}`, h.count)]);
  }
  const widths = header.map((title, column) => Math.max(title.length, ...table.map((line) => line[column].length)));
  for (const line of [header, ...table]) console.log(line.map((cell, column) => cell.padEnd(widths[column])).join('  '));
  console.log(`\ncreate ratio ${(figures.create.hub.rate / figures.create.floor.rate).toFixed(2)} (goal ≥ 0.5, stretch 0.7); list ratio ${(figures.list.hub.rate / figures.list.floor.rate).toFixed(2)} (goal ≥ 0.6)`);

  // Both sides must have done the same work: the same rows added to every table, the same queue listed.
  const problems = [];
  for (const table of new Set([...Object.keys(after.hub), ...Object.keys(after.floor)])) {
    const added = { hub: (after.hub[table] ?? 0) - (before.hub[table] ?? 0), floor: (after.floor[table] ?? 0) - (before.floor[table] ?? 0) };
    if (added.hub !== added.floor) problems.push(`${table}: the hub added ${added.hub} rows, the floor ${added.floor}`);
  }
  if (listed.handoffs?.length !== queueLength || floorListed !== queueLength) problems.push(`the queue listed ${listed.handoffs?.length} hand-offs at the hub and ${floorListed} at the floor; both should be ${queueLength}`);
  const written = ['handoffs', 'handoff_events', 'idempotency_keys'].map((table) => `${table} +${after.hub[table] - before.hub[table]}`).join(', ');
  if (problems.length > 0) {
    console.error(`\nThe two sides did not do the same work:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log(`rows added, the same on both sides in every table: ${written}`);
  }
  console.log(`(ran ${((performance.now() - began) / 1000).toFixed(0)} s)`);
} finally {
  await floor?.stop();
  await hub?.stop();
  await monitor.end();
  await Promise.all([hubDatabase.drop(), floorDatabase.drop()]);
  rmSync(folder, { recursive: true, force: true });
}
