import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { createConnectorsFromPolicy, storeCache } from '@liaison/connectors';
import type { Logger } from 'pino';
import { formatIssue, LiaisonError, type Policy } from '@liaison/core';
import { openStore, type Store } from '@liaison/store';
import { formatLocatedIssue, loadPolicyFile } from '../config/load-policy.js';
import { seedDemoData } from '../demo/seed.js';
import type { HubConnectors } from './connectors.js';
import { createHub, type Hub } from './create-hub.js';
import { createLogger } from './logging.js';
import type { Notifier } from './scheduler.js';
import { slackConfigFromEnvironment } from '@liaison/slack-app';
import { mountSlack, slackNotifierSlot } from './slack.js';

export interface StartHubOptions {
  /** The policy file; its errors stop the start, each printed with its path. */
  policyFile: string;
  port?: number;
  host?: string;
  /** PostgreSQL server; when absent, embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  /** Where the connectors' secrets are read from (the variables the policy file names); default process.env. */
  connectorEnvironment?: Record<string, string | undefined>;
  /** An already-open store (tests); the hub will not close it. */
  store?: Store;
  connectors?: HubConnectors;
  zendeskSecret?: string;
  publicUrl?: string;
  logger?: Logger;
  clock?: () => Date;
  notifier?: Notifier;
  /**
   * Slack's settings, as Slack's own tooling names them (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN,
   * SLACK_APP_TOKEN, SLACK_CLIENT_ID/SECRET). Without any, the hub runs without Slack.
   */
  slackEnvironment?: Record<string, string | undefined>;
  /** Passed to Slack's Web API client (tests point it at a mock). */
  slackClientOptions?: Record<string, unknown>;
  /** Run the scheduler every this many ms (0: do not start it). Default one minute. */
  schedulerIntervalMs?: number;
  /** Where Entra ID publishes a tenant's signing keys (`{tid}` for the tenant); tests serve their own. */
  teamsKeysUrl?: string;
  /** Load the demo library's hand-offs into an empty store. */
  seedDemo?: boolean | 'when-demo';
}

export interface RunningHub extends Hub {
  url: string;
  /** True when every system the policy names is the built-in demo library. */
  isDemoLibrary: boolean;
  /** How Slack is served: 'http' at /slack/events, 'socket' (Socket Mode), or null when not configured. */
  slackMode: 'http' | 'socket' | null;
  policy: Policy;
  store: Store;
  stop(): Promise<void>;
}

/** Thrown when Slack's environment variables are set but do not fit together; the message says which to set. */
export class SlackSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackSettingsError';
  }
}

/** Thrown when the policy file has problems; `lines` are ready to print. */
export class PolicyFileError extends Error {
  constructor(readonly lines: string[]) {
    super(`the policy file has ${lines.length} problem(s)`);
    this.name = 'PolicyFileError';
  }
}

/** Whether the policy asks only the built-in demo library (the shipped example does). */
export function usesOnlyDemoSystems(policy: Policy): boolean {
  const { systems = {}, cache_seconds: _cache, ...roles } = policy.connectors;
  const names = Object.values(roles).flatMap((list) => (Array.isArray(list) ? list : []));
  return names.every((name) => name === 'demo' || (systems[name] as { type?: string } | undefined)?.type === 'demo');
}

/** The policy's systems; a problem in their settings is a policy-file problem, printed with its path. */
function buildConnectors(...args: Parameters<typeof createConnectorsFromPolicy>): ReturnType<typeof createConnectorsFromPolicy> {
  try {
    return createConnectorsFromPolicy(...args);
  } catch (error) {
    if (error instanceof LiaisonError && error.issues.length > 0) throw new PolicyFileError(error.issues.map((issue) => formatIssue(issue)));
    throw error;
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
  const connectors =
    options.connectors ??
    buildConnectors(policy.connectors, {
      env: options.connectorEnvironment ?? process.env,
      now: clock,
      cache: storeCache(store.cache, { now: clock }),
      baseDir: dirname(resolve(options.policyFile)),
      onError: (system, error) => logger.warn({ system, err: { type: (error as Error).name, code: (error as { code?: string }).code } }, 'a library system did not answer'),
    });
  const isDemoLibrary = usesOnlyDemoSystems(policy);
  if (options.seedDemo === true || (options.seedDemo === 'when-demo' && isDemoLibrary)) await seedDemoData(store, policy, clock(), logger);

  const port = options.port ?? 3000;
  const host = options.host ?? '127.0.0.1';
  const publicUrl = options.publicUrl ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const slackSettings = slackConfigFromEnvironment(options.slackEnvironment ?? {});
  if (slackSettings && !slackSettings.ok) throw new SlackSettingsError(slackSettings.message);
  // Reminders go to Slack once it is mounted; the slot holds the place until then.
  const slot = slackSettings ? slackNotifierSlot() : null;
  // On the embedded store this process holds the data folder; commands run meanwhile (token
  // create, audit) ask this hub instead, proving they run here with the key in the lock file.
  const localAdminKey = store.lock ? `lsn_local_${randomBytes(32).toString('base64url')}` : undefined;
  const hub = await createHub({
    store,
    policy,
    ...(localAdminKey && { localAdminKey }),
    connectors,
    clock,
    logger,
    publicUrl,
    ...(options.zendeskSecret ? { zendeskSecret: options.zendeskSecret } : {}),
    ...(slot ? { notifier: slot } : options.notifier ? { notifier: options.notifier } : {}),
    ...(options.teamsKeysUrl ? { teamsKeysUrl: options.teamsKeysUrl } : {}),
  });
  const slack = slackSettings?.ok
    ? await mountSlack(hub, { config: slackSettings.config, ...(options.slackClientOptions ? { clientOptions: options.slackClientOptions } : {}) })
    : null;
  if (slack && slot) {
    slot.attach(slack.notifier);
    hub.context.handoffObservers.push((handoff) => slack.handoffChanged(handoff));
  }
  const address = await hub.app.listen({ port, host });
  const url = port === 0 ? address : publicUrl;
  // Commands on this machine reach the hub at its own address, whatever the public one is.
  if (localAdminKey) store.lock?.describe({ url: address, localAdminKey });
  if ((options.schedulerIntervalMs ?? 60_000) > 0) hub.scheduler.start(options.schedulerIntervalMs ?? 60_000);
  return {
    ...hub,
    url,
    slackMode: slackSettings?.ok ? slackSettings.config.mode : null,
    isDemoLibrary,
    policy,
    store,
    async stop() {
      // Slack's connection is closed alongside, and not waited on for long: an unreachable Slack must not hold the stop.
      await Promise.all([hub.close(), slack ? settledWithin(slack.close(), 5_000) : undefined]);
      if (ownsStore) await store.close();
    },
  };
}

/** Waits for `work` to settle, but no longer than `milliseconds`; its failure is not the caller's. */
async function settledWithin(work: Promise<unknown>, milliseconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([work.catch(() => undefined), new Promise((resolve) => (timer = setTimeout(resolve, milliseconds)))]);
  clearTimeout(timer);
}
