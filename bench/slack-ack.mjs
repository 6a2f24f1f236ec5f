// Time to acknowledge `/handoff`: 100 concurrent commands, signed exactly as Slack signs them,
// sent to the Liaison Slack app (routing suggestion, modal built and opened after the ack) and,
// interleaved, to a bare Bolt app whose listener only acks — the floor Bolt itself sets.
// Slack's Web API is a local stub, so views.open costs what a fast Slack would.
// Prints p50/p99 ack times for both and the ratio (goal: p99 ≤ 25 ms, ratio ≤ 1.5×).
// Environment: BENCH_ROUNDS (default 7), BENCH_CONCURRENCY (default 100).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { parse } from 'yaml';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { dueAt, parsePolicy, routeHandoff } from '@liaison/core';
import { createLiaisonSlackApp } from '@liaison/slack-app';


// The client runs in its own process so that sending 100 requests does not slow the apps being measured.
if (process.argv[2] === 'client') {
  const signingSecret = 'bench-signing-secret';
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 100);
  const questions = ['Patron gets a proxy error opening JSTOR off campus', 'Where is my interlibrary loan?', 'Can the library buy this book?', 'I have fines on my account', 'Archives visit to see the 1890 yearbook'];
  const signedCommand = (i) => {
    const body = new URLSearchParams({ command: '/handoff', text: questions[i % questions.length], user_id: 'U024REF0001', user_name: 'pat', team_id: 'T1', channel_id: 'C1', trigger_id: `t${i}`, response_url: 'https://hooks.slack.com/commands/x' }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
    return { body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` } };
  };
  process.on('message', async ({ url }) => {
    const requests = Array.from({ length: concurrency }, (_, i) => signedCommand(i));
    const times = await Promise.all(
      requests.map(async ({ body, headers }) => {
        const start = performance.now();
        const response = await fetch(url, { method: 'POST', body, headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`ack was ${response.status}`);
        return performance.now() - start;
      }),
    );
    process.send({ times });
  });
} else {
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 100);
const signingSecret = 'bench-signing-secret';

const parsed = parsePolicy(parse(readFileSync(new URL('../examples/liaison.config.yaml', import.meta.url), 'utf8')));
if (!parsed.ok) throw new Error('the example policy does not parse');
const policy = parsed.value;

// A stand-in for Slack's Web API: every method answers ok at once.
const slackApi = createServer((request, response) => {
  request.resume();
  request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});
await new Promise((resolve) => slackApi.listen(0, '127.0.0.1', resolve));
const slackApiUrl = `http://127.0.0.1:${slackApi.address().port}/api/`;
const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

// The port: the only hub call on the /handoff path is the routing suggestion.
const port = {
  policy,
  dashboardUrl: 'http://127.0.0.1:3000/dashboard/',
  now: () => new Date(),
  suggestRoute(question) {
    const route = routeHandoff({ text: question, channel: 'slack' }, policy.handoff.rules);
    const department = policy.departments.find((d) => d.id === route.department);
    const serviceLevel = String(route.serviceLevel.text ?? route.serviceLevel);
    return { department: route.department, departmentName: department?.name ?? route.department, serviceLevel, responsibility: route.responsibility, ruleId: route.ruleId, explanation: route.explanation, dueAt: dueAt(new Date(), route.serviceLevel, policy.library).toISOString() };
  },
  createHandoff: () => Promise.reject(new Error('not used')),
  applyEvent: () => Promise.reject(new Error('not used')),
  getHandoff: async () => null,
  listHandoffs: async () => [],
  statusLink: async () => null,
  evaluateTitle: () => Promise.reject(new Error('not used')),
  cards: { get: async () => null, save: async () => undefined },
};

const liaison = createLiaisonSlackApp({ port, config: { mode: 'http', signingSecret, botToken: 'xoxb-bench' }, logger: silent, clientOptions: { slackApiUrl } });

const bareReceiver = new HTTPReceiver({ signingSecret, logger: silent });
const bare = new App({ receiver: bareReceiver, logger: silent, authorize: async () => ({ botToken: 'xoxb-bench' }), convoStore: false, clientOptions: { slackApiUrl } });
bare.command('/handoff', async ({ ack }) => {
  await ack();
});

async function serve(listener) {
  const server = createServer(listener);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/slack/events` };
}
const targets = { liaison: await serve(timed('liaison', liaison.requestListener)), bare: await serve(timed('bare', bareReceiver.requestListener)) };

const client = fork(new URL(import.meta.url).pathname, ['client'], { stdio: 'inherit' });
const serverTimes = { liaison: [], bare: [] };
let measuring = null;
function timed(name, listener) {
  return (request, response) => {
    const start = performance.now();
    response.on('finish', () => {
      if (measuring) serverTimes[name].push(performance.now() - start);
    });
    listener(request, response);
  };
}
function burst(name) {
  return new Promise((resolve) => {
    client.once('message', ({ times }) => resolve(times));
    client.send({ url: targets[name].url });
  });
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

// Warm both up, then interleave rounds so neither gets a quieter machine.
await burst('liaison');
await burst('bare');
measuring = true;
const times = { liaison: [], bare: [] };
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? ['liaison', 'bare'] : ['bare', 'liaison']) {
    times[name].push(...(await burst(name)));
    // Let the work after the acks (views.open) finish before the next burst.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const report = (label, source) => {
  const row = (name) => ({ p50: quantile(source[name], 0.5), p99: quantile(source[name], 0.99) });
  const l = row('liaison');
  const b = row('bare');
  console.log(label);
  console.log(`  bare Bolt app (ack only)   p50 ${b.p50.toFixed(2)}  p99 ${b.p99.toFixed(2)}`);
  console.log(`  Liaison Slack app          p50 ${l.p50.toFixed(2)}  p99 ${l.p99.toFixed(2)}`);
  console.log(`  ratio Liaison / bare       p50 ${(l.p50 / b.p50).toFixed(2)}x  p99 ${(l.p99 / b.p99).toFixed(2)}x`);
};
console.log(`${rounds} rounds of ${concurrency} concurrent signed /handoff commands (goal: p99 ≤ 25 ms, ratio ≤ 1.5x)`);
report('in the app (request received → ack sent), ms', serverTimes);
report('at the client (request sent → ack read, queueing included), ms', times);
client.kill();

for (const { server } of Object.values(targets)) server.close();
slackApi.close();
}
