/**
 * Installing the Slack app in several workspaces (a consortium) by OAuth, against the running hub:
 * the hub started from Slack's environment variables (SLACK_SIGNING_SECRET, SLACK_CLIENT_ID,
 * SLACK_CLIENT_SECRET, SLACK_STATE_SECRET) on a real port, a browser's requests to /slack/install
 * and /slack/oauth_redirect, msw answering for Slack (oauth.v2.access and auth.test as Slack's
 * documentation shows them), and the rows the hub wrote. Then each workspace's commands are
 * answered with that workspace's own bot token. On PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '@liaison/store';
import { examplePolicyFile } from './demo-hub.js';
import { openTestStore } from './hub-for-tests.js';
import { createLogger } from './logging.js';
import { startHub, type RunningHub } from './start.js';

const signingSecret = 'oauth-signing-secret-c4ca4238a0b923820dcc509a6f75849b';
const clientId = '4242424242.1357913579';
const clientSecret = 'oauth-client-secret-eccbc87e4b5ce2fe28308fd9f2a7baf3';
const stateSecret = 'oauth-state-secret-a87ff679a2f3e71d9181a67b7542122c';
const appId = 'A0LIAISON1';
/** When the hub's clock says the installations happened. */
const installedAt = new Date('2026-03-10T15:00:00Z');

/** The bot scopes the app's manifest asks for: what the install link must carry. */
const manifestScopes: string[] = parse(readFileSync(new URL('../../../slack-app/manifest.yml', import.meta.url), 'utf8')).oauth_config.scopes.bot;

/** Two libraries of the consortium, as Slack knows them. */
const workspaces = {
  north: { teamId: 'T024NORTH', name: 'Northfield University Libraries', token: `xoxb-24-${randomBytes(6).toString('hex')}`, botUserId: 'U0BOTNORTH', botId: 'B0BOTNORTH', installer: 'U024REF0001' },
  south: { teamId: 'T055SOUTH', name: 'Southgate College Library', token: `xoxb-55-${randomBytes(6).toString('hex')}`, botUserId: 'U0BOTSOUTH', botId: 'B0BOTSOUTH', installer: 'U055ILL0001' },
  /** A workspace the policy's slack.workspaces does not list. */
  elsewhere: { teamId: 'T099NOWHERE', name: 'Somewhere Else', token: `xoxb-99-${randomBytes(6).toString('hex')}`, botUserId: 'U0BOTELSE', botId: 'B0BOTELSE', installer: 'U099SOMEONE' },
} as const;
type Workspace = (typeof workspaces)[keyof typeof workspaces];

interface SlackCall {
  method: string;
  args: Record<string, string>;
  /** The Authorization header the hub sent, or null. */
  authorization: string | null;
}
const calls: SlackCall[] = [];
/** Codes Slack has handed to a browser and not yet exchanged: code → workspace. Slack takes each once. */
const grantedCodes = new Map<string, Workspace>();

const slackApi = setupServer(
  http.post('https://slack.com/api/:method', async ({ request, params }) => {
    const method = String(params.method);
    const text = await request.text();
    const args = (request.headers.get('content-type') ?? '').includes('json')
      ? (JSON.parse(text || '{}') as Record<string, string>)
      : Object.fromEntries(new URLSearchParams(text));
    const authorization = request.headers.get('authorization');
    calls.push({ method, args, authorization });
    switch (method) {
      case 'oauth.v2.access': {
        const workspace = grantedCodes.get(args.code ?? '');
        if (!workspace || args.client_id !== clientId || args.client_secret !== clientSecret) return HttpResponse.json({ ok: false, error: workspace ? 'invalid_client_id' : 'invalid_code' });
        grantedCodes.delete(args.code!);
        // https://docs.slack.dev/reference/methods/oauth.v2.access — a bot installation without a user token.
        return HttpResponse.json({
          ok: true,
          access_token: workspace.token,
          token_type: 'bot',
          scope: manifestScopes.join(','),
          bot_user_id: workspace.botUserId,
          app_id: appId,
          team: { id: workspace.teamId, name: workspace.name },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: workspace.installer },
        });
      }
      case 'auth.test': {
        const workspace = Object.values(workspaces).find((w) => authorization === `Bearer ${w.token}`);
        if (!workspace) return HttpResponse.json({ ok: false, error: 'invalid_auth' });
        return HttpResponse.json({ ok: true, url: `https://${workspace.teamId.toLowerCase()}.slack.com/`, team: workspace.name, user: 'liaison', team_id: workspace.teamId, user_id: workspace.botUserId, bot_id: workspace.botId, is_enterprise_install: false });
      }
      default:
        return HttpResponse.json({ ok: true });
    }
  }),
  http.post('https://hooks.slack.com/*', async ({ request }) => {
    calls.push({ method: 'response_url', args: (await request.json()) as Record<string, string>, authorization: request.headers.get('authorization') });
    return HttpResponse.text('ok');
  }),
);

