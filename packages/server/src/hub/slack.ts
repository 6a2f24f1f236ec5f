/**
 * Slack in the hub: adapts the hub's services to the Slack app's port, keeps card locations and
 * OAuth installations in the Liaison store, and mounts the app on the hub's own port at
 * /slack/events — as a plain Node request listener in front of Fastify, so Bolt reads the raw
 * body and checks Slack's signature itself before anything parses it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LiaisonError, normalizeIsbn, type BorrowingRequest, type Handoff } from '@liaison/core';
import { SlackRepository, type Store } from '@liaison/store';
import {
  createLiaisonSlackApp,
  HubRefusal,
  slackPaths,
  type LiaisonHubPort,
  type LiaisonSlackApp,
  type SlackConfig,
} from '@liaison/slack-app';
import { LogLevel, type InstallationStore, type Logger, type webApi } from '@slack/bolt';
import type { Logger as HubLogger } from 'pino';
import type { Hub, HubContext } from './create-hub.js';
import { evaluatePurchases } from './purchase-service.js';
import { auditPatronView } from './routes/handoffs.js';
import type { Notifier } from './scheduler.js';

export interface SlackMountOptions {
  config: SlackConfig;
  /** Web API client options (tests point `slackApiUrl` elsewhere or shorten `retryConfig`). */
  clientOptions?: webApi.WebClientOptions;
  logger?: Logger;
}

export interface MountedSlack {
  slack: LiaisonSlackApp;
  /** Reminders, escalations and spikes as Slack messages; pass to `slackNotifierSlot().attach`. */
  notifier: Notifier;
  /** A hand-off created or changed outside Slack (API, Zendesk): post or update its card. */
  handoffChanged(handoff: Handoff): Promise<void>;
  /** Unmounts /slack/events and disconnects Socket Mode. */
  close(): Promise<void>;
}

/** Turns the hub's deliberate refusals (4xx) into words the Slack app shows as they are. */
async function refusalsInPlainWords<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LiaisonError && error.definition.httpStatus < 500) throw new HubRefusal(error.code, error.message, error.issues.find((issue) => issue.hint)?.hint);
    throw error;
  }
}

/** The Slack app's port over the hub's services. */
export function hubPort(hub: HubContext): LiaisonHubPort {
  const slackStore = new SlackRepository(hub.store.db);
  return {
    policy: hub.policy,
    dashboardUrl: `${hub.publicUrl.replace(/\/$/, '')}/dashboard/`,
    now: hub.clock,
    suggestRoute: (question) => hub.handoffs.suggest({ question, channel: 'slack' }),
    createHandoff: (request, actor, idempotencyKey) =>
      refusalsInPlainWords(() =>
        hub.handoffs.create(
          {
            question: request.question,
            department: request.department,
            channel: 'slack',
            ...(actor.departments?.[0] && { fromDepartment: actor.departments[0] }),
            ...(request.patron && { patron: request.patron }),
            links: request.links,
            ...(request.note && { note: request.note }),
          },
          actor,
          { idempotencyKey },
        ),
      ),
    applyEvent: (id, event, actor) => refusalsInPlainWords(() => hub.handoffs.applyEvent(id, event, actor)),
    getHandoff: (id) => hub.handoffs.get(id),
    listHandoffs: (filter) =>
      hub.handoffs.list({
        ...(filter.departments && { departments: filter.departments }),
        ...(filter.states && { states: filter.states }),
        ...(filter.owner && { owner: filter.owner }),
        ...(filter.sender && { sender: filter.sender }),
        limit: filter.limit ?? 100,
      }),
    statusLink: (handoff) => hub.handoffs.statusLink(handoff),
    async evaluateTitle(query, actor) {
      const isbn = normalizeIsbn(query);
      // One look-up key per title, so asking twice in Slack is one request for demand, not two.
      const request: BorrowingRequest = isbn
        ? { TransactionNumber: `slack:${isbn}`, RequestType: 'Loan', ISSN: isbn, CreationDate: hub.clock().toISOString() }
        : { TransactionNumber: `slack:${query.toLowerCase().replace(/\s+/g, ' ').slice(0, 60)}`, RequestType: 'Loan', LoanTitle: query, CreationDate: hub.clock().toISOString() };
      const [result] = await evaluatePurchases(hub, [request], actor.id);
      return { evaluation: result!.evaluation, missing: result!.missing, currency: hub.policy.library.currency };
    },
    cards: {
      get: async (handoffId) => {
        const card = await slackStore.card(handoffId);
        return card ? { teamId: card.teamId, channel: card.channel, ts: card.ts } : null;
      },
      save: (handoffId, location) => slackStore.saveCard({ handoffId, ...location }, hub.clock()),
    },
    recordPatronView: (handoff, viewer, fieldsShown) => auditPatronView(hub, { id: viewer.id, via: 'slack_signature' }, handoff, fieldsShown),
  };
}

