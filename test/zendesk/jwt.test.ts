/**
 * The Zendesk JWT path into a running hub: a token signed as Zendesk's proxy signs it (HS256 with
 * the app's shared secret, `exp` set) is let in; an expired, tampered or wrongly signed one gets
 * 401 and not a byte of patron data — straight over HTTP, and through the sidebar in Chromium.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { startDemoHub, type DemoHub } from '@liaison/server';
import { startHarness, type SigningOverrides } from '@liaison/zendesk-app/harness';
import { buildZendeskApp, examplePolicy, launchChromium } from './chromium.js';

const secret = 'jwt-test-shared-secret-8d03b7c4e1';
const amara = 'amara.okafor@northfield.edu';
let hub: DemoHub;

beforeAll(async () => {
  hub = await startDemoHub({ policyFile: examplePolicy, zendeskSecret: secret });
}, 60_000);
afterAll(async () => {
  await hub?.stop();
});

const seconds = () => Math.floor(Date.now() / 1000);

function sign(claims: Record<string, unknown>, options: { key?: string; expiresAt?: number | null } = {}): Promise<string> {
  const jwt = new SignJWT({ sub: '501', name: 'Dana Help-Desk', patron_email: amara, ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? seconds() + 300);
  return jwt.sign(new TextEncoder().encode(options.key ?? secret));
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url')}.${signature}`;
}

async function askForPatron(token: string): Promise<{ status: number; text: string }> {
  // The patron is the token's patron_email claim, as the sidebar signs it; a Zendesk token chooses no other.
  const response = await fetch(`${hub.url}/api/v1/patron-context`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

describe('tokens sent straight to the hub', () => {
  it('lets in a token signed with the shared secret', async () => {
    const { status, text } = await askForPatron(await sign({}));
    expect(status).toBe(200);
    expect(JSON.parse(text).context.identity.name).toBe('Amara Okafor');
  });

  it.each([
    ['expired two minutes ago', async () => sign({}, { expiresAt: seconds() - 120 }), 'token_expired'],
    ['without an expiry', async () => sign({}, { expiresAt: null }), 'token_invalid'],
    ['that lives a day', async () => sign({}, { expiresAt: seconds() + 86_400 }), 'token_lifetime_too_long'],
    ['naming no agent (no sub)', async () => sign({ sub: undefined }), 'token_subject_missing'],
    ['tampered after signing', async () => tamper(await sign({})), 'token_invalid'],
    ['signed with another secret', async () => sign({}, { key: 'not-the-shared-secret-at-all' }), 'token_invalid'],
  ])('refuses a token %s with 401 and no patron data', async (_case, makeToken, code) => {
    const { status, text } = await askForPatron(await makeToken());
    expect(status).toBe(401);
    expect(JSON.parse(text).error.code).toBe(code);
    expect(text).not.toMatch(/Amara|Okafor|northfield|identity|loans/i);
  });
});

describe('bad tokens from the sidebar', () => {
  let browser: Browser;
  beforeAll(async () => {
    buildZendeskApp();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it.each<[string, SigningOverrides]>([
    ['an expired token', { expiresInSeconds: -120 }],
    ['a tampered token', { tamper: true }],
    ['a wrongly signed token', { secret: 'the-secret-someone-mistyped' }],
  ])('shows the credentials error and no patron for %s', async (_case, signing) => {
    const harness = await startHarness({ hubUrl: hub.url, sharedSecret: secret, signing });
    const page = await browser.newPage();
    try {
      await page.goto(harness.url);
      const app = page.frameLocator('#app');
      await expect.poll(() => app.locator('[data-state="error"]').textContent(), { timeout: 30_000 }).toBe(
        "The hub did not accept this app's credentials: ask an administrator to check the shared secret.",
      );
      expect(harness.proxy.forwardedCalls.map((call) => call.status)).toEqual([401]);
      await expect(app.locator('body').textContent()).resolves.not.toMatch(/Amara|Okafor/);
    } finally {
      await page.close();
      await harness.close();
    }
  }, 60_000);
});