beforeAll(() => slackApi.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => {
  calls.length = 0;
  grantedCodes.clear();
});
afterAll(() => slackApi.close());

/** Signs a body as Slack does: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
function sign(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; calls: ${calls.map((c) => c.method).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface InstallationRow {
  installation_key: string;
  installation: {
    team?: { id: string; name: string };
    enterprise?: unknown;
    user: { id: string; token?: string };
    bot?: { token: string; userId: string; id: string; scopes: string[] };
    tokenType: string;
    isEnterpriseInstall: boolean;
    appId: string;
    authVersion: string;
  };
  installed_at: Date;
}

/** Every stored installation, straight from the table the Slack repository keeps them in. */
function installationRows(store: Store): Promise<InstallationRow[]> {
  return store.db
    .withTables<{ slack_installations: InstallationRow }>()
    .selectFrom('slack_installations')
    .selectAll()
    .orderBy('installation_key')
    .execute();
}

/** The state cookie Bolt sets at /slack/install (name=value, without its attributes). */
const stateCookieName = 'slack-app-oauth-state';

interface InstallStart {
  response: Response;
  authorizeUrl: URL;
  state: string;
  /** The Set-Cookie header as the browser got it. */
  setCookie: string;
}

/** A browser opening https://<hub>/slack/install. */
async function openInstallPage(hubUrl: string): Promise<InstallStart> {
  const response = await fetch(`${hubUrl}/slack/install`, { redirect: 'manual' });
  const authorizeUrl = new URL(response.headers.get('location') ?? 'about:blank');
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { response, authorizeUrl, state: authorizeUrl.searchParams.get('state') ?? '', setCookie };
}

/** Slack sends the browser back with a one-time code for `workspace`; the browser brings its cookie. */
function returnFromSlack(hubUrl: string, query: Record<string, string>, cookie?: string): Promise<Response> {
  return fetch(`${hubUrl}/slack/oauth_redirect?${new URLSearchParams(query).toString()}`, {
    redirect: 'manual',
    headers: cookie === undefined ? {} : { cookie },
  });
}

/** The whole install, as a librarian with admin rights in `workspace` does it. */
async function install(hubUrl: string, workspace: Workspace): Promise<Response> {
  const start = await openInstallPage(hubUrl);
  const code = `${workspace.teamId}.${randomBytes(8).toString('hex')}`;
  grantedCodes.set(code, workspace);
  return returnFromSlack(hubUrl, { code, state: start.state }, `${stateCookieName}=${start.state}`);
}

