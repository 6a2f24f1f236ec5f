/**
 * A real Chromium (Debian's) with the built extension loaded, driven by playwright-core:
 * builds a test copy of the extension (host access to 127.0.0.1 granted up front, so no
 * permission prompt), launches headless with it, and sets the extension's settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

export const extensionFolder = fileURLToPath(new URL('../../packages/browser-extension/', import.meta.url));

/** Builds the extension into a temporary folder; returns the folder holding chrome/ and firefox/. */
export function buildExtension(options: { grantHosts?: string[] } = {}): string {
  const out = mkdtempSync(join(tmpdir(), 'liaison-extension-'));
  execFileSync(process.execPath, ['build.mjs', `--out=${out}`, ...(options.grantHosts ?? []).map((host) => `--grant-host=${host}`)], { cwd: extensionFolder, stdio: 'pipe' });
  return out;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Stores settings as the options page would, and waits until the content script is registered for them. */
  configure(settings: { hubUrl?: string; token?: string; sites: { system: string; origin: string }[]; pausedOrigins?: string[] }): Promise<void>;
  /** Opens a page and collects its script errors. */
  open(url: string): Promise<{ page: Page; errors: Error[] }>;
  close(): Promise<void>;
}

export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const built = buildExtension({ grantHosts: ['http://127.0.0.1/*'] });
  const extensionPath = join(built, 'chrome');
  const profile = mkdtempSync(join(tmpdir(), 'liaison-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: false, // --headless=new below: the old headless mode runs no extensions
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async configure(settings) {
      await worker.evaluate(async (value) => {
        await chrome.storage.local.set({ settings: { hubUrl: '', token: '', pausedOrigins: [], ...value } });
        const wanted = value.sites.length > 0;
        for (let tries = 0; tries < 100; tries++) {
          const scripts = await chrome.scripting.getRegisteredContentScripts();
          if ((scripts.length > 0) === wanted) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        throw new Error('the content script was not registered');
      }, settings);
    },
    async open(url) {
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await page.goto(url);
      return { page, errors };
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(built, { recursive: true, force: true });
    },
  };
}

/** The badges on a page as staff perceive them: verdict word, accessible name, and limited-data state. */
export function readBadges(page: Page): Promise<{ transactionNumber: string; text: string; name: string; verdict: string; isLimited: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('button.liaison-badge')].map((button) => {
      const data = button.dataset;
      // What the stylesheet draws (::before the word, ::after the score and note) when it is in force.
      const isDrawn = getComputedStyle(button, '::before').content !== 'none' && button.getBoundingClientRect().width > 20;
      return {
        transactionNumber: data.transactionNumber ?? '',
        text: isDrawn ? `${data.word}${data.score}${data.note}` : '',
        name: button.getAttribute('aria-label') ?? '',
        verdict: data.verdict ?? '',
        isLimited: data.limited === 'true',
      };
    }),
  );
}
