// The Zendesk sidebar: how big its bundle is (goal: within 40 KB gzip) and how long from
// `app.registered` to the patron's context painted in Chromium, with the hub on loopback and the
// demo connector (goal: within 100 ms). Side by side with the floor it cannot beat: the hub's own
// answer to the same request, timed at the harness's proxy.
// Environment: BENCH_RUNS (default 15 page loads, after 2 to warm up), CHROMIUM_PATH.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startDemoHub } from '@liaison/server';

const here = dirname(fileURLToPath(import.meta.url));
const appPackage = join(here, '..', 'packages', 'zendesk-app');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const warmUp = 2;

execFileSync(process.execPath, ['build.mjs'], { cwd: appPackage, stdio: 'pipe' });
const { startHarness } = await import('@liaison/zendesk-app/harness');

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const assets = ['main.js', 'sidebar.css', 'iframe.html'].map((name) => readFileSync(join(appPackage, 'dist/app/assets', name)));
const raw = assets.reduce((sum, file) => sum + file.length, 0);
const gzip = assets.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
console.log(`sidebar bundle (main.js + sidebar.css + iframe.html): ${kb(raw)} raw, ${kb(gzip)} gzip; goal ≤ 40 KB gzip: ${gzip <= 40 * 1024 ? 'met' : 'NOT met'}`);

const secret = 'bench-shared-secret-7c1d9e0a';
const hub = await startDemoHub({ policyFile: join(here, '..', 'examples', 'liaison.config.yaml'), zendeskSecret: secret });
const harness = await startHarness({ hubUrl: hub.url, sharedSecret: secret });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const painted = [];
const hubAnswer = [];
try {
  const page = await browser.newPage();
  for (let run = 0; run < warmUp + runs; run++) {
    const callsBefore = harness.proxy.forwardedCalls.length;
    await page.goto(harness.url);
    const frame = page.frameLocator('#app');
    await frame.locator('[data-field="name"]').waitFor({ timeout: 30_000 });
    const elapsed = await frame.locator('html').evaluate(async () => {
      // The paint mark is set in the frame after the context was drawn.
      for (let i = 0; i < 100 && performance.getEntriesByName('liaison:context-painted').length === 0; i++) await new Promise((r) => setTimeout(r, 10));
      return performance.measure('registered-to-painted', 'liaison:app-registered', 'liaison:context-painted').duration;
    });
    const call = harness.proxy.forwardedCalls.slice(callsBefore).find((c) => c.url.includes('/api/v1/patron-context'));
    if (run >= warmUp) {
      painted.push(elapsed);
      hubAnswer.push(call.durationMs);
    }
  }
} finally {
  await browser.close();
  await harness.close();
  await hub.stop();
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p95 = (values) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];
const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`${runs} page loads after ${warmUp} to warm up:`);
console.log(`  app.registered → context painted: median ${ms(median(painted))}, p95 ${ms(p95(painted))}; goal ≤ 100 ms: ${median(painted) <= 100 ? 'met' : 'NOT met'}`);
console.log(`  hub answer alone (floor, at the proxy): median ${ms(median(hubAnswer))}, p95 ${ms(p95(hubAnswer))}`);
console.log(`  sidebar / floor: ${(median(painted) / median(hubAnswer)).toFixed(2)}×`);
