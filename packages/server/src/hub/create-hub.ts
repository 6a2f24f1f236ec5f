import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { LiaisonError, type Handoff, type Policy } from '@liaison/core';
import type { Store } from '@liaison/store';
import { authenticate, hasRole, type Principal, type StaffRole } from './auth.js';
import { headersOutsideHooks, registerSecurityHeaders } from './security-headers.js';
import { refuseUnstorableText } from './storable-text.js';
import { answerForFrameworkError, answerForMissingHost, clientErrorHandler } from './wire-errors.js';
import { createLogger } from './logging.js';
import { createMetrics, type HubMetrics } from './metrics.js';
import type { HubConnectors } from './connectors.js';
import { registerHandoffRoutes } from './routes/handoffs.js';
import { registerPatronContextRoutes, type PatronContextRateLimit } from './routes/patron-context.js';
import { registerPurchaseRoutes } from './routes/purchase.js';
import { registerQualityRoutes } from './routes/quality.js';
import { registerAwayRoutes } from './routes/away.js';
import { registerInsightRoutes } from './routes/insights.js';
import { registerStatusPage } from './routes/status-page.js';
import { registerPatronFeedbackRoutes } from './routes/patron-feedback.js';
import { registerAdminRoutes } from './routes/admin.js';
import { createStaffTokens, type StaffTokens } from './staff-tokens.js';
import { createHandoffService, type HandoffService } from './handoff-service.js';
import { cacheVerifiedTokens, type VerifiedTokenCache } from './verified-token-cache.js';
import { patronTypeLookup } from './patron-type.js';
import { ConnectorError } from '@liaison/connectors';
import { createScheduler, type Notifier, type Scheduler } from './scheduler.js';
import { registerDashboard } from './routes/dashboard.js';
import { sessionSecretOf } from './dashboard/session.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

export interface HubOptions {
  store: Store;
  policy: Policy;
  connectors: HubConnectors;
  /** The hub's clock; tests pass a fixed one. */
  clock?: () => Date;
  logger?: Logger;
  /** Shared secret of the Zendesk app (its secure setting); without it Zendesk JWTs are refused. */
  zendeskSecret?: string;
  /** Base URL the hub is reached at, for links in messages (status pages). */
  publicUrl?: string;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  bodyLimitBytes?: number;
  /** Where reminders and escalations go (Slack when configured). */
  notifier?: Notifier;
  /** How long a patron source may take before it is named as missing, in ms (default 10 s). */
  patronLookupTimeoutMs?: number;
  /**
   * A key that acts as an administrator on /api/v1/admin routes while this hub runs: the command
   * line on the same machine reads it from the data folder's lock file (readable by its owner only).
   */
  localAdminKey?: string;
  /**
   * How long a client may take to send a whole request, headers and body, in ms (default 30 s).
   * A client that stalls part-way is answered 408 and cut off, so stalled uploads cannot hold
   * connections open for ever.
   */
  requestTimeoutMs?: number;
  /**
   * How long a verified staff token is trusted without asking the store again, in ms (default
   * 5,000; 0 asks every time). A token revoked elsewhere stops working here within this time.
   */
  staffTokenCacheMs?: number;
  /**
   * How long creating a hand-off waits for the patron's type from the library's systems, in ms
   * (default 2 s, inside Slack's 3 s to answer a modal); past it the hand-off is routed without it.
   */
  handoffPatronLookupTimeoutMs?: number;
  /** How many patron look-ups one caller may make in a window (default 60 a minute). */
  patronContextRateLimit?: PatronContextRateLimit;
  /** Where Entra ID publishes a tenant's signing keys, `{tid}` standing for the tenant (tests point it at 127.0.0.1). */
  teamsKeysUrl?: string;
}

/** What every route module gets: the composed parts of the hub. */
export interface HubContext {
  store: Store;
  policy: Policy;
  connectors: HubConnectors;
  clock: () => Date;
  logger: Logger;
  metrics: HubMetrics;
  handoffs: HandoffService;
  /** Staff tokens: verify, create, list, revoke (and hear of revocations, for caches). */
  staffTokens: StaffTokens;
  publicUrl: string;
  /** How long a patron source may take before it is named as missing, in ms. */
  patronLookupTimeoutMs: number;
  /**
   * Told of every hand-off created or changed through the API (the sidebar, the extension,
   * scripts), so other surfaces can follow — Slack posts or updates the department's card.
   * Slack's own listeners update their cards themselves.
   */
  handoffObservers: ((handoff: Handoff) => Promise<void>)[];
  /** Tells the observers in the background; a failing observer is logged, never the caller's problem. */
  announceHandoffChange(handoff: Handoff): void;
  /** Verified staff tokens kept a few seconds; `forget(tokenId)` when a token is revoked in this process. */
  verifiedStaffTokens: VerifiedTokenCache<{ id: string; name: string; role: StaffRole; expiresAt?: string | null }>;
  /** Throws 403 unless the caller holds `role`; returns the caller. */
  requireRole(request: FastifyRequest, role: StaffRole): Principal;
}

