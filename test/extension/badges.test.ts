// The extension in a real Chromium against a real hub (startDemoHub: PGlite in memory, the demo
// connectors): the options page turns sites on, every adapter's fixture pages get one badge
// per request (none twice), late and reused rows are re-badged, the details' two actions reach
// the hub, the popup counts the page, pausing and single-page navigation clean up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoLibrary } from '@liaison/connectors';
import { extractIsbns } from '@liaison/core';
import type { DemoHub } from '@liaison/server';
import { readBadges, type ExtensionBrowser } from './browser.js';
import type { FixtureServer } from './fixture-server.js';
import { startExtensionRig, waitForBadges, type ExtensionRig } from './rig.js';
import type { Page } from 'playwright-core';

/**
 * Requests each fixture page shows once its data has loaded (every fixture must be listed), and
 * how many of them are book loans whose ISBN neither the page nor the hub's ILL system gives:
 * their badges say "no ISBN" (Koha's and ReShare's lists have no ISBN column; the demo hub's ILL
 * system does not know these numbers).
 */
export const requestsPerFixture: Record<string, { count: number; withoutIsbn: number }> = {
  'illiad/queue': { count: 4, withoutIsbn: 2 },
  'illiad/request': { count: 1, withoutIsbn: 0 },
  'illiad/queue-500': { count: 500, withoutIsbn: 0 },
  'tipasa/borrowing-list': { count: 4, withoutIsbn: 0 },
  'tipasa/request': { count: 1, withoutIsbn: 0 },
  'alma/borrowing-requests': { count: 2, withoutIsbn: 0 },
  'alma/borrowing-request': { count: 1, withoutIsbn: 0 },
  'reshare/requests': { count: 22, withoutIsbn: 20 },
  'reshare/requests-de': { count: 5, withoutIsbn: 4 },
  'reshare/supply-requests': { count: 3, withoutIsbn: 3 },
  'reshare/request-flow': { count: 1, withoutIsbn: 1 },
  'reshare/request-details': { count: 1, withoutIsbn: 0 },
  'koha/ill-requests': { count: 5, withoutIsbn: 3 },
  'koha/ill-requests-batch': { count: 3, withoutIsbn: 2 },
  'koha/patron-ill-requests': { count: 2, withoutIsbn: 1 },
  'koha/ill-request': { count: 1, withoutIsbn: 0 },
};

const allSystems = ['illiad', 'tipasa', 'alma', 'reshare', 'koha'];

/** Waits until the page has `count` badges, all settled (none still waiting for the hub), and stays so. */
async function settledBadges(page: Page, count: number) {
  await waitForBadges(page, count);
  await page.waitForTimeout(300);
  const badges = await readBadges(page);
  expect(badges).toHaveLength(count);
  return badges;
}

async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  return browser.worker.evaluate(async (pageUrl) => (await chrome.tabs.query({ url: pageUrl }))[0]!.id!, url);
}

let rig: ExtensionRig;
let hub: DemoHub;
let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startExtensionRig();
  ({ hub, server, browser } = rig);
});

afterAll(() => rig?.close());

