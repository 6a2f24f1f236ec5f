/**
 * The dashboard's aggregate pages in a real Chromium on the demo library: what each role sees,
 * figures that match the hub's API, charts that are tables too and take the keyboard, and no
 * patron identity anywhere on them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Store } from '@liaison/store';
import type { RunningHub } from '@liaison/server';
import { callApi, signIn, startDemoDashboard, timeouts } from './browser.js';

let fixture: Awaited<ReturnType<typeof startDemoDashboard>>;
let browser: Browser;
let store: Store;
let hub: RunningHub;
const demoPatrons = ['amara.okafor@northfield.edu', 'mateo.reyes@northfield.edu', 'mei-lin.chen@northfield.edu'];

beforeAll(async () => {
  fixture = await startDemoDashboard();
  ({ browser, store, hub } = fixture);
  // A few answered hand-offs, so there are response and resolution times to show.
  const { token } = await store.tokens.create('seeding', 'staff', new Date());
  for (const question of ['EZproxy login loop from off-campus', 'The link resolver shows no full text', 'Where is my interlibrary loan?']) {
    const created = await callApi(hub, token, 'POST', '/api/v1/handoffs', { question });
    for (const event of [{ type: 'accepted' }, { type: 'resolved', resolution: 'Answered' }]) {
      await callApi(hub, token, 'POST', `/api/v1/handoffs/${created.handoff.id}/events`, event);
    }
  }
}, 120_000);

afterAll(() => fixture?.stop(), 60_000);

describe('Service', () => {
  it('shows each department’s figures as the API gives them, a chart that is also a table and reads out by keyboard, and no patron', async () => {
    const { token } = await store.tokens.create('Pat', 'staff', new Date());
    const page = await signIn(browser, hub.url, token, '/dashboard/#/service');
    await expect.poll(() => page.locator('table.service-summary tbody tr').count(), timeouts).toBeGreaterThan(0);
    const report = await page.evaluate(() => fetch('/api/v1/dashboard/service?weeks=12').then((response) => response.json()));
    for (const department of report.departments as { id: string; total: { n: number } | null }[]) {
      const cells = await page.locator(`tr[data-department="${department.id}"] td`).allTextContents();
      expect(cells[1]).toBe(String(department.total?.n ?? 0));
    }
    const chart = page.locator('#resolution-by-week .plot');
    await expect.poll(() => chart.locator('canvas').count(), timeouts).toBe(1);
    expect(await page.locator('#resolution-by-week table tbody tr').count()).toBeGreaterThan(0);
    await chart.focus();
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('#resolution-by-week .readout').textContent(), timeouts).toMatch(/^Week of \d{4}-\d\d-\d\d: /);

    // Staff see no individual results, and the hub refuses them even when asked directly.
    expect(await page.locator('table.staff-results').count()).toBe(0);
    expect(await page.getByText('Individual staff results are shown to coordinators only.').count()).toBe(1);
    expect(await page.evaluate(() => fetch('/api/v1/dashboard/service/staff').then((response) => response.status))).toBe(403);
    const html = await page.content();
    for (const patron of demoPatrons) expect(html).not.toContain(patron);
    await page.close();
  });

  it('shows coordinators the results of each owner', async () => {
    const { token } = await store.tokens.create('Chris, coordinator', 'coordinator', new Date());
    const page = await signIn(browser, hub.url, token, '/dashboard/#/service');
    await expect.poll(() => page.locator('table.staff-results tbody tr').count(), timeouts).toBeGreaterThan(0);
    await page.close();
  });
});

describe('What the questions say, and Buy or borrow', () => {
  it('show topics by week, the pages questions came from, suggestions and titles, and no patron', async () => {
    const { token } = await store.tokens.create('Chris, coordinator', 'coordinator', new Date());
    await callApi(hub, token, 'POST', '/api/v1/handoffs', { question: 'The link resolver fails for Wiley', links: { url: 'https://library.example.edu/faq/full-text?x=1' } });
    const page = await signIn(browser, hub.url, token, '/dashboard/#/questions');
    await expect.poll(() => page.locator('#topics-by-week table tbody tr').count(), timeouts).toBeGreaterThan(0);
    expect(await page.locator('table.pages th.page-address').allTextContents()).toContain('https://library.example.edu/faq/full-text');
    const spikeText = (await page.locator('ul.spikes, p.spikes-none').textContent()) ?? '';
    expect(spikeText.length).toBeGreaterThan(0);
    for (const patron of demoPatrons) expect(await page.content()).not.toContain(patron);

    await page.getByRole('link', { name: 'Buy or borrow' }).click();
    await expect.poll(() => page.locator('table.outcomes tbody tr').count(), timeouts).toBeGreaterThan(0);
    // The demo library has a purchase request waiting in acquisitions.
    expect(await page.locator('table.waiting tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('table.overruled, p:has-text("Staff overruled no verdict")').count()).toBe(1);
    for (const patron of demoPatrons) expect(await page.content()).not.toContain(patron);
    await page.close();
  });
});
