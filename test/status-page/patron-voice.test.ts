/**
 * The patron's status page in a real Chromium, over a real hub on loopback with the example
 * policy (which asks 30% of patrons): the timeline with department names only, the rating form
 * under the hub's strict Content-Security-Policy (no script runs: a plain form POST), one answer
 * per hand-off with a second attempt refused politely, and the new routes attacked over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { feedbackBucket } from '@liaison/core';
import { openStore, type Store } from '@liaison/store';
import type { RunningHub } from '@liaison/server';
import { callApi, launchChromium, startHubOver } from '../dashboard/browser.js';

let browser: Browser;
let store: Store;
let hub: RunningHub;
let token: string;

beforeAll(async () => {
  browser = await launchChromium();
  store = await openStore({ dataDir: 'memory://' });
  hub = await startHubOver(store);
  token = (await store.tokens.create('Pat (Reference)', 'staff', new Date())).token;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await store?.close();
}, 60_000);

/** A hand-off received by Reference, passed to Electronic Resources, held for a supplier, answered; `sampled` picks one the 30% policy asks about (or not). */
async function answeredHandoff(sampled: boolean): Promise<{ id: string; url: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const created = await callApi(hub, token, 'POST', '/api/v1/handoffs', {
      question: 'Zelda Quark (zelda.quark@northfield.edu) cannot open JSTOR from home',
      fromDepartment: 'reference',
      department: 'eresources',
      patron: { email: 'zelda.quark@northfield.edu' },
      note: 'Pat: she sounded upset',
    });
    const id = created.handoff.id as string;
    for (const event of [
      { type: 'accepted' },
      { type: 'waiting_on_vendor', note: 'Asked JSTOR support about Zelda' },
      { type: 'resumed' },
      { type: 'resolved', resolution: 'Reset the proxy account for Zelda' },
    ]) {
      await callApi(hub, token, 'POST', `/api/v1/handoffs/${id}/events`, event);
    }
    if (feedbackBucket(id) < 30 === sampled) return { id, url: created.statusLink.replace(/^https?:\/\/[^/]+/, hub.url) };
  }
  throw new Error('no hand-off fell on the wanted side of the 30% sample in 50 tries');
}

async function openPage(url: string): Promise<{ page: Page; cspViolations: string[] }> {
  const page = await browser.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  await page.goto(url);
  return { page, cspViolations };
}

describe("the patron's status page in Chromium", () => {
  it('shows where the question is with department names only, and the contact details and time zone', async () => {
    const { url } = await answeredHandoff(true);
    const { page, cspViolations } = await openPage(url);
    const steps = await page.locator('ol.timeline li').evaluateAll((items) => items.map((item) => item.firstChild?.textContent ?? ''));
    expect(steps).toEqual(['Received by Research & Reference', 'Passed to Electronic Resources', 'Waiting on a supplier', 'Being worked on', 'Answered']);
    const text = await page.locator('main').innerText();
    for (const secret of ['Zelda', 'Quark', 'zelda.quark', 'JSTOR', 'Pat', 'upset', 'proxy account']) expect(text, secret).not.toContain(secret);
    expect(text).toContain('ask@library.northfield.edu');
    expect(text).toContain("in the library's time zone, America/Chicago");
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('takes the rating once: sent from the form, kept on reload, a second attempt from another tab refused politely', async () => {
    const { id, url } = await answeredHandoff(true);
    const first = await openPage(url);
    const second = await openPage(url); // the same link open in another tab, before the first answer
    await first.page.getByLabel('4').check();
    await first.page.getByLabel('Anything you would like to add? (optional)').fill('Quick help. My card is 4111 1111 1111 1111');
    await first.page.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => first.page.locator('#your-answer').innerText()).toContain('You told us: 4 of 5');
    await first.page.reload();
    expect(await first.page.locator('#your-answer').innerText()).toContain('You told us: 4 of 5');
    expect(await first.page.locator('form').count()).toBe(0);

    await second.page.getByLabel('1 Not at all').check();
    const [response] = await Promise.all([second.page.waitForResponse((r) => r.request().method() === 'POST'), second.page.getByRole('button', { name: 'Send' }).click()]);
    expect(response.status()).toBe(409);
    await expect.poll(() => second.page.locator('#your-answer').innerText()).toContain('You have already answered for this request, so we kept your first answer');
    expect(await second.page.locator('#your-answer').innerText()).toContain('You told us: 4 of 5');

    const stored = await store.patronFeedback.find(id);
    expect(stored).toMatchObject({ rating: 4, department: 'eresources', comment: 'Quick help. My card is [card number hidden]' });
    expect([...first.cspViolations, ...second.cspViolations]).toEqual([]);
    await first.page.close();
    await second.page.close();
  });

  it('does not ask a patron outside the policy’s 30%, on any reload', async () => {
    const { url } = await answeredHandoff(false);
    const { page } = await openPage(url);
    for (let reload = 0; reload < 3; reload++) {
      expect(await page.locator('form').count()).toBe(0);
      await page.reload();
    }
    await page.close();
  });
});

describe('the new routes, attacked over HTTP', () => {
  const post = (url: string, body: string, contentType = 'application/x-www-form-urlencoded') =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': contentType }, redirect: 'manual' });

  it('answers NUL, 1 MiB, a script, a replay and a bad token with 4xx or the first answer — never a 5xx, never a second row', async () => {
    const { id, url } = await answeredHandoff(true);
    expect((await post(url, 'rating=4&comment=a%00b')).status).toBe(400);
    const huge = await post(url, `rating=4&comment=${'x'.repeat(1024 * 1024)}`);
    expect(huge.status).toBe(413);
    expect((await post(`${hub.url}/s/${'A'.repeat(32)}`, 'rating=4')).status).toBe(404);
    expect((await post(`${hub.url}/s/%00`, 'rating=4')).status).toBeLessThan(500);
    const script = encodeURIComponent('<script>alert(1)</script>');
    const sent = await post(url, `rating=5&comment=${script}`);
    expect(sent.status).toBe(303);
    const replayed = await post(url, `rating=5&comment=${script}`);
    expect(replayed.status).toBe(303);
    expect((await post(url, 'rating=1')).status).toBe(409);
    const page = await (await fetch(url)).text();
    expect(page).not.toContain('<script>');
    expect((await store.patronFeedback.find(id))?.rating).toBe(5);
    const listed = await store.patronFeedback.list({ from: new Date(0), to: new Date(Date.now() + 60_000) });
    expect(listed.filter((answer) => answer.handoffId === id)).toHaveLength(1);
    expect((await fetch(`${hub.url}/api/v1/patron-feedback`)).status).toBe(401);
    expect((await fetch(`${hub.url}/api/v1/patron-feedback/report`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  });
});
