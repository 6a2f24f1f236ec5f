// The floor of bench/hub-database.mjs: bare `pg`, no hub, writing exactly the rows one hand-off
// create leaves (the hand-off, its events, the idempotency key with its response) in one
// transaction, and reading a department's queue with one query. It runs in a process of its own,
// as the hub does, and takes orders from the benchmark over IPC:
//   { type: 'setup', url, poolSize, template }  → { type: 'ready' }
//   { type: 'create', count, clients }           → { type: 'done', latencies, seconds }
//   { type: 'list', count, clients, department, limit } → { type: 'done', latencies, seconds, rows }
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openStates } from '@liaison/core';

let pool;
let template;
let serial = 0;

/** A column value as `pg` should send it: objects as JSON text (jsonb), arrays as Postgres arrays, the rest as is. */
function asParameter(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? JSON.stringify(value) : value;
}

function insertStatement(table, columns) {
  return `insert into ${table} (${columns.join(', ')}) values (${columns.map((_, index) => `$${index + 1}`).join(', ')})`;
}

function prepare(sample) {
  const handoffColumns = Object.keys(sample.handoff);
  const eventColumns = Object.keys(sample.events[0]);
  const keyColumns = Object.keys(sample.key);
  return {
    sample,
    handoffColumns,
    eventColumns,
    keyColumns,
    insertHandoff: insertStatement('handoffs', handoffColumns),
    // All the events in one statement, as the hub writes them.
    insertEvents: `insert into handoff_events (${eventColumns.join(', ')}) values ${sample.events
      .map((_, row) => `(${eventColumns.map((_, column) => `$${row * eventColumns.length + column + 1}`).join(', ')})`)
      .join(', ')}`,
    insertKey: insertStatement('idempotency_keys', keyColumns),
    responseText: JSON.stringify(sample.key.response),
  };
}

/** One create: begin, nextval, the hand-off, its events, the key with its response, commit — six statements on one connection. */
async function createOne() {
  const n = serial++;
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query(`select 'H-' || nextval('handoff_number') as id`);
    const id = rows[0].id;
    const question = `Floor question ${n}: ${template.sample.handoff.question}`.slice(0, template.sample.handoff.question.length + 24);
    const handoff = { ...template.sample.handoff, id, question, status_token: randomBytes(24).toString('base64url') };
    await client.query(template.insertHandoff, template.handoffColumns.map((column) => asParameter(handoff[column])));
    await client.query(
      template.insertEvents,
      template.sample.events.flatMap((event) => template.eventColumns.map((column) => asParameter(column === 'handoff_id' ? id : event[column]))),
    );
    const key = { ...template.sample.key, key: `floor-${process.pid}-${n}`, response: template.responseText.replaceAll(template.sample.handoff.id, id) };
    await client.query(template.insertKey, template.keyColumns.map((column) => (column === 'response' ? key.response : asParameter(key[column]))));
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A department's queue as the hub lists it (overdue first, then by due time), each hand-off with its history: one query. */
const listQuery = `
  select h.*, coalesce((select json_agg(e order by e.sequence) from handoff_events e where e.handoff_id = h.id), '[]') as history
  from handoffs h
  where h.department = $1 and h.state = any($2)
  order by (h.due_at < $3 and h.state = any($5)) desc, h.due_at, h.id
  limit $4`;

let listedRows = 0;
async function listOne(department, limit) {
  const { rows } = await pool.query(listQuery, [department, ['open'], new Date(), limit, [...openStates]]);
  listedRows = rows.length;
}

async function measure(count, clients, one) {
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        next++;
        const began = performance.now();
        await one();
        latencies.push(performance.now() - began);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

process.on('message', async (message) => {
  try {
    if (message.type === 'setup') {
      pool = new pg.Pool({ connectionString: message.url, max: message.poolSize });
      template = prepare(message.template);
      process.send({ type: 'ready' });
    } else if (message.type === 'create') {
      process.send({ type: 'done', ...(await measure(message.count, message.clients, createOne)) });
    } else if (message.type === 'list') {
      const result = await measure(message.count, message.clients, () => listOne(message.department, message.limit));
      process.send({ type: 'done', ...result, rows: listedRows });
    } else if (message.type === 'stop') {
      await pool?.end();
      process.disconnect();
    }
  } catch (error) {
    process.send({ type: 'failed', message: error.stack ?? String(error) });
  }
});
