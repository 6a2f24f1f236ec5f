// Teaching the extension a page it does not know, in a real Chromium with the built extension and
// a real demo hub: staff open the list, press Teach on the options page, point at the columns on
// the page, and from then on the site's lists with those headings get badges.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBadges, type ExtensionBrowser } from './browser.js';
import type { FixtureServer } from './fixture-server.js';
import { startExtensionRig, waitForBadges, type ExtensionRig } from './rig.js';

let rig: ExtensionRig;
let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startExtensionRig();
  ({ server, browser } = rig);
  // The library's ILLiad site, whose customised queue no built-in adapter reads.
  await browser.configure({ hubUrl: rig.hub.url, token: rig.hub.token, sites: [{ system: 'illiad', origin: server.origin }] });
});

afterAll(() => rig?.close());

const storedTaughtPages = () => browser.worker.evaluate(async () => (await chrome.storage.local.get('settings')).settings.taughtPages);

describe('a page taught on the options page', () => {
  it('staff point at the columns; the page gets its badges, and keeps them after a reload', async () => {
    const { page, errors } = await browser.open(server.urlOf('taught', 'custom-queue'));
    await page.waitForTimeout(500);
    expect(await readBadges(page)).toEqual([]); // not a page any adapter knows

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('button', { name: 'Look for open pages' }).click();
    const tab = options.locator('#teachTabs li', { hasText: 'Awaiting Request Processing' });
    await tab.getByRole('button', { name: 'Teach' }).click();

    const picker = page.getByRole('dialog', { name: 'Teach Liaison this page' });
    await expect.poll(() => picker.isVisible()).toBe(true);
    const status = picker.getByRole('status');
    // A column without numbers is refused, and the page's own link is not followed.
    await page.getByRole('gridcell', { name: 'Invisible women' }).click();
    await expect.poll(() => status.textContent()).toBe('No request numbers under "Loan title"; click the column that holds them.');
    await page.getByRole('link', { name: '2024-8802' }).click();
    await expect.poll(() => status.textContent()).toBe('Request numbers under "Request #": 3 found.');
    expect(page.url()).toBe(server.urlOf('taught', 'custom-queue'));
    await page.getByRole('gridcell', { name: 'Braiding sweetgrass' }).click();
    await page.getByRole('columnheader', { name: 'ISBN-13' }).click();
    await picker.getByRole('button', { name: 'Save' }).click();

    const badges = await waitForBadges(page, 3);
    await expect.poll(() => picker.count(), { timeout: 5000 }).toBe(0); // the picker closes itself after saving
    expect(badges.map((badge) => badge.transactionNumber)).toEqual(['2024-8801', '2024-8802', '2024-8803']);
    expect(await storedTaughtPages()).toEqual([{ origin: server.origin, numberHeading: 'Request #', titleHeading: 'Loan title', isbnHeading: 'ISBN-13' }]);
    // The title and ISBN came from the columns taught: the details name the title.
    await page.locator('button.liaison-badge').first().click();
    expect(await page.getByRole('dialog').locator('h2').textContent()).toMatch(/ — Braiding sweetgrass$/);
    // The row without an ISBN says so.
    expect(badges[2]!.text).toMatch(/ no ISBN$/);
    expect(errors).toEqual([]);

    await page.reload();
    expect((await waitForBadges(page, 3)).map((badge) => badge.transactionNumber)).toEqual(['2024-8801', '2024-8802', '2024-8803']);

    // The options page lists the taught site; forgetting it takes the badges away on the next load.
    await options.reload();
    const taught = options.locator('#taughtPages li', { hasText: 'request numbers under "Request #"' });
    await taught.getByRole('button', { name: 'Forget' }).click();
    await expect.poll(storedTaughtPages).toEqual([]);
    await page.reload();
    await page.waitForTimeout(500);
    expect(await readBadges(page)).toEqual([]);
    await options.close();
    await page.close();
  });
});
