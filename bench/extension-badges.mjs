/* global chrome, document -- these functions run inside Chromium (page and extension worker), not in Node */
// The browser extension's content script on 500-row request lists, in a real Chromium, without a
// hub (so the figure is the page's own work: find by headings, evaluate, draw), in two cases:
//   built-in  — the ILLiad adapter on a 500-row queue, found by its column headings;
//   taught    — a 500-row ARIA grid of a layout no adapter knows, found by headings staff taught.
// In the same page loads, after the badges are drawn, a floor: find the 500 rows with a selector
// written for that page and append an empty span to each number cell (what any badging must at
// least do). Prints badging / floor per load (median and worst; goal ≤ 1.5×), the re-scan after an
// unrelated change, and the content-script bundle's size (goal 30 KB gzip).
// Needs Debian's chromium at /usr/bin/chromium (apt-get install chromium).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const runs = Number(process.env.RUNS ?? 15);
const extensionFolder = fileURLToPath(new URL('../packages/browser-extension/', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'liaison-bench-extension-'));
execFileSync(process.execPath, ['build.mjs', `--out=${out}`, '--grant-host=http://127.0.0.1/*'], { cwd: extensionFolder, stdio: 'pipe' });

const queueHtml = readFileSync(join(extensionFolder, 'src/sites/fixtures/illiad/queue-500.html'), 'utf8');
const queuePath = /<meta name="liaison-fixture-url" content="([^"]+)"/.exec(queueHtml)[1].replaceAll('&amp;', '&');

/** A 500-row list laid out as the taught fixture is (an ARIA grid with its own headings). */
function taughtGridPage() {
  const rows = Array.from({ length: 500 }, (_, i) => {
    const isbn = i % 5 === 3 ? '' : `978${String(100000000 + (i % 180) * 7919).slice(0, 9)}`;
    return `<div class="q-row" role="row"><div role="gridcell"><input type="checkbox" aria-label="Select"></div><div role="gridcell"><a href="#">2024-${9000 + i}</a></div>` +
      `<div role="gridcell">Title number ${i % 180}</div><div role="gridcell">Graduate</div><div role="gridcell">${isbn}</div></div>`;
  });
  return `<!doctype html><title>Awaiting Request Processing</title><style>.q-row{display:flex}.q-row>*{flex:1}</style>
    <div class="q-grid" role="grid"><div class="q-row" role="row"><div role="columnheader">Select</div><div role="columnheader">Request #</div>
    <div role="columnheader">Loan title</div><div role="columnheader">Requested by</div><div role="columnheader">ISBN-13</div></div>${rows.join('')}</div>`;
}
const taughtPath = '/staff/borrowing/awaiting-processing?pageSize=500';
const pages = new Map([[queuePath, queueHtml], [taughtPath, taughtGridPage()]]);

const server = createServer((request, response) => {
  const html = pages.get(request.url);
  if (html) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  else response.writeHead(404).end();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const profile = mkdtempSync(join(tmpdir(), 'liaison-bench-profile-'));
const extensionPath = join(out, 'chrome');
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: false,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-features=DisableLoadExtensionCommandLineSwitch',
    `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`],
});

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const worst = (values) => Math.max(...values);
const best = (values) => Math.min(...values);
const ms = (value) => `${value.toFixed(1)} ms`;

/** The floor, in the page: find the 500 rows with `rowSelector`, append an empty span to each one's number cell (child `cell`). */
function floorInPage({ rowSelector, cell }) {
  const started = performance.now();
  const spans = [];
  for (const row of document.querySelectorAll(rowSelector)) {
    const span = document.createElement('span');
    row.children[cell].append(span);
    spans.push(span);
  }
  const milliseconds = performance.now() - started;
  for (const span of spans) span.remove();
  return { milliseconds, count: spans.length };
}

try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const configure = (settings) =>
    worker.evaluate(async (value) => {
      await chrome.storage.local.set({ settings: { hubUrl: '', token: '', pausedOrigins: [], taughtPages: [], ...value } });
      for (let tries = 0; tries < 100 && (await chrome.scripting.getRegisteredContentScripts()).length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
    }, settings);
  const page = await context.newPage();

  async function measure(path, floorSpec) {
    const first = [];
    const floor = [];
    const ratio = [];
    const rescan = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${origin}${path}`);
      await page.waitForFunction(() => document.querySelectorAll('button.liaison-badge').length === 500 && document.documentElement.dataset.liaisonFirstScanMs);
      const badging = Number(await page.evaluate(() => document.documentElement.dataset.liaisonFirstScanMs));
      const { milliseconds, count } = await page.evaluate(floorInPage, floorSpec);
      if (count !== 500) throw new Error(`the floor found ${count} rows on ${path}, not 500`);
      first.push(badging);
      floor.push(milliseconds);
      ratio.push(badging / milliseconds);
      await page.evaluate(() => delete document.documentElement.dataset.liaisonLastScanMs);
      await page.evaluate(() => document.body.append(document.createElement('div')));
      await page.waitForFunction(() => document.documentElement.dataset.liaisonLastScanMs);
      rescan.push(Number(await page.evaluate(() => document.documentElement.dataset.liaisonLastScanMs)));
    }
    return { first, floor, ratio, rescan };
  }

  await configure({ sites: [{ system: 'illiad', origin }] });
  const builtIn = await measure(queuePath, { rowSelector: 'table.swc-grid > tbody > tr', cell: 1 });
  await configure({ sites: [{ system: 'illiad', origin }], taughtPages: [{ origin, numberHeading: 'Request #', titleHeading: 'Loan title', isbnHeading: 'ISBN-13' }] });
  const taught = await measure(taughtPath, { rowSelector: '.q-grid > .q-row:not(:first-child)', cell: 1 });

  const content = readFileSync(join(out, 'chrome/content.js'));
  const gzip = gzipSync(content, { level: 9 }).length;
  // Other work on the machine stretches these times; the load says how much to trust them.
  console.log(`Chromium, ${runs} page loads of each 500-row list, no hub; load average ${loadavg()[0].toFixed(1)} on this machine`);
  console.log('badging = find the 500 requests by their column headings, evaluate them, draw 500 badges (content script, its own world);');
  console.log('floor   = find the 500 rows with a selector written for the page, append 500 empty spans (the page\'s world), same page load\n');
  for (const [name, result] of [['built-in (ILLiad queue)', builtIn], ['taught (ARIA grid)', taught]]) {
    console.log(`${name}:`);
    console.log(`  badging:              best ${ms(best(result.first))}, median ${ms(median(result.first))}, worst ${ms(worst(result.first))}`);
    console.log(`  floor:                best ${ms(best(result.floor))}, median ${ms(median(result.floor))}, worst ${ms(worst(result.floor))}`);
    console.log(`  badging / floor:      median ${median(result.ratio).toFixed(2)}×, worst ${worst(result.ratio).toFixed(2)}× (goal ≤ 1.5×)`);
    console.log(`  re-scan, nothing new: median ${ms(median(result.rescan))}, worst ${ms(worst(result.rescan))}`);
  }
  console.log(`\ncontent script: ${(content.length / 1024).toFixed(1)} KB minified, ${(gzip / 1024).toFixed(1)} KB gzip (goal 30 KB gzip)`);
  if (gzip > 30 * 1024) process.exitCode = 1;
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