describe('with the hub', () => {
  it('the options page saves the hub and the sites, and badges appear', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Hub address').fill(hub.url);
    await options.getByLabel('Staff token').fill(hub.token);
    for (const system of allSystems) {
      await options.locator(`#use-${system}`).check();
      await options.locator(`#origin-${system}`).fill(server.origin);
    }
    await options.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => options.locator('#status').textContent()).toMatch(/^Saved/);
    await options.close();
    const stored = await browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings);
    expect(stored).toEqual({ hubUrl: hub.url, token: hub.token, sites: allSystems.map((system) => ({ system, origin: server.origin })), pausedOrigins: [], taughtPages: [] });
    // The same settings again, waiting until the content script is registered for them.
    await browser.configure({ hubUrl: hub.url, token: hub.token, sites: allSystems.map((system) => ({ system, origin: server.origin })) });
    const { page } = await browser.open(server.urlOf('illiad', 'queue'));
    const badges = await settledBadges(page, 4);
    expect(badges.map((badge) => badge.transactionNumber)).toEqual(['712001', '712002', '712003', '712004']);
    // The badge sits in the TN cell, yet the cell's text — what the page's scripts read — is unchanged.
    expect(await page.locator('a[href$="712001"]').evaluate((link) => link.parentElement!.textContent)).toBe('712001');
    await page.close();
  });

  it('every fixture page is listed here', () => {
    // Pages staff teach are tested in teach.test.ts.
    const systemPages = server.pages.filter((page) => page.site !== 'taught');
    expect(systemPages.map((page) => `${page.site}/${page.name}`).sort()).toEqual(Object.keys(requestsPerFixture).sort());
  });

  for (const [fixture, { count, withoutIsbn }] of Object.entries(requestsPerFixture)) {
    it(`${fixture}: one badge per request, with verdict word, score and an accessible name, from the hub's data`, async () => {
      const [site, name] = fixture.split('/') as [string, string];
      const { page, errors } = await browser.open(server.urlOf(site, name));
      const badges = await settledBadges(page, count);
      expect(new Set(badges.map((badge) => badge.transactionNumber)).size).toBe(count);
      for (const badge of badges) {
        const word = badge.verdict.toUpperCase();
        expect(['FREE', 'OWNED', 'BUY', 'REVIEW', 'BORROW']).toContain(word);
        expect(badge.text).toMatch(new RegExp(`^${word}\\d+( no ISBN)?$`));
        expect(badge.name).toMatch(new RegExp(`^Liaison: ${word}, score \\d+ of 100\\. .+ Open details\\.$`));
        // Limited only where the ISBN is missing, and then the badge says so.
        expect(badge.isLimited).toBe(badge.text.endsWith(' no ISBN'));
        if (badge.isLimited) expect(badge.name).toContain('Limited data: no ISBN.');
      }
      expect(badges.filter((badge) => badge.isLimited)).toHaveLength(withoutIsbn);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it("shows OWNED and FREE from the hub's holdings and open-access facts (the page alone cannot tell), and the free copy's link", async () => {
    // The demo hub's catalogue: one book the library holds, one with a free copy it does not hold.
    const books = createDemoLibrary({ now: () => new Date() }).listBooks();
    const held = books.find((book) => book.isHeld && !book.openAccessUrl)!;
    const free = books.find((book) => !book.isHeld && book.openAccessUrl)!;
    const row = (number: string, book: typeof held) =>
      `<tr><td></td><td>${number}</td><td>Loan</td><td>Book</td><td>${book.title}</td><td>${book.author}</td><td>${new Date().getUTCFullYear()}</td><td>${book.isbn}</td></tr>`;
    const url = server.add('/ILLiad/StaffWebClient/borrowing/queues/demo-titles', `<!doctype html><title>Queue</title><main class="swc-queue"><table class="swc-grid">
      <thead><tr><th></th><th>TN</th><th>Request Type</th><th>Document Type</th><th>Title</th><th>Author</th><th>Date</th><th>ISSN/ISBN</th></tr></thead>
      <tbody>${row('900001', held)}${row('900002', free)}</tbody></table></main>`);
    const { page } = await browser.open(url);
    const badges = await settledBadges(page, 2);
    expect(badges.map((badge) => badge.verdict)).toEqual(['owned', 'free']);
    await page.locator('button.liaison-badge').nth(1).click();
    const link = page.getByRole('dialog').getByRole('link');
    expect(await link.getAttribute('href')).toBe(free.openAccessUrl);
    await page.close();
  });

  it('badges a 500-row queue within a frame or so, and reports the time', async () => {
    const { page } = await browser.open(server.urlOf('illiad', 'queue-500'));
    await settledBadges(page, 500);
    const milliseconds = Number(await page.evaluate(() => document.documentElement.dataset.liaisonFirstScanMs));
    console.log(`content script: first badging of the 500-row queue took ${milliseconds.toFixed(1)} ms`);
    expect(milliseconds).toBeGreaterThan(0);
    expect(milliseconds).toBeLessThan(250); // the goal is 16 ms; the bench measures it properly
    await page.close();
  });

  it('badges rows a page adds after load, once each', async () => {
    const { page } = await browser.open(server.urlOf('tipasa', 'borrowing-list'));
    await settledBadges(page, 4);
    await page.getByRole('button', { name: 'Load more' }).click();
    const badges = await settledBadges(page, 5);
    expect(badges.map((badge) => badge.transactionNumber)).toContain('331000105');
    await page.close();
  });

  it('re-badges the reused rows of the ReShare list when a sort redraws them, without duplicates', async () => {
    const { page } = await browser.open(server.urlOf('reshare', 'requests'));
    const before = await settledBadges(page, 22);
    expect(before[0]!.transactionNumber).toBe('RS-1201');
    await page.locator('#sort-by-title').click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('button.liaison-badge')?.dataset.transactionNumber === 'RS-1204');
    const after = await settledBadges(page, 22);
    expect(new Set(after.map((badge) => badge.transactionNumber)).size).toBe(22);
    await page.close();
  });

  /** The title the details dialog of the n-th badge names. */
  async function titleInDetails(page: Page, index: number): Promise<string> {
    await page.locator('button.liaison-badge').nth(index).click();
    const heading = page.getByRole('dialog').locator('h2');
    await expect.poll(() => heading.isVisible()).toBe(true);
    const text = (await heading.textContent()) ?? '';
    await page.keyboard.press('Escape');
    return text.replace(/^.* — /, '');
  }

  it.each([
    ['koha', 'ill-requests', [[0, 'ILL-1219', 'Braiding sweetgrass'], [3, '1222', 'Atlas of AI']]],
    ['koha', 'ill-request', [[0, 'ILL-1220', 'The art of doing science and engineering']]],
    ['reshare', 'requests', [[0, 'RS-1201', 'Braiding sweetgrass'], [21, 'RS-1222', 'Code and other laws of cyberspace']]],
    ['reshare', 'requests-de', [[0, '3101', 'Die Vermessung der Welt']]],
    ['reshare', 'request-flow', [[0, 'RS-1207', 'The age of surveillance capitalism']]],
  ] as const)('%s/%s: each badge carries its row\'s number and title', async (site, name, expected) => {
    const { page } = await browser.open(server.urlOf(site, name));
    const badges = await settledBadges(page, requestsPerFixture[`${site}/${name}`]!.count);
    for (const [index, number, title] of expected) {
      expect(badges[index]!.transactionNumber).toBe(number);
      expect(await titleInDetails(page, index)).toBe(title);
    }
    await page.close();
  });

  it("a Koha list without an ISBN column gets the ISBN from the hub's look-up of each request in the ILL system", async () => {
    // The rebuilt Koha list, its rows numbered as requests the demo hub's ILL system knows.
    const loans = createDemoLibrary({ now: () => new Date() }).listTransactions().filter((request) => request.RequestType === 'Loan' && request.ISSN).slice(0, 3);
    let html = server.pages.find((fixture) => fixture.site === 'koha' && fixture.name === 'ill-requests')!.html;
    ['1219', '1220', '1222'].forEach((number, i) => (html = html.replace(`ill_request_id: ${number}, id_prefix: 'ILL-'`, `ill_request_id: ${loans[i]!.TransactionNumber}, id_prefix: ''`).replace(`ill_request_id: ${number}, id_prefix: ''`, `ill_request_id: ${loans[i]!.TransactionNumber}, id_prefix: ''`)));
    const url = server.add('/cgi-bin/koha/ill/ill-requests.pl?known=1', html);
    const { page } = await browser.open(url);
    const badges = await settledBadges(page, 5);
    const looked = badges.filter((badge) => loans.some((loan) => loan.TransactionNumber === badge.transactionNumber));
    expect(looked).toHaveLength(3);
    for (const badge of looked) expect(badge.isLimited).toBe(false);
    await page.locator(`button.liaison-badge[data-transaction-number="${loans[0]!.TransactionNumber}"]`).click();
    // The details list the ISBN the ILL system's record gave, though the page showed none.
    expect(await page.getByRole('dialog').textContent()).toContain(extractIsbns(loans[0]!.ISSN!)[0]);
    await page.close();
  });

  it('shows the reasons on keyboard focus, and the details on click; "Suggest purchase" reaches the hub once', async () => {
    const { page } = await browser.open(server.urlOf('illiad', 'request'));
    await settledBadges(page, 1);
    const badge = page.locator('button.liaison-badge');
    await badge.focus();
    const tooltip = page.getByRole('tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toMatch(/score \d+/);
    await badge.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Facts used');
    expect(await dialog.textContent()).toContain('ILS holdings (demo)');
    await dialog.getByRole('button', { name: 'Suggest purchase' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Suggested to acquisitions/);
    await dialog.getByRole('button', { name: 'Suggest purchase' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Already suggested/);

    const response = await fetch(`${hub.url}/api/v1/handoffs?department=acquisitions`, { headers: { authorization: `Bearer ${hub.token}` } });
    const { handoffs } = (await response.json()) as { handoffs: { channel?: string; question: string; links: { illTransactionNumber?: string } }[] };
    const suggestions = handoffs.filter((handoff) => handoff.links.illTransactionNumber === '712001');
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]!.question).toContain('Braiding sweetgrass');
    expect(suggestions[0]!.question).toContain('9781571313560');
    expect(suggestions[0]!.question).toContain('ILL transaction 712001');
    expect(suggestions[0]!.question).toMatch(/Price: .+ Demand: /);
    await page.close();
  });

  it('"Override" records the staff verdict and reason with the hub', async () => {
    const { page } = await browser.open(server.urlOf('koha', 'ill-request'));
    await settledBadges(page, 1);
    await page.locator('button.liaison-badge').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your verdict').selectOption('buy');
    await dialog.getByRole('button', { name: 'Override' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Say why you overrule the rules.');
    await dialog.getByLabel('Reason').fill('Course reserve for spring term');
    await dialog.getByRole('button', { name: 'Override' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Your verdict, BUY, is recorded.');
    const response = await fetch(`${hub.url}/api/v1/purchase/overrides/summary`, { headers: { authorization: `Bearer ${hub.token}` } });
    expect(JSON.stringify(await response.json())).toMatch(/buy/);
    await page.close();
  });

  it('the popup shows the hub connection and the page counts by verdict', async () => {
    const url = server.urlOf('illiad', 'queue');
    const { page } = await browser.open(url);
    const badges = await settledBadges(page, 4);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(browser, url)}`);
    await expect.poll(() => popup.locator('#hub').textContent()).toMatch(/^Connected to the hub/);
    await expect.poll(() => popup.locator('#page').textContent()).toMatch(/^ILLiad Staff Web Client/);
    for (const verdict of ['free', 'owned', 'buy', 'review', 'borrow']) {
      const shown = await popup.locator(`[data-verdict="${verdict}"]`).textContent();
      expect(Number(shown), verdict).toBe(badges.filter((badge) => badge.verdict === verdict).length);
    }
    await popup.close();
    await page.close();
  });

  it('the popup says so when a page of a turned-on system is not recognised; the page gets no badge and no error', async () => {
    const url = server.add('/ILLiad/StaffWebClient/borrowing/queues/redesigned', '<!doctype html><title>Queue</title><div class="new-grid"><div class="cell">712001</div></div>');
    const { page, errors } = await browser.open(url);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(browser, url)}`);
    await expect.poll(() => popup.locator('#page').textContent()).toMatch(/not recognised/);
    expect(await readBadges(page)).toEqual([]);
    expect(errors).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('the popup switch pauses badges on the site, and turning it off brings them back', async () => {
    const url = server.urlOf('alma', 'borrowing-requests');
    const { page } = await browser.open(url);
    await settledBadges(page, 2);
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${await tabIdOf(browser, url)}`);
    await popup.getByLabel('Pause badges on this site').check();
    await page.waitForFunction(() => document.querySelectorAll('button.liaison-badge').length === 0);
    await popup.getByLabel('Pause badges on this site').uncheck();
    await settledBadges(page, 2);
    await popup.close();
    await page.close();
  });

  it('removes its badges and listeners when a single-page app navigates away', async () => {
    const { page } = await browser.open(server.urlOf('tipasa', 'borrowing-list'));
    await settledBadges(page, 4);
    await page.evaluate(() => {
      history.pushState({}, '', '/somewhere-else');
      document.body.append(document.createElement('div'));
    });
    await page.waitForFunction(() => document.querySelectorAll('button.liaison-badge').length === 0);
    // Rows drawn after leaving are not badged: the adapter's observer is gone.
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.waitForTimeout(400);
    expect(await readBadges(page)).toEqual([]);
    await page.close();
  });
});

describe('without the hub', () => {
  it('badges from the page alone, marked "limited data", saying what is missing, when the hub is down', async () => {
    await browser.configure({ hubUrl: 'http://127.0.0.1:9', token: 'lsn_not_a_real_token', sites: allSystems.map((system) => ({ system, origin: server.origin })) });
    const { page, errors } = await browser.open(server.urlOf('koha', 'ill-requests'));
    const badges = await settledBadges(page, 5);
    for (const badge of badges) {
      expect(badge.isLimited).toBe(true);
      expect(badge.text).toMatch(/limited data$/);
      expect(badge.name).toContain('Limited data.');
    }
    await page.locator('button.liaison-badge').first().focus();
    expect(await page.getByRole('tooltip').textContent()).toContain('Without the hub (the hub is not answering), these are unknown: held by the library, price');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('badges from the page alone when no hub is set up, and the actions say how to set one up', async () => {
    await browser.configure({ sites: allSystems.map((system) => ({ system, origin: server.origin })) });
    const { page } = await browser.open(server.urlOf('alma', 'borrowing-request'));
    const [badge] = await settledBadges(page, 1);
    expect(badge!.isLimited).toBe(true);
    await page.locator('button.liaison-badge').click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('unknown (needs the hub)');
    await dialog.getByRole('button', { name: 'Suggest purchase' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/No hub is set up/);
    await page.close();
  });
});
