/* global chrome, document -- these functions run inside Chromium (page and extension worker), not in Node */
// The browser extension's content script on a 500-row ILLiad queue, in a real Chromium:
// how long the first badging takes (goal: one frame, 16 ms), how long a re-scan takes when
// the page changes but no request does, and the content-script bundle's size (goal: 30 KB
// gzip). Without a hub, so the figure is the page's own work: find, evaluate, draw.
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

const html = readFileSync(join(extensionFolder, 'src/sites/fixtures/illiad/queue-500.html'), 'utf8');
const path = /<meta name="liaison-fixture-url" content="([^"]+)"/.exec(html)[1].replaceAll('&amp;', '&');
const server = createServer((request, response) => {
  if (request.url === path) response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
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
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await worker.evaluate(async (site) => {
    await chrome.storage.local.set({ settings: { hubUrl: '', token: '', pausedOrigins: [], sites: [{ system: 'illiad', origin: site }] } });
    for (let tries = 0; tries < 100 && (await chrome.scripting.getRegisteredContentScripts()).length === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
  }, origin);

  const first = [];
  const rescan = [];
  const page = await context.newPage();
  for (let run = 0; run < runs; run++) {
    await page.goto(`${origin}${path}`);
    await page.waitForFunction(() => document.querySelectorAll('button.liaison-badge').length === 500 && document.documentElement.dataset.liaisonFirstScanMs);
    first.push(Number(await page.evaluate(() => document.documentElement.dataset.liaisonFirstScanMs)));
    await page.evaluate(() => document.body.append(document.createElement('div')));
    await page.waitForFunction(() => document.documentElement.dataset.liaisonLastScanMs);
    rescan.push(Number(await page.evaluate(() => document.documentElement.dataset.liaisonLastScanMs)));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const worst = (values) => Math.max(...values);
  const best = (values) => Math.min(...values);
  const content = readFileSync(join(out, 'chrome/content.js'));
  const gzip = gzipSync(content, { level: 9 }).length;
  // Other work on the machine stretches these times; the load says how much to trust them.
  console.log(`Chromium, ${runs} page loads of a 500-row ILLiad queue, no hub; load average ${loadavg()[0].toFixed(1)} on this machine`);
  console.log(`first badging (find 500 requests, evaluate, draw 500 badges): best ${best(first).toFixed(1)} ms, median ${median(first).toFixed(1)} ms, worst ${worst(first).toFixed(1)} ms (goal 16 ms)`);
  console.log(`re-scan after an unrelated change (nothing to redraw):        best ${best(rescan).toFixed(1)} ms, median ${median(rescan).toFixed(1)} ms, worst ${worst(rescan).toFixed(1)} ms`);
  console.log(`content script: ${(content.length / 1024).toFixed(1)} KB minified, ${(gzip / 1024).toFixed(1)} KB gzip (goal 30 KB gzip)`);
  if (gzip > 30 * 1024) process.exitCode = 1;
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