export interface Hub {
  app: FastifyInstance;
  context: HubContext;
  scheduler: Scheduler;
  close(): Promise<void>;
}

/**
 * One log line per request, written when it is answered, with its route, status and time, instead
 * of Fastify's two (a line on arrival and one on completion): each line is a write to the log.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Builds the hub: one Fastify app with every route, over an injected store, connectors and clock. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger();
  const { store, policy } = options;
  const metrics = createMetrics(async () => (await store.handoffs.countByState()) as Record<string, number>);
  const bodyLimitBytes = options.bodyLimitBytes ?? 1024 * 1024;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const sendWireError = (error: Error & { code?: string; statusCode?: number }, reply: FastifyReply) => {
    const answer = answerForFrameworkError(error, bodyLimitBytes) ?? { status: 400, code: 'bad_request', message: 'The request could not be read.' };
    return reply.code(answer.status).send({ error: { code: answer.code, message: answer.message } });
  };
  const app = Fastify({
    // pino's Logger is Fastify's logger; typed as the base so route modules take a plain FastifyInstance.
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: bodyLimitBytes,
    // Request ids let a systems person follow one request through the logs without patron data.
    genReqId: () => crypto.randomUUID(),
    logController: new OneLinePerRequest(),
    requestTimeout: requestTimeoutMs,
    http: {
      // The headers must arrive within the same time; Node checks for late ones every so often (default 30 s).
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
      // Node answers a request without Host with an empty 400; the hub answers it in its own shape (below).
      requireHostHeader: false,
    },
    clientErrorHandler: clientErrorHandler(logger, requestTimeoutMs),
    // A bad percent escape or an over-long path segment, refused by the router before any hook runs.
    // No hook runs for these, helmet's neither: the answer carries the security headers itself.
    frameworkErrors: (error, _request, reply) => sendWireError(error, reply.headers(headersOutsideHooks)),
  });
  await registerSecurityHeaders(app);

  const lookUpPatronType = patronTypeLookup(options.connectors, {
    timeoutMs: options.handoffPatronLookupTimeoutMs ?? 2000,
    onError: (system, error) => metrics.connectorErrors.inc({ system, code: error instanceof ConnectorError ? error.code : 'connector_unavailable' }),
  });
  const handoffs = createHandoffService({ store, policy, clock, logger, publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000', lookUpPatronType });
  const context: HubContext = {
    store,
    policy,
    connectors: options.connectors,
    clock,
    logger,
    metrics,
    handoffs,
    staffTokens: createStaffTokens(store, clock, options.localAdminKey),
    publicUrl: options.publicUrl ?? 'http://127.0.0.1:3000',
    patronLookupTimeoutMs: options.patronLookupTimeoutMs ?? 10_000,
    handoffObservers: [],
    verifiedStaffTokens: cacheVerifiedTokens(async (token) => (await store.tokens.verify(token, clock())) ?? null, {
      now: clock,
      ...(options.staffTokenCacheMs !== undefined ? { ttlMs: options.staffTokenCacheMs } : {}),
    }),
    announceHandoffChange(handoff) {
      for (const observer of context.handoffObservers) {
        observer(handoff).catch((error: Error & { code?: string }) =>
          logger.warn({ handoff: handoff.id, err: { type: error.name, code: error.code } }, 'a surface could not follow a hand-off change'),
        );
      }
    },
    requireRole(request, role) {
      const principal = request.principal;
      if (!principal) throw new LiaisonError('unauthenticated', 'Sign in first.');
      if (!hasRole(principal.role, role)) {
        throw new LiaisonError('forbidden', `This needs the ${role} role; your token has ${principal.role}.`);
      }
      return principal;
    },
  };

  // A token revoked through this hub is forgotten by its cache at once; other hubs' caches let it go within their time to live.
  context.staffTokens.onRevoked((tokenId) => context.verifiedStaffTokens.forget(tokenId));

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.raw.httpVersion === '1.1' && !request.headers.host) {
      const answer = answerForMissingHost();
      await reply.code(answer.status).header('connection', 'close').send({ error: { code: answer.code, message: answer.message } });
      return reply;
    }
  });

  // Every /api route needs a proven caller; nothing about a patron leaves without one.
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Judged by the matched route as well as the raw URL: `/%61pi/v1/...` reaches an /api route too.
    const route = request.routeOptions.url ?? '';
    if (!request.url.startsWith('/api/') && !route.startsWith('/api/')) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization?.trim() ?? '')?.[1];
    if (bearer && context.staffTokens.isLocalAdminKey(bearer)) {
      // The command line on this machine, only for administration (tokens, the audit log).
      if (!route.startsWith('/api/v1/admin/')) {
        await reply.code(403).send({ error: { code: 'forbidden', message: 'The local command-line key serves /api/v1/admin routes only; use a staff token.' } });
        return reply;
      }
      request.principal = { via: 'local_command_line', id: 'local-command-line', name: 'liaison command line on the hub\'s machine', role: 'admin' };
      return;
    }
    // The dashboard's pages call the API with their session cookie instead of a token.
    const sessionSecret = request.headers.authorization ? undefined : sessionSecretOf(request.headers.cookie);
    if (sessionSecret) {
      const principal = await store.sessions.find(sessionSecret, clock());
      if (!principal) {
        await reply.code(401).send({ error: { code: 'session_expired', message: 'Your dashboard session has ended; sign in again.' } });
        return reply;
      }
      request.principal = principal;
      return;
    }
    const result = await authenticate(request.headers.authorization, {
      verifyStaffToken: async (token) => {
        const staff = await context.verifiedStaffTokens.verify(token);
        return staff && { id: staff.id, name: staff.name, role: staff.role };
      },
      zendeskSecret: options.zendeskSecret,
      now: clock,
    });
    if (!result.ok) {
      await reply.code(401).send({ error: { code: result.failure.code, message: result.failure.message } });
      return reply;
    }
    request.principal = result.principal;
  });

  // After parsing, before any route: text the store cannot keep is refused here, naming the field.
  app.addHook('preValidation', async (request) => refuseUnstorableText(request));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string; validation?: unknown }, request, reply) => {
    // Services throw domain errors; this is the one place a code becomes an HTTP status (core's registry).
    if (error instanceof LiaisonError) {
      const status = error.definition.httpStatus;
      if (status >= 500) logger.error({ err: { type: error.name, code: error.code }, reqId: request.id }, 'a refusal from inside the hub');
      return reply.code(status).send({ error: { ...error.details, code: error.code, message: error.message, issues: error.issues } });
    }
    // Fastify's own errors for what arrives on the wire: malformed JSON, oversize bodies, bad content types.
    if (answerForFrameworkError(error, bodyLimitBytes)) return sendWireError(error, reply);
    logger.error({ err: { type: error.name, code: error.code }, reqId: request.id }, 'unexpected error');
    return reply.code(500).send({ error: { code: 'internal', message: 'Something went wrong in the hub; the error is in its log.' } });
  });

  // Fastify's own 404 logs the whole URL, query string included; this one names no URL at all.
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `There is no ${request.method} route here; see docs/api.md for the hub's routes.` } }),
  );

  app.get('/healthz', async () => {
    await store.ping();
    return { status: 'ok', store: store.kind, library: policy.library.name };
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  // Only routes that ask for it are limited (the patron look-up); counters are per process.
  await app.register(rateLimit, { global: false });
  registerHandoffRoutes(app, context);
  registerPatronContextRoutes(app, context, options.patronContextRateLimit);
  registerPurchaseRoutes(app, context);
  registerQualityRoutes(app, context);
  registerAwayRoutes(app, context);
  registerInsightRoutes(app, context);
  registerStatusPage(app, context);
  registerPatronFeedbackRoutes(app, context);
  registerAdminRoutes(app, context);
  registerDashboard(app, context, { teamsKeysUrl: options.teamsKeysUrl });

  const scheduler = createScheduler({ ...context, notifier: options.notifier });
  await app.ready();
  return {
    app,
    context,
    scheduler,
    async close() {
      // Both stop taking work at once: no new round or claim, no new connection; each then finishes what it holds.
      await Promise.all([scheduler.stop(), app.close()]);
    },
  };
}
