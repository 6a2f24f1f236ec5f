/**
 * What every real-browser test of the extension runs against: a real demo hub (PGlite in memory,
 * the demo connectors), the fixture pages served on 127.0.0.1, and Chromium with the built
 * extension. Also: waiting until a page's badges have settled.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoHub, type DemoHub } from '@liaison/server';
import type { Page } from 'playwright-core';
import { launchWithExtension, readBadges, type ExtensionBrowser } from './browser.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';

const examplePolicyFile = fileURLToPath(new URL('../../examples/liaison.config.yaml', import.meta.url));

/**
 * The example library, except that it accepts plain-http page links: the fixture pages are served
 * over http on 127.0.0.1, and a purchase suggestion carries the page it was made on.
 */
function policyAcceptingHttpLinks(): string {
  const text = readFileSync(examplePolicyFile, 'utf8');
  if (!/^handoff:\n/m.test(text)) throw new Error('the example policy has no handoff section to extend');
  const file = join(mkdtempSync(join(tmpdir(), 'liaison-extension-')), 'liaison.config.yaml');
  writeFileSync(file, text.replace(/^handoff:\n/m, 'handoff:\n  allow_http_links: true\n'));
  return file;
}

export interface ExtensionRig {
  hub: DemoHub;
  server: FixtureServer;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

export async function startExtensionRig(): Promise<ExtensionRig> {
  const hub = await startDemoHub({ policyFile: policyAcceptingHttpLinks() });
  const server = await startFixtureServer();
  const browser = await launchWithExtension();
  return {
    hub,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await hub.stop();
    },
  };
}

/** Waits until the page has `count` badges, none still waiting for the hub; returns them as staff perceive them. */
export async function waitForBadges(page: Page, count: number) {
  await page.waitForFunction((wanted) => {
    const badges = [...document.querySelectorAll<HTMLElement>('button.liaison-badge')];
    return badges.length === wanted && badges.every((badge) => !badge.dataset.note?.includes('…'));
  }, count, { timeout: 15_000 });
  return readBadges(page);
}
