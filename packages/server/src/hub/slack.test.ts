/**
 * The Slack app in the running hub: requests signed exactly as Slack signs them (v0, HMAC-SHA256
 * over "v0:timestamp:body") sent to /slack/events on a real port, msw standing in for Slack's
 * Web API, and the records the hub wrote. The full walk runs on PGlite, and on PostgreSQL when
 * DATABASE_URL is set.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, SlackRepository, type Store } from '@liaison/store';
import { mountSlack, type MountedSlack } from './slack.js';
import { startTestHub, type TestHub } from './hub-for-tests.js';
import { startHub } from './start.js';
import { examplePolicyFile } from './demo-hub.js';
import { createLogger } from './logging.js';

const signingSecret = 'test-signing-secret-8f14e45fceea167a5a36dedd4bea2543';

interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}
const calls: SlackCall[] = [];
/** Per-method canned failures, taken one at a time (e.g. a 429, then success). */
const failures = new Map<string, (() => Response)[]>();
let nextTs = 1;

async function readArgs(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if ((request.headers.get('content-type') ?? '').includes('json')) return JSON.parse(text || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = key === 'blocks' || key === 'view' ? JSON.parse(value) : value;
  }
  return args;
}

/** Members' e-mail addresses as Slack's users.info gives them. */
const memberEmails = new Map([['U024PRIYA', 'Priya.Natarajan@northfield.edu']]);

const slackApi = setupServer(
  http.post('https://slack.com/api/:method', async ({ request, params }) => {
    const method = String(params.method);
    calls.push({ method, args: await readArgs(request) });
    const failure = failures.get(method)?.shift();
    if (failure) return failure();
    const args = calls[calls.length - 1]!.args;
    switch (method) {
      case 'chat.postMessage': {
        const channel = String(args.channel);
        // Slack answers with the channel's id; a "#name" becomes an id, a user id becomes a DM channel.
        const id = channel.startsWith('#') ? `C${channel.slice(1).toUpperCase().replace(/[^A-Z0-9]/g, '')}` : channel;
        return HttpResponse.json({ ok: true, channel: id, ts: `1700000000.${String(nextTs++).padStart(6, '0')}` });
      }
      case 'users.info': {
        // As Slack answers users.info (with the users:read.email scope): the address is in the profile.
        const email = memberEmails.get(String(args.user));
        return HttpResponse.json({ ok: true, user: { id: String(args.user), name: 'member', profile: email ? { email } : {} } });
      }
      case 'chat.getPermalink':
        return HttpResponse.json({ ok: true, permalink: `https://northfield.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}` });
      default:
        return HttpResponse.json({ ok: true });
    }
  }),
  http.post('https://hooks.slack.com/*', async ({ request }) => {
    calls.push({ method: 'response_url', args: (await request.json()) as Record<string, unknown> });
    return HttpResponse.text('ok');
  }),
);

beforeAll(() => slackApi.listen({ onUnhandledRequest: 'bypass' }));
afterEach(() => {
  calls.length = 0;
  failures.clear();
});
afterAll(() => slackApi.close());

