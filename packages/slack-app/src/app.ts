/**
 * The Liaison Slack app: a Bolt app with Liaison's listeners, over the hub's port. In HTTP mode
 * it exposes `requestListener`, a plain Node request listener the hub mounts at /slack/events
 * (Bolt's HTTPReceiver checks every request's signature and timestamp before any listener runs);
 * in Socket Mode it dials Slack itself.
 */
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type InstallationStore, type Logger } from '@slack/bolt';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createCardPublisher, type CardPublisher } from './card-publisher.js';
import type { SlackConfig } from './config.js';
import { writeInstallFailure } from './install-failure.js';
import { registerCardActions } from './listeners/card-actions.js';
import { registerHandoffListeners } from './listeners/handoff.js';
import { registerIllListener } from './listeners/ill.js';
import { registerListListeners } from './listeners/lists.js';
import { createStaffDirectory } from './staff-directory.js';
import { ForeignWorkspaceError, guardInstallationStore, registerTrust, requireAllowedWorkspace } from './trust.js';
import { registerUninstallListeners } from './listeners/uninstall.js';
import { createSlackNotifier, type SlackNotifier } from './notifier.js';
import type { LiaisonHubPort } from './port.js';

/** The bot scopes the app asks for; manifest.yml lists the same (a test keeps them equal). */
export const botScopes = ['commands', 'chat:write', 'chat:write.public', 'users:read', 'users:read.email'];

/** The paths Slack calls in HTTP mode. */
export const slackPaths = { events: '/slack/events', install: '/slack/install', oauthRedirect: '/slack/oauth_redirect' } as const;

export interface LiaisonSlackOptions {
  port: LiaisonHubPort;
  config: SlackConfig;
  /** OAuth installations (several workspaces); required when `config.oauth` is set. */
  installationStore?: InstallationStore;
  logger?: Logger;
  /** Web API client options: `slackApiUrl` for tests, `retryConfig` for how long to keep retrying. */
  clientOptions?: webApi.WebClientOptions;
}

export interface LiaisonSlackApp {
  app: App;
  mode: SlackConfig['mode'];
  /** HTTP mode: the listener to mount at /slack/events (and the OAuth paths). Undefined in Socket Mode. */
  requestListener?: (request: IncomingMessage, response: ServerResponse) => void;
  /** Reminders, escalations and spikes as Slack messages. */
  notifier: SlackNotifier;
  publisher: CardPublisher;
  /** A Web API client for the workspace (`teamId` matters only with OAuth). */
  clientFor(teamId?: string | null): Promise<webApi.WebClient>;
  /** Socket Mode: connects to Slack. HTTP mode: nothing to do (the hub listens). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the app; nothing is sent to Slack until a request arrives (or `start()` in Socket Mode). */
export function createLiaisonSlackApp(options: LiaisonSlackOptions): LiaisonSlackApp {
  const { port, config } = options;
  const logger = options.logger ?? quietLogger();
  const clientOptions: webApi.WebClientOptions = { logger, ...options.clientOptions };
  const oauth = config.mode === 'http' ? config.oauth : undefined;
  if (oauth && !options.installationStore) throw new Error('OAuth needs an installation store; pass installationStore.');
  // Read at each request, so a reloaded policy applies at once.
  const currentPolicy = () => port.policy;
  const installationStore = options.installationStore && guardInstallationStore(options.installationStore, currentPolicy);

  let receiver: HTTPReceiver | SocketModeReceiver;
  if (config.mode === 'socket') {
    receiver = new SocketModeReceiver({ appToken: config.appToken!, logger, installerOptions: { clientOptions } as never });
  } else {
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret!,
      endpoints: slackPaths.events,
      logger,
      // Ack as soon as a listener calls ack(); the work after it runs on its own.
      processBeforeResponse: false,
      ...(oauth && {
        clientId: oauth.clientId,
        clientSecret: oauth.clientSecret,
        stateSecret: oauth.stateSecret,
        scopes: botScopes,
        installationStore: installationStore!,
        installerOptions: {
          installPath: slackPaths.install,
          redirectUriPath: slackPaths.oauthRedirect,
          directInstall: true,
          clientOptions,
          // A refused workspace or a spent code is the installer's situation: a 4xx page in words, not Bolt's 500.
          callbackOptions: { failure: writeInstallFailure },
        },
      }),
    });
  }

  // One workspace: the token is known, so authorizing a request needs no call to Slack (no auth.test
  // on the ack path); commands are acknowledged even when Slack's Web API cannot be reached.
  const botToken = config.botToken;
  const app = new App({
    receiver,
    logger,
    clientOptions,
    convoStore: false,
    ...(oauth
      ? {}
      : {
          authorize: async (source: { teamId?: string | undefined }) => {
            requireAllowedWorkspace(currentPolicy, source.teamId);
            return { botToken: botToken! };
          },
        }),
  });

  const publisher = createCardPublisher(port, logger);
  const directory = createStaffDirectory(port.policy, { logger });
  // First, before any listener: foreign workspaces and staff-only requests from non-staff stop here.
  registerTrust(app, currentPolicy, directory);
  registerHandoffListeners(app, port, publisher, directory);
  registerCardActions(app, port, publisher, directory);
  registerListListeners(app, port, directory);
  registerIllListener(app, port, directory);
  registerUninstallListeners(app, options.installationStore, logger);
  app.error(async (error) => {
    if (error.original instanceof ForeignWorkspaceError) {
      logger.warn(error.original.message);
      return;
    }
    logger.error(`Slack listener failed: ${error.code ?? ''} ${error.message}`);
  });

  const sharedClient = botToken ? new webApi.WebClient(botToken, clientOptions) : null;
  async function clientFor(teamId?: string | null): Promise<webApi.WebClient> {
    if (sharedClient && !oauth) return sharedClient;
    const installation = await installationStore!.fetchInstallation({ teamId: teamId ?? undefined, enterpriseId: undefined, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token installed for workspace ${teamId ?? '(unknown)'}`);
    return new webApi.WebClient(token, clientOptions);
  }

  const notifier = createSlackNotifier({ port, clientFor, logger });
  return {
    app,
    mode: config.mode,
    ...(receiver instanceof HTTPReceiver && { requestListener: receiver.requestListener }),
    notifier,
    publisher,
    clientFor,
    async start() {
      if (config.mode === 'socket') await app.start();
    },
    async stop() {
      if (config.mode === 'socket') await app.stop();
    },
  };
}

/** Bolt's logger interface over nothing but warnings and errors on stderr. */
function quietLogger(): Logger {
  let level = LogLevel.WARN;
  const write = (...message: unknown[]) => console.error('[slack]', ...message);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: write,
    error: write,
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
