/**
 * The Zendesk sidebar in a real Chromium: the built app in the local harness (simulated ZAF
 * client, JWT signed as Zendesk's proxy signs it) against a real hub on loopback with the demo
 * library. Each case looks at what the agent sees and at what reached the hub and Zendesk.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { ConnectorError, type PatronSource } from '@liaison/connectors';
import { demoConnectors, startDemoHub, type DemoHub } from '@liaison/server';
import { defaultTicket, startHarness, type Harness, type HarnessOptions } from '@liaison/zendesk-app/harness';
import { buildZendeskApp, examplePolicy, launchChromium } from './chromium.js';

const secret = 'sidebar-test-shared-secret-5f1c2a9e';
const amara = 'amara.okafor@northfield.edu';
const timeouts = { timeout: 60_000 };

let browser: Browser;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  buildZendeskApp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  for (const part of running.reverse()) await part.stop();
  await browser?.close();
}, 60_000);

async function hub(options: Parameters<typeof startDemoHub>[0] = {}): Promise<DemoHub> {
  const started = await startDemoHub({ policyFile: examplePolicy, zendeskSecret: secret, ...options });
  running.push(started);
  return started;
}

async function sidebar(hubUrl: string, options: Partial<HarnessOptions> = {}): Promise<{ page: Page; app: FrameLocator; harness: Harness }> {
  const harness = await startHarness({ hubUrl, sharedSecret: secret, ...options });
  const page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  running.push({ stop: async () => { await page.close(); await harness.close(); } });
  await page.goto(harness.url);
  return { page, app: page.frameLocator('#app'), harness };
}

describe('the sidebar against the demo hub', () => {
  let demo: DemoHub;
  beforeAll(async () => {
    demo = await hub();
  }, 60_000);

  it('shows a patron with loans, fines and ILL requests, sized to its content, and the hub audits the view', async () => {
    const { app, page, harness } = await sidebar(demo.url);
    await expect.poll(() => app.locator('[data-field="name"]').textContent(), timeouts).toBe('Amara Okafor');

    await expect(app.locator('[data-field="patron_type"] dd').textContent()).resolves.toBe('Graduate');
    await expect(app.locator('[data-field="liaison_librarian"] dd').textContent()).resolves.toBe('Rosa Delgado');
    await expect(app.locator('[data-field="fines"]').textContent()).resolves.toMatch(/^Fines: \$\d+\.\d\d$/);
    await expect(app.locator('[data-field="loan_counts"]').textContent()).resolves.toMatch(/^\d+ on loan · \d+ overdue · \d+ due soon$/);
    const illItems = app.locator('[data-field="ill_requests"] li');
    expect(await illItems.count()).toBeGreaterThan(0);
    // The example policy shows ILL status only: no titles reach the sidebar.
    const context = await demo.app.inject({ method: 'GET', url: `/api/v1/patron-context?email=${amara}`, headers: { authorization: `Bearer ${demo.token}` } });
    const redacted = context.json().context;
    expect(redacted.illRequests.items[0].title).toBeUndefined();
    expect(await illItems.first().getAttribute('data-transaction')).toBe(redacted.illRequests.items[0].transactionNumber);
    expect(redacted.loans.items).toBeUndefined();

    // The token the proxy signed carried the agent; the hub wrote who saw which fields.
    const call = harness.proxy.forwardedCalls.find((c) => c.url.includes('/api/v1/patron-context'));
    expect(call?.status).toBe(200);
    expect(call?.headers['Authorization']).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    // The requester travels in the signed token (patron_email), never in the URL an agent could edit.
    expect(call?.url).not.toContain('northfield.edu');
    const claims = JSON.parse(Buffer.from(call!.headers['Authorization']!.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ sub: '501', patron_email: amara });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
    const views = await demo.store.audit.listByPatron(amara);
    expect(views.some((view) => view.actor === 'zendesk:501' && view.fieldsShown.includes('loans.counts'))).toBe(true);

    // The iframe follows its content: the last resize matches the app's height.
    await expect.poll(() => page.evaluate(() => window.harness.resizes.at(-1)), timeouts).toMatch(/^\d+px$/);
    const [asked, contentHeight] = await Promise.all([
      page.evaluate(() => window.harness.resizes.at(-1)),
      app.locator('html').evaluate((html) => Math.ceil(html.getBoundingClientRect().height)),
    ]);
    expect(asked).toBe(`${contentHeight}px`);

    // Sections collapse.
    await app.locator('[data-section="loans"] summary').click();
    await expect(app.locator('[data-field="loan_counts"]').isVisible()).resolves.toBe(false);
  }, 60_000);

  it('says plainly when the ILS does not know the e-mail', async () => {
    const { app } = await sidebar(demo.url, {
      ticket: { ...defaultTicket, requester: { id: 77, name: 'Visitor', email: 'nobody.here@example.org' } },
    });
    await expect.poll(() => app.locator('[data-state="empty"]').textContent(), timeouts).toBe('No library account for this e-mail.');
    await expect(app.locator('[data-section="identity"]').count()).resolves.toBe(0);
  }, 60_000);

  it('loads the new patron when the requester changes, and speaks the agent\'s language', async () => {
    const { app, page } = await sidebar(demo.url, { locale: 'es-419' });
    await expect.poll(() => app.locator('[data-field="name"]').textContent(), timeouts).toBe('Amara Okafor');
    await expect(app.locator('[data-section="loans"] summary').textContent()).resolves.toBe('Préstamos');

    await page.evaluate(() => window.harness.setRequester({ id: 78, name: 'Mateo Reyes', email: 'mateo.reyes@northfield.edu' }));
    await expect.poll(() => app.locator('[data-field="name"]').textContent(), timeouts).toBe('Mateo Reyes');
    // Mateo is blocked: the standing section says so, in Spanish.
    await expect(app.locator('[data-field="blocks"] .warning').textContent()).resolves.toMatch(/^\d+ bloqueo\(s\)$/);
  }, 60_000);

  it('hands the ticket off: the hub has it, linked to the ticket, and the ticket gets an internal note', async () => {
    const { app, harness } = await sidebar(demo.url);
    const button = app.locator('[data-action="handoff"]');
    await expect.poll(() => button.textContent(), timeouts).toBe('Hand off to Interlibrary Loan & Document Delivery');
    await expect(app.locator('[data-field="routing_reason"]').textContent()).resolves.toContain('interlibrary loan');

    await button.click();
    await expect.poll(() => app.locator('[data-field="handoff_status"]').textContent(), timeouts).toMatch(/^Handed off as \S+ \(open\)\./);
    const shown = (await app.locator('[data-field="handoff_status"]').textContent())!;
    const id = /Handed off as (\S+) /.exec(shown)![1]!;

    const stored = await demo.app.inject({ method: 'GET', url: `/api/v1/handoffs/${id}`, headers: { authorization: `Bearer ${demo.token}` } });
    expect(stored.statusCode).toBe(200);
    const { handoff, statusLink } = stored.json();
    expect(handoff).toMatchObject({ department: 'ill', channel: 'zendesk', links: { zendeskTicket: String(defaultTicket.id) } });
    expect(handoff.patron.email).toBe(amara);
    expect(handoff.createdBy?.id ?? handoff.history?.[0]?.actor?.id).toBe('zendesk:501');

    // The internal note: private, naming the hand-off and its status link.
    await expect.poll(() => harness.proxy.zendeskApiCalls.length, timeouts).toBe(1);
    const [note] = harness.proxy.zendeskApiCalls;
    expect(note).toMatchObject({ method: 'PUT', path: `/api/v2/tickets/${defaultTicket.id}.json`, body: { ticket: { comment: { public: false } } } });
    const body = (note!.body as { ticket: { comment: { body: string } } }).ticket.comment.body;
    expect(body).toContain(id);
    if (statusLink) expect(body).toContain(statusLink);
  }, 60_000);

  it('copies the ILL status as a reply the agent can paste', async () => {
    const { app } = await sidebar(demo.url);
    await expect.poll(() => app.locator('[data-action="copy-ill"]').count(), timeouts).toBe(1);
    await app.locator('[data-action="copy-ill"]').click();
    const reply = await app.locator('[data-field="ill_reply"]').inputValue();
    const numbers = await app.locator('[data-field="ill_requests"] li strong').allTextContents();
    expect(reply.split('\n')[0]).toBe('Here is where your interlibrary loan requests stand:');
    for (const number of numbers) expect(reply).toContain(`Request ${number} `);
  }, 60_000);
});

describe('when the library system does not answer', () => {
  it('shows the error state, and loads once the ILS answers again', async () => {
    // A patron source that never answers, behind a connector timeout of 300 ms, until it recovers.
    let isAnswering = false;
    const connectors = demoConnectors(() => new Date());
    const demoPatrons = connectors.patrons[0]!;
    const slowIls: PatronSource = {
      system: 'Koha',
      findPatron: (by, options) =>
        isAnswering
          ? demoPatrons.findPatron(by, options)
          : new Promise((_resolve, reject) =>
              setTimeout(() => reject(new ConnectorError({ code: 'connector_timeout', system: 'Koha', call: 'GET /patrons', failure: 'timed out after 0.3 s' })), 300),
            ),
    };
    const stalled = await hub({ connectors: { ...connectors, patrons: [slowIls] } });
    const { app } = await sidebar(stalled.url);
    await expect.poll(() => app.locator('[data-state="error"]').textContent(), timeouts).toBe('The library system did not answer — try again.');
    await expect(app.locator('[data-section="identity"]').count()).resolves.toBe(0);

    isAnswering = true;
    await app.locator('[data-action="retry"]').click();
    await expect.poll(() => app.locator('[data-field="name"]').textContent(), timeouts).toBe('Amara Okafor');
  }, 60_000);
});

describe('a privacy policy that hides loans', () => {
  it('keeps loans out of the sidebar and out of what the hub sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'liaison-policy-'));
    const policyFile = join(dir, 'liaison.config.yaml');
    const example = readFileSync(examplePolicy, 'utf8');
    expect(example.match(/^ {4}loans: counts$/gm)).toHaveLength(1);
    writeFileSync(policyFile, example.replace(/^ {4}loans: counts$/m, '    loans: hidden'));
    const private_ = await hub({ policyFile });

    const { app, harness } = await sidebar(private_.url);
    await expect.poll(() => app.locator('[data-field="name"]').textContent(), timeouts).toBe('Amara Okafor');
    await expect(app.locator('[data-section="loans"] [data-hidden="policy"]').textContent()).resolves.toBe("Hidden by the library's privacy policy.");
    await expect(app.locator('[data-field="loan_counts"]').count()).resolves.toBe(0);
    // Nothing about loans crossed the wire either.
    const answer = await fetch(`${private_.url}/api/v1/patron-context?email=${amara}`, { headers: { authorization: `Bearer ${private_.token}` } });
    const { context } = (await answer.json()) as { context: Record<string, unknown> & { shownFields: string[] } };
    expect(context['loans']).toBeUndefined();
    expect(context.shownFields.some((field) => field.startsWith('loans'))).toBe(false);
    expect(harness.proxy.forwardedCalls.every((call) => call.status === 200)).toBe(true);
  }, 60_000);
});

describe('a hand-off from the sidebar in Slack', () => {
  // msw stands in for Slack's Web API; the hub posts the department's card through it.
  const slackCalls: { method: string; body: string }[] = [];
  const slackApi = setupServer(
    http.post('https://slack.com/api/:method', async ({ request, params }) => {
      slackCalls.push({ method: String(params.method), body: await request.text() });
      return HttpResponse.json({ ok: true, channel: 'C024ILL', ts: `1700000000.${String(slackCalls.length).padStart(6, '0')}` });
    }),
  );
  beforeAll(() => slackApi.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => slackApi.close());

  it('reaches the ILL channel as a card carrying the hand-off number', async () => {
    const demo = await hub({ slackEnvironment: { SLACK_SIGNING_SECRET: 'sidebar-slack-signing-secret', SLACK_BOT_TOKEN: 'xoxb-sidebar-test' } });
    const { app } = await sidebar(demo.url);
    const button = app.locator('[data-action="handoff"]');
    await expect.poll(() => button.textContent(), timeouts).toBe('Hand off to Interlibrary Loan & Document Delivery');
    await button.click();
    await expect.poll(() => app.locator('[data-field="handoff_status"]').textContent(), timeouts).toMatch(/^Handed off as \S+ \(open\)\./);
    const id = /Handed off as (\S+) /.exec((await app.locator('[data-field="handoff_status"]').textContent())!)![1]!;
    await expect
      .poll(() => slackCalls.find((call) => call.method === 'chat.postMessage' && decodeURIComponent(call.body).includes(id)), timeouts)
      .toBeDefined();
    const card = slackCalls.find((call) => call.method === 'chat.postMessage' && decodeURIComponent(call.body).includes(id))!;
    expect(decodeURIComponent(card.body)).toContain('#ill');
  }, 90_000);
});