/** Signs a body as Slack does: v0=HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
function sign(body: string, timestamp: number, secret = signingSecret): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${signature}` };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface Running {
  hub: TestHub;
  slack: MountedSlack;
  url: string;
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  command(command: string, text: string, user?: string): Promise<Response>;
  interaction(payload: Record<string, unknown>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

async function startSlackHub(store?: Store): Promise<Running> {
  const hub = await startTestHub(store ? { store } : {});
  const slack = await mountSlack(hub, {
    config: { mode: 'http', signingSecret, botToken: 'xoxb-test-token' },
    clientOptions: { retryConfig: { retries: 2, factor: 1, minTimeout: 5, maxTimeout: 10 } },
  });
  const url = await hub.app.listen({ port: 0, host: '127.0.0.1' });
  const post = (body: string, headers: Record<string, string> = sign(body, nowSeconds())) =>
    fetch(`${url}/slack/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  return {
    hub,
    slack,
    url,
    post,
    command: (command, text, user = 'U024REF0001') =>
      post(
        new URLSearchParams({
          command, text, user_id: user, user_name: 'pat', team_id: 'T024NORTH', channel_id: 'C024DESK', trigger_id: `trigger-${randomBytes(4).toString('hex')}`,
          response_url: 'https://hooks.slack.com/commands/T024NORTH/1/abc', token: 'legacy', api_app_id: 'A1',
        }).toString(),
      ),
    interaction: (payload, headers) => {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(body, { ...sign(body, nowSeconds()), ...headers });
    },
    async close() {
      await slack.close();
      await hub.close();
    },
  };
}

/** Waits until `predicate` holds for the recorded Slack calls (work after the ack runs on its own). */
async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined && found !== false) return found;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; calls: ${calls.map((c) => c.method).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const callTo = (method: string, where?: (args: Record<string, unknown>) => boolean) => () => calls.find((c) => c.method === method && (!where || where(c.args)));

function submission(viewId: string, values: Record<string, unknown>, user = 'U024REF0001', metadata = '{"via":"command","channelId":"C024DESK"}') {
  return {
    type: 'view_submission',
    team: { id: 'T024NORTH' },
    user: { id: user, username: 'pat', name: 'pat', team_id: 'T024NORTH' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: 'trigger-submit',
    view: { id: viewId, callback_id: 'handoff.create', private_metadata: metadata, state: { values }, hash: 'h1', type: 'modal' },
  };
}
const handoffValues = (question: string, department: string, extra: Record<string, unknown> = {}) => ({
  department: { value: { type: 'static_select', selected_option: { value: department } } },
  question: { value: { type: 'plain_text_input', value: question } },
  patron: { value: { type: 'plain_text_input', value: 'ana.ruiz@northfield.edu' } },
  patron_type: { value: { type: 'plain_text_input', value: 'Graduate' } },
  zendesk_ticket: { value: { type: 'plain_text_input', value: null } },
  ill_transaction: { value: { type: 'plain_text_input', value: null } },
  note: { value: { type: 'plain_text_input', value: null } },
  ...extra,
});
function buttonClick(actionId: string, handoffId: string, user: string) {
  return {
    type: 'block_actions',
    team: { id: 'T024NORTH' },
    user: { id: user, username: 'erm', name: 'erm', team_id: 'T024NORTH' },
    api_app_id: 'A1',
    token: 'legacy',
    trigger_id: `trigger-${actionId}`,
    response_url: 'https://hooks.slack.com/actions/T024NORTH/1/xyz',
    channel: { id: 'CEREOURCES' },
    container: { type: 'message', channel_id: 'CERESOURCES', message_ts: '1700000000.000001' },
    actions: [{ type: 'button', action_id: actionId, block_id: `handoff:${handoffId}`, value: handoffId, action_ts: '1700000001.1' }],
  };
}

describe('Slack request signatures', () => {
  let running: Running;
  // Booting PGlite takes seconds on a busy machine.
  beforeAll(async () => {
    running = await startSlackHub();
  }, 60_000);
  afterAll(() => running.close());

  const body = new URLSearchParams({ command: '/handoffs', text: '', user_id: 'U024REF0001', team_id: 'T024NORTH', response_url: 'https://hooks.slack.com/commands/x', trigger_id: 't' }).toString();

  it.each([
    ['unsigned', {} as Record<string, string>],
    ['stale (6 minutes old)', sign(body, nowSeconds() - 360)],
    ['signed with another secret', sign(body, nowSeconds(), 'not-the-secret')],
  ])('refuses a request that is %s, and does nothing', async (_what, headers) => {
    const response = await running.post(body, headers);
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
  });

  it('refuses a tampered body under a valid signature', async () => {
    const headers = sign(body, nowSeconds());
    const response = await running.post(body.replace('U024REF0001', 'U024HEAD'), headers);
    expect(response.status).toBe(401);
  });

  it('accepts a correctly signed command and answers through its response_url', async () => {
    const response = await running.post(body);
    expect(response.status).toBe(200);
    const answer = await waitFor(callTo('response_url'), 'the /handoffs answer');
    expect(JSON.stringify(answer.args)).toContain('Your hand-offs');
  });

  it('leaves every other path to the hub', async () => {
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });
});

function walk(open: () => Promise<Store | undefined>) {
  return () => {
    let running: Running;
    beforeAll(async () => {
      running = await startSlackHub(await open());
    }, 60_000);
    afterAll(() => running.close());

    it('/handoff → modal → channel card → Accept → Resolve → DM to the sender', async () => {
      // 1. The command: acknowledged at once, the modal opened with the routing suggestion.
      const started = Date.now();
      const ack = await running.command('/handoff', 'Patron gets a proxy error opening JSTOR off campus');
      expect(ack.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(3000);
      const opened = await waitFor(callTo('views.open'), 'views.open');
      const modal = JSON.stringify(opened.args.view);
      expect(modal).toContain('Electronic Resources');
      expect(modal).toContain('off-campus-access');

      // 2. The submission, delivered twice (a retry): one hand-off, one card.
      const payload = submission('V-WALK-1', handoffValues('Patron gets a proxy error opening JSTOR off campus', 'eresources'));
      expect((await running.interaction(payload)).status).toBe(200);
      const card = await waitFor(callTo('chat.postMessage', (a) => a.channel === '#e-resources' && !a.thread_ts), 'the channel card');
      await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024REF0001'), 'the confirmation to the sender');
      // Slack redelivers the same signed submission twice more: nothing new is posted or sent.
      expect((await running.interaction(payload, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
      expect((await running.interaction(payload, { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === '#e-resources' && !c.args.thread_ts)).toHaveLength(1);
      expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'U024REF0001')).toHaveLength(1);
      expect(calls.filter((c) => c.method === 'chat.update')).toHaveLength(0);
      const stored = await running.hub.store.handoffs.list({ states: ['open'], limit: 10, now: running.hub.clock() });
      expect(stored).toHaveLength(1);
      const handoff = stored[0]!;
      expect(handoff).toMatchObject({ department: 'eresources', channel: 'slack', sender: { id: 'U024REF0001' }, patron: { email: 'ana.ruiz@northfield.edu', patronType: 'Graduate' } });
      const cardText = JSON.stringify(card.args.blocks);
      expect(cardText).toContain(handoff.id);
      expect(cardText).toContain('Graduate');
      expect(cardText).not.toContain('ana.ruiz'); // the example policy keeps identity off cards
      expect(cardText).toContain('handoff.accept');
      const location = await new SlackRepository(running.hub.store.db).card(handoff.id);
      expect(location).toMatchObject({ channel: 'CERESOURCES', teamId: 'T024NORTH' });

      // 3. Accept: the card is updated in place, a thread line added, the sender told.
      calls.length = 0;
      expect((await running.interaction(buttonClick('handoff.accept', handoff.id, 'U024ERMLEAD'))).status).toBe(200);
      const updated = await waitFor(callTo('chat.update'), 'the card update');
      expect(updated.args).toMatchObject({ channel: 'CERESOURCES', ts: location!.ts });
      expect(JSON.stringify(updated.args.blocks)).toContain('Accepted');
      expect(JSON.stringify(updated.args.blocks)).not.toContain('handoff.accept');
      await waitFor(callTo('chat.postMessage', (a) => a.thread_ts === location!.ts && String(a.text).includes('accepted')), 'the thread line');
      await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024REF0001' && String(a.text).includes('accepted')), 'the DM to the sender');
      expect((await running.hub.store.handoffs.get(handoff.id))?.state).toBe('accepted');

      // 4. Resolve: the button opens a modal; its submission resolves, and the sender gets the status link.
      calls.length = 0;
      await running.interaction(buttonClick('handoff.resolve', handoff.id, 'U024ERMLEAD'));
      const resolveModal = await waitFor(callTo('views.open'), 'the resolve modal');
      const view = resolveModal.args.view as { private_metadata: string };
      await running.interaction({
        ...submission('V-RESOLVE', { words: { value: { type: 'plain_text_input', value: 'Fixed the EZproxy stanza for JSTOR' } } }, 'U024ERMLEAD', view.private_metadata),
        view: { id: 'V-RESOLVE', callback_id: 'handoff.event', private_metadata: view.private_metadata, state: { values: { words: { value: { type: 'plain_text_input', value: 'Fixed the EZproxy stanza for JSTOR' } } } } },
      });
      const dm = await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024REF0001' && String(a.text).includes('resolved')), 'the resolved DM');
      expect(String(dm.args.text)).toContain('Fixed the EZproxy stanza');
      expect(String(dm.args.text)).toMatch(/http:\/\/hub\.test\/s\/\S+/);
      const resolved = await running.hub.store.handoffs.get(handoff.id);
      expect(resolved?.state).toBe('resolved');
      expect(resolved?.history.map((e) => e.type)).toEqual(['created', 'accepted', 'resolved']);
      expect(calls.filter((c) => c.method === 'chat.update').at(-1)?.args).toMatchObject({ channel: 'CERESOURCES', ts: location!.ts });
    });

    it('refuses an illegal move privately, in the hub’s words', async () => {
      const [handoff] = await running.hub.store.handoffs.list({ states: ['resolved'], limit: 1, now: running.hub.clock() });
      calls.length = 0;
      await running.interaction(buttonClick('handoff.accept', handoff!.id, 'U024ERMLEAD'));
      const answer = await waitFor(callTo('response_url'), 'the refusal');
      expect(answer.args).toMatchObject({ response_type: 'ephemeral' });
      expect(calls.some((c) => c.method === 'chat.update')).toBe(false);
    });

    it('keeps a hand-off whose channel Slack does not know, tells the sender plainly, and retries a rate limit', async () => {
      failures.set('chat.postMessage', [() => HttpResponse.json({ ok: false, error: 'channel_not_found' })]);
      await running.interaction(submission('V-LOST-CHANNEL', handoffValues('Where is my interlibrary loan?', 'ill')));
      const told = await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024REF0001'), 'the plain-words DM');
      expect(String(told.args.text)).toContain('Slack does not know the channel #ill-team');
      const ill = await running.hub.store.handoffs.list({ departments: ['ill'], limit: 10, now: running.hub.clock() });
      expect(ill).toHaveLength(1);

      calls.length = 0;
      failures.set('chat.postMessage', [() => new HttpResponse(null, { status: 429, headers: { 'retry-after': '0' } })]);
      await running.interaction(submission('V-RATE-LIMITED', handoffValues('Course reserves for my syllabus', 'circulation')));
      await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024REF0001'), 'the confirmation');
      expect(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === '#circ-desk' && !c.args.thread_ts)).toHaveLength(2);
    });

    it('shows my queues and one hand-off with its history', async () => {
      const [handoff] = await running.hub.store.handoffs.list({ states: ['resolved'], limit: 1, now: running.hub.clock() });
      await running.command('/handoffs', handoff!.id, 'U024ERMLEAD');
      const detail = await waitFor(callTo('response_url'), 'the detail');
      expect(JSON.stringify(detail.args)).toContain('resolved it');
      // Showing the hand-off's card and history names its patron to the member: the view is audited
      // under the patron's one key, with who looked and through which surface.
      const views = await running.hub.store.audit.listByPatron('ana.ruiz@northfield.edu');
      expect(views.find((view) => view.actor === 'U024ERMLEAD')).toMatchObject({
        surface: 'slack_signature',
        fieldsShown: ['slack_detail.card', 'slack_detail.history'],
      });
    });

    it('knows a member the policy names by e-mail: her department\'s queue, and her department on what she sends', async () => {
      // The policy lists priya.natarajan@northfield.edu among Reference's members, not her member id.
      await running.command('/handoffs', '', 'U024PRIYA');
      const lists = await waitFor(callTo('response_url', (a) => String(a.text).startsWith('Your hand-offs')), 'the lists');
      expect(JSON.stringify(lists.args.blocks)).toContain('Research & Reference');
      expect(calls.filter((c) => c.method === 'users.info' && c.args.user === 'U024PRIYA')).toHaveLength(1);

      const question = `Which database has the 1890 census maps? ${randomBytes(3).toString('hex')}`;
      expect((await running.interaction(submission('V-PRIYA-1', handoffValues(question, 'eresources'), 'U024PRIYA'))).status).toBe(200);
      await waitFor(callTo('chat.postMessage', (a) => a.channel === 'U024PRIYA'), 'the confirmation to Priya');
      const sent = (await running.hub.store.handoffs.list({ limit: 100, now: running.hub.clock() })).find((h) => h.question === question);
      expect(sent).toMatchObject({ sender: { id: 'U024PRIYA' }, fromDepartment: 'reference' });
      // Her address is remembered, not asked for on every action.
      expect(calls.filter((c) => c.method === 'users.info' && c.args.user === 'U024PRIYA')).toHaveLength(1);
    });

    it('answers /ill with a verdict and its reasons', async () => {
      await running.command('/ill', '9780262046305');
      const answer = await waitFor(callTo('response_url', (a) => String(a.text).startsWith('Buy or borrow')), 'the verdict');
      expect(JSON.stringify(answer.args.blocks)).toMatch(/FREE|OWNED|BUY|REVIEW|BORROW/);
    });
  };
}

describe('the full walk on PGlite', walk(async () => undefined));

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) console.warn('DATABASE_URL not set — the Slack walk on PostgreSQL is skipped; set it to run it');
describe.skipIf(!databaseUrl)('the full walk on PostgreSQL', () => {
  // A schema of its own for this run, dropped afterwards: each run used to leave a slack_<hex> schema behind.
  const schema = `slack_${randomBytes(5).toString('hex')}`;
  let store: Store | undefined;
  afterAll(async () => {
    if (!store) return;
    await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await store.close();
  });
  walk(async () => (store = await openStore({ databaseUrl: databaseUrl!, schema })))();
});

describe('who the app listens to (slack.workspaces and the staff the policy names)', () => {
  let running: Running;
  let handoffId: string;
  beforeAll(async () => {
    running = await startSlackHub();
    const payload = submission('V-TRUST-1', handoffValues('Patron cannot renew an interlibrary loan', 'ill'));
    expect((await running.interaction(payload)).status).toBe(200);
    await waitFor(callTo('chat.postMessage', (a) => a.channel === '#ill-team' && !a.thread_ts), 'the channel card');
    const [handoff] = await running.hub.store.handoffs.list({ states: ['open'], limit: 1, now: running.hub.clock() });
    handoffId = handoff!.id;
  }, 60_000);
  afterAll(() => running.close());

  const foreignCommand = (command: string, text: string) =>
    new URLSearchParams({
      command, text, user_id: 'U024REF0001', user_name: 'pat', team_id: 'T099ELSEWHERE', channel_id: 'C099DESK', trigger_id: 'trigger-foreign',
      response_url: 'https://hooks.slack.com/commands/T099ELSEWHERE/1/abc', token: 'legacy', api_app_id: 'A1',
    }).toString();

  it('acknowledges a request from a workspace the policy does not list, runs no listener and calls no Slack API', async () => {
    calls.length = 0;
    // Correctly signed, from a member id the policy knows — but from another workspace.
    for (const body of [foreignCommand('/handoff', 'Patron cannot open JSTOR'), foreignCommand('/handoffs', handoffId)]) {
      const response = await running.post(body);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('');
    }
    const click = buttonClick('handoff.accept', handoffId, 'U024ILLLEAD');
    const response = await running.interaction({ ...click, team: { id: 'T099ELSEWHERE' }, user: { ...click.user, team_id: 'T099ELSEWHERE' } });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(calls).toEqual([]);
    expect((await running.hub.store.handoffs.get(handoffId))?.state).toBe('open');
  });

  it('refuses a member the policy does not name, politely and privately, when they ask for a hand-off\'s details', async () => {
    calls.length = 0;
    const response = await running.command('/handoffs', handoffId, 'U024STRANGER');
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { response_type: string; text: string };
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text).toContain('only library staff named in Liaison’s policy can see a hand-off’s details');
    expect(answer.text).toContain('ask your coordinator to add you');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.filter((c) => c.method === 'response_url')).toEqual([]);
    expect(JSON.stringify(calls)).not.toContain('Patron cannot renew');
  });

  it('refuses a member the policy does not name who presses a card button, and nothing changes', async () => {
    calls.length = 0;
    expect((await running.interaction(buttonClick('handoff.accept', handoffId, 'U024STRANGER'))).status).toBe(200);
    const refusal = await waitFor(callTo('response_url'), 'the refusal');
    expect(refusal.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(refusal.args.text)).toContain('only library staff named in Liaison’s policy can act on a hand-off card');
    await running.interaction(buttonClick('handoff.resolve', handoffId, 'U024STRANGER'));
    await waitFor(() => calls.filter((c) => c.method === 'response_url').length === 2 || undefined, 'the second refusal');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.some((c) => c.method === 'chat.update' || c.method === 'views.open')).toBe(false);
    const handoff = await running.hub.store.handoffs.get(handoffId);
    expect(handoff?.state).toBe('open');
    expect(handoff?.history.map((e) => e.type)).toEqual(['created']);
  });

  it('still lets staff act: the department lead accepts, and a member named only by e-mail sees the details', async () => {
    calls.length = 0;
    await running.interaction(buttonClick('handoff.accept', handoffId, 'U024ILLLEAD'));
    await waitFor(callTo('chat.update'), 'the card update');
    expect((await running.hub.store.handoffs.get(handoffId))?.state).toBe('accepted');
    await running.command('/handoffs', handoffId, 'U024PRIYA');
    const detail = await waitFor(callTo('response_url'), 'the detail');
    expect(JSON.stringify(detail.args)).toContain(handoffId);
    expect(JSON.stringify(detail.args)).not.toContain('only library staff');
  });
});

describe('hand-offs made outside Slack', () => {
  it('reach the department\'s channel as a card when created through the API (the sidebar, the extension)', async () => {
    const store = await openStore({ dataDir: 'memory://' });
    const hub = await startHub({
      policyFile: examplePolicyFile,
      port: 0,
      store,
      schedulerIntervalMs: 0,
      logger: createLogger({ level: 'silent' }),
      slackEnvironment: { SLACK_SIGNING_SECRET: signingSecret, SLACK_BOT_TOKEN: 'xoxb-test-token' },
    });
    try {
      expect(hub.slackMode).toBe('http');
      const { token } = await store.tokens.create('sidebar test', 'staff', new Date());
      const response = await fetch(`${hub.url}/api/v1/handoffs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'EZproxy login loop when the patron opens JSTOR off campus', channel: 'zendesk', links: { zendeskTicket: '4512' } }),
      });
      expect(response.status).toBe(201);
      const { handoff } = (await response.json()) as { handoff: { id: string; department: string } };
      expect(handoff.department).toBe('eresources');
      const card = await waitFor(callTo('chat.postMessage', (args) => args.channel === '#e-resources'), 'the card in #e-resources');
      expect(JSON.stringify(card.args)).toContain(handoff.id);
    } finally {
      await hub.stop();
      await store.close();
    }
  }, 60_000);
});
