import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '@liaison/store';
import type { HubConnectors } from './connectors.js';
import { createLogger } from './logging.js';
import type { Notifier } from './scheduler.js';
import { startHub, type RunningHub } from './start.js';

/** The example policy shipped with the repository (examples/liaison.config.yaml), found from src/ or dist/ alike. */
export const examplePolicyFile = findUp(dirname(fileURLToPath(import.meta.url)), join('examples', 'liaison.config.yaml'));

function findUp(from: string, relative: string): string {
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, relative);
    if (existsSync(candidate)) return candidate;
    if (dirname(directory) === directory) return join(from, relative);
  }
}

export interface DemoHub extends RunningHub {
  /** An admin staff token for the API. */
  token: string;
}

/**
 * A hub for tests and local development: the example policy (or another), an in-memory PGlite
 * store, the demo connectors (or others), on 127.0.0.1 at a free port, with an admin token.
 */
export async function startDemoHub(
  options: {
    policyFile?: string;
    connectors?: HubConnectors;
    zendeskSecret?: string;
    clock?: () => Date;
    notifier?: Notifier;
    seedDemo?: boolean;
    logLevel?: string;
    /** Slack's environment variables, to serve Slack too (tests point its Web API at msw). */
    slackEnvironment?: Record<string, string | undefined>;
  } = {},
): Promise<DemoHub> {
  const store = await openStore({ dataDir: 'memory://' });
  const hub = await startHub({
    policyFile: options.policyFile ?? examplePolicyFile,
    port: 0,
    host: '127.0.0.1',
    store,
    schedulerIntervalMs: 0,
    logger: createLogger({ level: options.logLevel ?? 'silent' }),
    ...(options.connectors ? { connectors: options.connectors } : {}),
    ...(options.zendeskSecret ? { zendeskSecret: options.zendeskSecret } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.notifier ? { notifier: options.notifier } : {}),
    seedDemo: options.seedDemo ?? false,
    ...(options.slackEnvironment ? { slackEnvironment: options.slackEnvironment } : {}),
  });
  const { token } = await store.tokens.create('demo hub', 'admin', new Date());
  return {
    ...hub,
    token,
    async stop() {
      await hub.stop();
      await store.close();
    },
  };
}
