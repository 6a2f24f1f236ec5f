/**
 * Hubs for the hub's own tests: the example policy, the demo connectors, a clock the test
 * controls, and a store in a fresh schema of one in-memory PGlite per test file (booting PGlite
 * takes seconds; a schema on it takes milliseconds). Not part of the package's public face.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import type { Policy } from '@liaison/core';
import { openStore, type Store, type StaffRole } from '@liaison/store';
import { loadPolicyFile } from '../config/load-policy.js';
import type { HubConnectors } from './connectors.js';
import { createHub, type Hub } from './create-hub.js';
import { demoConnectors } from './demo-connectors.js';
import { examplePolicyFile } from './demo-hub.js';
import { createLogger } from './logging.js';
import type { Notifier } from './scheduler.js';
import type { PatronContextRateLimit } from './routes/patron-context.js';

/** Tuesday 10 March 2026, 10:00 in Chicago (the example library's time zone): the library is open. */
export const tuesdayMorning = new Date('2026-03-10T15:00:00Z');

/** A clock the test moves by hand. */
export interface TestClock {
  (): Date;
  set(at: Date): void;
  advance(milliseconds: number): void;
}

export function testClock(start: Date = tuesdayMorning): TestClock {
  let now = new Date(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.set = (at) => {
    now = new Date(at);
  };
  clock.advance = (milliseconds) => {
    now = new Date(now.getTime() + milliseconds);
  };
  return clock;
}

let examplePolicy: Promise<Policy> | undefined;

/** The example library's policy (examples/liaison.config.yaml), parsed once per test file. */
export function loadExamplePolicy(): Promise<Policy> {
  examplePolicy ??= loadPolicyFile(examplePolicyFile).then((loaded) => {
    if (!loaded.ok) throw new Error(`the example policy does not parse: ${JSON.stringify(loaded.issues)}`);
    return loaded.policy;
  });
  return examplePolicy;
}

let pglite: Promise<PGlite> | undefined;

/** A migrated store in a new schema of this file's shared in-memory PGlite; `schema` reopens one. */
export async function openTestStore(schema = `hub_${randomBytes(6).toString('hex')}`): Promise<Store> {
  pglite ??= PGlite.create('memory://');
  return openStore({ pglite: await pglite, schema });
}

/** Collects every log line a hub writes, as text, for tests that read the log. */
export function logCapture(): { destination: Writable; text(): string; lines(): Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    destination,
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

export interface TestHub extends Hub {
  store: Store;
  clock: TestClock;
  policy: Policy;
  /** A new staff token with `role`. */
  token(role?: StaffRole, name?: string): Promise<string>;
  /** `Authorization` header for a new token with `role`. */
  auth(role?: StaffRole): Promise<{ authorization: string }>;
}

/** A hub over a fresh store: the example policy (or `policy`), demo connectors (or `connectors`), a test clock. */
export async function startTestHub(
  options: {
    policy?: Policy | ((example: Policy) => Policy);
    connectors?: HubConnectors;
    clock?: TestClock;
    store?: Store;
    zendeskSecret?: string;
    notifier?: Notifier;
    logDestination?: Writable;
    /** The log level when `logDestination` is given (default info). */
    logLevel?: string;
    bodyLimitBytes?: number;
    requestTimeoutMs?: number;
    patronLookupTimeoutMs?: number;
    handoffPatronLookupTimeoutMs?: number;
    patronContextRateLimit?: PatronContextRateLimit;
    publicUrl?: string;
    teamsKeysUrl?: string;
  } = {},
): Promise<TestHub> {
  const example = await loadExamplePolicy();
  const policy = typeof options.policy === 'function' ? options.policy(example) : (options.policy ?? example);
  const clock = options.clock ?? testClock();
  const store = options.store ?? (await openTestStore());
  const hub = await createHub({
    store,
    policy,
    clock,
    connectors: options.connectors ?? demoConnectors(clock),
    logger: createLogger({ level: options.logDestination ? (options.logLevel ?? 'info') : 'silent', ...(options.logDestination ? { destination: options.logDestination } : {}) }),
    publicUrl: options.publicUrl ?? 'http://hub.test',
    ...(options.teamsKeysUrl ? { teamsKeysUrl: options.teamsKeysUrl } : {}),
    ...(options.zendeskSecret ? { zendeskSecret: options.zendeskSecret } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
    ...(options.patronLookupTimeoutMs ? { patronLookupTimeoutMs: options.patronLookupTimeoutMs } : {}),
    ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    ...(options.handoffPatronLookupTimeoutMs ? { handoffPatronLookupTimeoutMs: options.handoffPatronLookupTimeoutMs } : {}),
    ...(options.patronContextRateLimit ? { patronContextRateLimit: options.patronContextRateLimit } : {}),
  });
  const token = async (role: StaffRole = 'staff', name = `test ${role}`) => (await store.tokens.create(name, role, clock())).token;
  return {
    ...hub,
    store,
    clock,
    policy,
    token,
    auth: async (role: StaffRole = 'staff') => ({ authorization: `Bearer ${await token(role)}` }),
  };
}

/**
 * Sends `bytes` as they are over a real connection to `port` on 127.0.0.1 — for requests no HTTP
 * client would send — and gives back what the hub answered once it closes the connection (or
 * `closed: false` when it has not closed it within `waitMs`).
 */
export function sendRaw(port: number, bytes: string | Buffer, waitMs = 5_000): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ port, host: '127.0.0.1' }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: false });
    }, waitMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: Error & { code?: string }) => {
      // The hub may close while the rest of a refused request is still being written.
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text: Buffer.concat(chunks).toString('latin1'), closed: true });
    });
  });
}

/** The JSON body of a raw HTTP/1.1 answer, and its status. */
export function parseRawAnswer(text: string): { status: number; headers: string; body: unknown } {
  const [head = '', ...rest] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const bodyText = rest.join('\r\n\r\n');
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = bodyText;
  }
  return { status, headers: head.toLowerCase(), body };
}

/** Standard streams for `main(args, io)` that keep what a command prints. */
export function captureIO(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const stdout = logCapture();
  const stderr = logCapture();
  return {
    io: { stdout: stdout.destination, stderr: stderr.destination, cwd, env },
    stdout: stdout.text,
    stderr: stderr.text,
  };
}

/** The example policy with three mistakes a librarian might make, and where each one is. */
export function writeBrokenPolicy(directory: string): { file: string; expected: { path: string; line: number; text: string }[] } {
  const lines = readFileSync(examplePolicyFile, 'utf8').split('\n');
  const edit = (find: string, replace: string, after = 0) => {
    const index = lines.findIndex((line, i) => i >= after && line.includes(find));
    if (index < 0) throw new Error(`the example policy no longer has "${find}"`);
    lines[index] = lines[index]!.replace(find, replace);
    return index + 1;
  };
  const serviceLevel = edit('service_level: 4 opening hours', 'service_level: 4 opening hourz');
  const hours = edit('monday: "07:30-24:00"', 'monday: "07:30-25:00"');
  const retention = edit('retention_days: 180', 'retention_days: -5');
  const file = join(directory, 'broken.yaml');
  writeFileSync(file, lines.join('\n'));
  return {
    file,
    expected: [
      { path: 'handoff.rules[0].service_level', line: serviceLevel, text: 'try "4 opening hours"' },
      { path: 'library.opening_hours.monday', line: hours, text: '25:00' },
      { path: 'privacy.retention_days', line: retention, text: 'negative' },
    ],
  };
}