function command(hubUrl: string, teamId: string, text: string, user: string): Promise<Response> {
  const body = new URLSearchParams({
    command: '/handoff', text, user_id: user, user_name: 'pat', team_id: teamId, team_domain: teamId.toLowerCase(), channel_id: 'C024DESK',
    trigger_id: `trigger-${randomBytes(4).toString('hex')}`, response_url: `https://hooks.slack.com/commands/${teamId}/1/abc`, token: 'legacy', api_app_id: appId,
  }).toString();
  return fetch(`${hubUrl}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...sign(body) } });
}

function consortium(open: () => Promise<{ store: Store; dispose(): Promise<void> }>) {
  return () => {
    let hub: RunningHub;
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      ({ store, dispose } = await open());
      hub = await startHub({
        policyFile: examplePolicyFile,
        port: 0,
        store,
        clock: () => new Date(installedAt),
        schedulerIntervalMs: 0,
        logger: createLogger({ level: 'silent' }),
        slackEnvironment: { SLACK_SIGNING_SECRET: signingSecret, SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret, SLACK_STATE_SECRET: stateSecret },
        slackClientOptions: { retryConfig: { retries: 0 } },
      });
    }, 60_000);
    afterAll(async () => {
      await hub?.stop();
      await dispose?.();
    });

    it('serves the install link: Slack’s authorize page with the client id, the manifest’s bot scopes and a state, the state also in a cookie', async () => {
      expect(hub.slackMode).toBe('http');
      const start = await openInstallPage(hub.url);
      expect(start.response.status).toBe(302); // a direct install: straight to Slack
      expect(`${start.authorizeUrl.origin}${start.authorizeUrl.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
      expect(start.authorizeUrl.searchParams.get('client_id')).toBe(clientId);
      expect(start.authorizeUrl.searchParams.get('scope')!.split(',').sort()).toEqual([...manifestScopes].sort());
      expect(start.state).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/); // a signed token, not a guessable counter
      expect(start.setCookie).toContain(`${stateCookieName}=${start.state}`);
      expect(start.setCookie).toMatch(/HttpOnly/i);
      expect(start.setCookie).toMatch(/Max-Age=\d+/);
      // Each visit gets its own state.
      expect((await openInstallPage(hub.url)).state).not.toBe(start.state);
      expect(calls).toEqual([]);
    });

    it.each([
      ['without a state', (state: string) => ({ query: {}, cookie: `${stateCookieName}=${state}` })],
      ['without the state cookie (another browser)', (state: string) => ({ query: { state }, cookie: undefined })],
      ['with a state from another install page', (state: string) => ({ query: { state }, cookie: `${stateCookieName}=other-${state}` })],
      ['with a forged state (its signature altered) in both places', (state: string) => {
        const forged = `${state.slice(0, -4)}${state.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
        return { query: { state: forged }, cookie: `${stateCookieName}=${forged}` };
      }],
    ])('refuses the return from Slack %s, asks Slack nothing and stores nothing', async (_what, make) => {
      const { state } = await openInstallPage(hub.url);
      const code = `T024NORTH.${randomBytes(8).toString('hex')}`;
      grantedCodes.set(code, workspaces.north);
      const { query, cookie } = make(state);
      const response = await returnFromSlack(hub.url, { code, ...query }, cookie);
      expect(response.status).toBe(400);
      expect(calls.filter((c) => c.method === 'oauth.v2.access')).toEqual([]);
      expect(await installationRows(store)).toEqual([]);
    });

    it('exchanges the code with oauth.v2.access and keeps the installation, bot token included, in the Liaison store', async () => {
      const start = await openInstallPage(hub.url);
      const code = `T024NORTH.${randomBytes(8).toString('hex')}`;
      grantedCodes.set(code, workspaces.north);
      const response = await returnFromSlack(hub.url, { code, state: start.state }, `${stateCookieName}=${start.state}`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain(`slack://app?team=${workspaces.north.teamId}&amp;id=${appId}`);
      expect(response.headers.get('set-cookie')).toMatch(new RegExp(`${stateCookieName}=deleted;.*Expires=Thu, 01 Jan 1970`)); // the state is spent

      const exchanges = calls.filter((c) => c.method === 'oauth.v2.access');
      expect(exchanges).toHaveLength(1);
      expect(exchanges[0]!.args).toMatchObject({ client_id: clientId, client_secret: clientSecret, code });
      expect(exchanges[0]!.authorization).toBeNull(); // no token yet: the client's credentials are the proof
      // Bolt learns the bot's id by asking Slack who the new token is.
      expect(calls.find((c) => c.method === 'auth.test')?.authorization).toBe(`Bearer ${workspaces.north.token}`);

      const rows = await installationRows(store);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.installation_key).toBe(`team:${workspaces.north.teamId}`);
      expect(new Date(rows[0]!.installed_at).toISOString()).toBe(installedAt.toISOString());
      const installation = rows[0]!.installation;
      expect(installation).toMatchObject({
        team: { id: workspaces.north.teamId, name: workspaces.north.name },
        user: { id: workspaces.north.installer },
        bot: { token: workspaces.north.token, userId: workspaces.north.botUserId, id: workspaces.north.botId },
        tokenType: 'bot',
        isEnterpriseInstall: false,
        appId,
        authVersion: 'v2',
      });
      expect([...installation.bot!.scopes].sort()).toEqual([...manifestScopes].sort());
      expect(installation.enterprise).toBeUndefined();

      // The same code a second time (a reload of Slack's page) is not an installation: a 400 saying to start again.
      calls.length = 0;
      const again = await returnFromSlack(hub.url, { code, state: start.state }, `${stateCookieName}=${start.state}`);
      expect(again.status).toBe(400);
      expect(await again.text()).toContain('Start again from the library’s install link');
      expect((await installationRows(store)).map((row) => row.installation.bot?.token)).toEqual([workspaces.north.token]);
    });

    it('refuses an installation into a workspace the policy does not list with a 403 page in words, and keeps nothing', async () => {
      const start = await openInstallPage(hub.url);
      const code = `T099NOWHERE.${randomBytes(8).toString('hex')}`;
      grantedCodes.set(code, workspaces.elsewhere);
      const before = await installationRows(store);
      const response = await returnFromSlack(hub.url, { code, state: start.state }, `${stateCookieName}=${start.state}`);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('slack.workspaces');
      expect(await installationRows(store)).toEqual(before);
    });

    it('answers a signed /handoff from the installed workspace with that workspace’s bot token', async () => {
      const response = await command(hub.url, workspaces.north.teamId, 'Patron gets a proxy error opening JSTOR off campus', workspaces.north.installer);
      expect(response.status).toBe(200);
      const opened = await waitFor(() => calls.find((c) => c.method === 'views.open'), 'views.open');
      expect(opened.authorization).toBe(`Bearer ${workspaces.north.token}`);
      expect(JSON.stringify(opened.args.view)).toContain('Electronic Resources');
    });

    it('runs no listener for a workspace that never installed the app, and sends Slack nothing', async () => {
      const response = await command(hub.url, 'T099NOWHERE', 'Where is my interlibrary loan?', 'U099SOMEONE');
      // Bolt 5 acknowledges (an empty 200) once the app's error handler has logged the failed authorization.
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(calls).toEqual([]);
    });

    it('gives a second library its own installation and token, and keeps the first one’s', async () => {
      expect((await install(hub.url, workspaces.south)).status).toBe(200);
      const rows = await installationRows(store);
      expect(rows.map((row) => [row.installation_key, row.installation.bot?.token])).toEqual([
        [`team:${workspaces.north.teamId}`, workspaces.north.token],
        [`team:${workspaces.south.teamId}`, workspaces.south.token],
      ]);

      calls.length = 0;
      expect((await command(hub.url, workspaces.south.teamId, 'Course reserves for my syllabus', workspaces.south.installer)).status).toBe(200);
      const southOpened = await waitFor(() => calls.find((c) => c.method === 'views.open'), 'views.open in the second workspace');
      expect(southOpened.authorization).toBe(`Bearer ${workspaces.south.token}`);

      calls.length = 0;
      expect((await command(hub.url, workspaces.north.teamId, 'EZproxy login loop', workspaces.north.installer)).status).toBe(200);
      const northOpened = await waitFor(() => calls.find((c) => c.method === 'views.open'), 'views.open in the first workspace');
      expect(northOpened.authorization).toBe(`Bearer ${workspaces.north.token}`);
    });

    it('forgets a workspace that uninstalls the app, and keeps the others', async () => {
      const body = JSON.stringify({
        token: 'legacy',
        team_id: workspaces.south.teamId,
        api_app_id: 'A024LIAISON',
        type: 'event_callback',
        event: { type: 'app_uninstalled', event_ts: '1700000000.000100' },
        event_id: 'Ev024UNINSTALL',
        event_time: 1700000000,
        authorizations: [{ team_id: workspaces.south.teamId, user_id: 'U024BOT', is_bot: true, is_enterprise_install: false }],
      });
      const response = await fetch(`${hub.url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...sign(body) } });
      expect(response.status).toBe(200);
      for (let waited = 0; waited < 5000; waited += 20) {
        if ((await installationRows(store)).length === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect((await installationRows(store)).map((row) => row.installation_key)).toEqual([`team:${workspaces.north.teamId}`]);
    });
  };
}

describe(
  'installing Slack in a consortium on PGlite',
  consortium(async () => {
    const store = await openTestStore();
    return { store, dispose: () => store.close() };
  }),
);

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL not set — the Slack OAuth install on PostgreSQL is skipped; set it to run it');
describe.skipIf(!databaseUrl)(
  'installing Slack in a consortium on PostgreSQL',
  consortium(async () => {
    const schema = `slack_oauth_${randomBytes(5).toString('hex')}`;
    const store = await openStore({ databaseUrl: databaseUrl!, schema });
    return {
      store,
      async dispose() {
        await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
        await store.close();
      },
    };
  }),
);
