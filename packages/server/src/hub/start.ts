import { resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Policy } from '@liaison/core';
import { openStore, type Store } from '@liaison/store';
import { formatLocatedIssue, loadPolicyFile } from '../config/load-policy.js';
import { seedDemoData } from '../demo/seed.js';
import type { HubConnectors } from './connectors.js';
import { createHub, type Hub } from './create-hub.js';
import { demoConnectors } from './demo-connectors.js';
import { createLogger } from './logging.js';
import type { Notifier } from './scheduler.js';

export interface StartHubOptions {
  /** The policy file; its errors stop the start, each printed with its path. */
  policyFile: string;
  port?: number;
  host?: string;
  /** PostgreSQL server; when absent, embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** An already-open store (tests); the hub will not close it. */
  store?: Store;
  connectors?: HubConnectors;
  zendeskSecret?: string;
  publicUrl?: string;
  logger?: Logger;
  clock?: () => Date;
  notifier?: Notifier;
  /** Run the scheduler every this many ms (0: do not start it). Default one minute. */
  schedulerIntervalMs?: number;
  /** Load the demo library's hand-offs into an empty store. */
  seedDemo?: boolean;
}

export interface RunningHub extends Hub {
  url: string;
  policy: Policy;
  store: Store;
  stop(): Promise<void>;
}

/** Thrown when the policy file has problems; `lines` are ready to print. */
export class PolicyFileError extends Error {
  constructor(readonly lines: string[]) {
    super(`the policy file has ${lines.length} problem(s)`);
    this.name = 'PolicyFileError';
  }
}

/** Loads the policy, opens the store, composes the hub and listens. The one way the hub starts. */
export async function startHub(options: StartHubOptions): Promise<RunningHub> {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger({ level: process.env['LOG_LEVEL'] ?? 'info' });
  const loaded = await loadPolicyFile(resolve(options.policyFile));
  if (!loaded.ok) throw new PolicyFileError(loaded.issues.map((issue) => formatLocatedIssue(options.policyFile, issue)));
  const policy = loaded.policy;

  const ownsStore = !options.store;
  const store =
    options.store ??
    (await openStore(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.dataDir ?? resolve('.liaison') }));
  const connectors = options.connectors ?? demoConnectors(clock);
  if (options.seedDemo) await seedDemoData(store, policy, clock(), logger);

  const port = options.port ?? 3000;
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const hub = await createHub({
    store,
    policy,
    connectors,
    clock,
    logger,
    publicUrl,
    ...(options.zendeskSecret ? { zendeskSecret: options.zendeskSecret } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
  });
  const address = await hub.app.listen({ port, host });
  const url = port === 0 ? address : publicUrl;
  if ((options.schedulerIntervalMs ?? 60_000) > 0) hub.scheduler.start(options.schedulerIntervalMs ?? 60_000);
  return {
    ...hub,
    url,
    policy,
    store,
    async stop() {
      await hub.close();
      if (ownsStore) await store.close();
    },
  };
}