/** Bolt's installation store over the Liaison store: one row per workspace (or Enterprise Grid organisation). */
export function storeInstallations(store: Store, clock: () => Date): InstallationStore {
  const slack = new SlackRepository(store.db);
  const keyOf = (query: { isEnterpriseInstall?: boolean; enterpriseId?: string | undefined; teamId?: string | undefined }) =>
    query.isEnterpriseInstall && query.enterpriseId ? `enterprise:${query.enterpriseId}` : `team:${query.teamId ?? ''}`;
  return {
    async storeInstallation(installation) {
      await slack.saveInstallation(keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId: installation.enterprise?.id, teamId: installation.team?.id }), installation, clock());
    },
    async fetchInstallation(query) {
      const found = await slack.installation(keyOf(query));
      if (!found) throw new Error(`Liaison is not installed in workspace ${query.teamId ?? query.enterpriseId ?? '(unknown)'}`);
      return found as never;
    },
    async deleteInstallation(query) {
      await slack.deleteInstallation(keyOf(query));
    },
  };
}

/**
 * A notifier to give `createHub` before Slack is mounted (the scheduler takes its notifier when the
 * hub is built). Until `attach` is called a reminder fails, so the scheduler keeps it for the next round.
 */
export function slackNotifierSlot(): Notifier & { attach(target: Notifier | null): void } {
  let target: Notifier | null = null;
  return {
    attach(next) {
      target = next;
    },
    async remind(reminder, handoff) {
      if (!target) throw new Error('Slack is not connected yet; the reminder waits for the next round');
      await target.remind(reminder, handoff);
    },
    async spike(finding) {
      await target?.spike(finding);
    },
  };
}

const slackPathSet = new Set<string>(Object.values(slackPaths));

/**
 * Mounts the Slack app on the hub. HTTP mode: requests to /slack/events (and the OAuth paths)
 * go to Bolt before Fastify sees them; everything else goes on to Fastify unchanged. Socket
 * Mode: connects in the background, so a hub without network access to Slack still starts.
 */
export async function mountSlack(hub: Hub, options: SlackMountOptions): Promise<MountedSlack> {
  const context = hub.context;
  const port = hubPort(context);
  const slack = createLiaisonSlackApp({
    port,
    config: options.config,
    ...(options.config.oauth && { installationStore: storeInstallations(context.store, context.clock) }),
    logger: options.logger ?? boltLoggerOver(context.logger),
    ...(options.clientOptions && { clientOptions: options.clientOptions }),
  });

  const server = hub.app.server;
  const fastifyListeners = server.listeners('request') as ((request: IncomingMessage, response: ServerResponse) => void)[];
  let frontListener: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
  if (slack.requestListener) {
    const slackListener = slack.requestListener;
    frontListener = (request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      if (slackPathSet.has(path)) {
        try {
          slackListener(request, response);
        } catch {
          // Bolt defers paths it does not serve (the OAuth paths without OAuth configured).
          if (!response.headersSent) response.writeHead(404).end();
        }
        return;
      }
      for (const listener of fastifyListeners) listener.call(server, request, response);
    };
    server.removeAllListeners('request');
    server.on('request', frontListener);
  }
  if (slack.mode === 'socket') {
    slack.start().catch((error: Error) => context.logger.warn({ err: { type: error.name, message: error.message } }, 'Slack Socket Mode could not connect; retrying in the background'));
  }

  return {
    slack,
    notifier: slack.notifier,
    async handoffChanged(handoff) {
      const card = await port.cards.get(handoff.id);
      const client = await slack.clientFor(card?.teamId);
      await (card ? slack.publisher.changed(client, handoff, card.teamId) : slack.publisher.published(client, handoff, null));
    },
    async close() {
      if (frontListener) {
        server.removeListener('request', frontListener);
        for (const listener of fastifyListeners) server.on('request', listener);
      }
      await slack.stop();
    },
  };
}

/**
 * Bolt's logger interface over the hub's own log, so Slack's lines share its stream, level and
 * redaction. Only the words are kept: an error becomes its name and message, never its stack or
 * the request it carried (which can name a patron).
 */
export function boltLoggerOver(hubLogger: HubLogger): Logger {
  const log = hubLogger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  const words = (message: unknown[]) =>
    message.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : typeof part === 'string' ? part : String(part))).join(' ');
  return {
    debug: (...message) => log.debug(words(message)),
    info: (...message) => log.info(words(message)),
    warn: (...message) => log.warn(words(message)),
    error: (...message) => log.error(words(message)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
