/**
 * What the dashboard's browser tests share: Chromium (Debian's, offline flags), hubs on loopback
 * with the example policy, and signing in through the page as staff do.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { openStore, type Store } from '@liaison/store';
import { createLogger, examplePolicyFile, startHub, type RunningHub } from '@liaison/server';
import { launchChromium } from '../zendesk/chromium.js';

export { launchChromium };
export const timeouts = { timeout: 20_000 };
export const databaseUrl = process.env['DATABASE_URL'] || undefined;

/** A hub on 127.0.0.1 at a free port over `store`, with the example policy. */
export async function startHubOver(store: Store, options: { seedDemo?: boolean } = {}): Promise<RunningHub> {
  return startHub({ policyFile: examplePolicyFile, port: 0, host: '127.0.0.1', store, schedulerIntervalMs: 0, seedDemo: options.seedDemo ?? false, logger: createLogger({ level: 'silent' }) });
}

/** Chromium and a hub with the demo library on an embedded store, for one test file. */
export async function startDemoDashboard(): Promise<{ browser: Browser; store: Store; hub: RunningHub; stop(): Promise<void> }> {
  const browser = await launchChromium();
  const store = await openStore({ dataDir: 'memory://' });
  const hub = await startHubOver(store, { seedDemo: true });
  return {
    browser,
    store,
    hub,
    async stop() {
      await browser.close();
      await hub.stop();
      await store.close();
    },
  };
}

/** Calls the hub's API with a staff token, as Slack, Zendesk or the extension would; fails the test on an error answer. */
export async function callApi(target: RunningHub, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.status, await response.clone().text()).toBeLessThan(300);
  return response.json();
}

/** Whether the PostgreSQL server at DATABASE_URL answers. */
export async function postgresReachable(): Promise<boolean> {
  if (!databaseUrl) return false;
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A PostgreSQL store in a new schema, and how to drop it afterwards. */
export async function postgresStore(schema = `dash_${randomBytes(5).toString('hex')}`): Promise<{ store: Store; schema: string; drop(): Promise<void> }> {
  const store = await openStore({ databaseUrl: databaseUrl!, schema });
  return {
    store,
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

/** Opens the dashboard in a new page and signs in with `token` through the sign-in form. */
export async function signIn(browser: Browser, hubUrl: string, token: string, path = '/dashboard/'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${hubUrl}${path}`);
  await page.getByLabel('Staff token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count(), timeouts).toBe(1);
  return page;
}

/** The hand-off numbers the queue table shows, top to bottom. */
export async function queueIds(page: Page): Promise<string[]> {
  return page.locator('table.queue tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-handoff') ?? ''));
}
