/**
 * The dashboard as a Teams tab in a real Chromium, inside a simulated Teams host: an outer page at
 * https://teams.microsoft.com that frames the tab and answers teams-js's own postMessage protocol
 * (initialize, getContext, authentication.getAuthToken, themeChange). Nothing is loosened in
 * teams-js or the hub: Chromium resolves teams.microsoft.com and the hub's name to one TLS server
 * on 127.0.0.1 (a certificate made here), so the host's origin passes teams-js's own list of
 * Teams origins and the hub's frame-ancestors, and the tab gets the Secure, Partitioned cookie a
 * real Teams session gets. The SSO token is signed with a key made here and published from a key
 * endpoint on 127.0.0.1, which the hub checks as it checks Microsoft Entra ID's.
 */
import { readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { generate as generateCertificate } from 'selfsigned';
import type { Browser, Frame, Page } from 'playwright-core';
import { openStore, type Store } from '@liaison/store';
import { createLogger, examplePolicyFile, startHub, type RunningHub } from '@liaison/server';
import { launchChromium, timeouts } from './browser.js';

const teamsOrigin = 'https://teams.microsoft.com';
/** The hub's public name in this test; Chromium resolves it to the TLS server in front of the hub. */
const hubName = 'liaison.northfield.test';
const hubOrigin = `https://${hubName}`;
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const clientId = '6f1c2a9e-0000-4000-8000-000000000001';
/** A member of the example policy's Reference department, named there by e-mail. */
const staffMember = 'priya.natarajan@northfield.edu';

/**
 * The Teams host page: frames the tab and answers what teams-js asks, as Teams' web client does.
 * It records each request the tab made, so the test can see the tab spoke teams-js's protocol.
 */
const hostPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>Simulated Teams host</title></head>
<body>
<iframe id="tab" src="${hubOrigin}/dashboard/" style="width:1200px;height:800px"></iframe>
<script>
  window.requests = [];
  const tab = document.getElementById('tab');
  const runtime = { apiVersion: 4, isLegacyTeams: false, supports: { appEntity: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teams: { fullTrust: {} } } };
  const context = { locale: 'en-gb', theme: 'default', frameContext: 'content', hostClientType: 'web', tid: '${tenant}', loginHint: '${staffMember}', userPrincipalName: '${staffMember}', appSessionId: 'session-1', entityId: 'my-handoffs' };
  window.sendTheme = (theme) => tab.contentWindow.postMessage({ func: 'themeChange', args: [theme] }, '${hubOrigin}');
  window.addEventListener('message', async (event) => {
    if (event.source !== tab.contentWindow || event.origin !== '${hubOrigin}' || typeof event.data?.func !== 'string') return;
    const request = event.data;
    window.requests.push(request.func);
    const reply = (args) => tab.contentWindow.postMessage({ id: request.id, uuidAsString: request.uuidAsString, args }, event.origin);
    if (request.func === 'initialize') reply(['content', 'web', JSON.stringify(runtime), '2.58.0']);
    else if (request.func === 'getContext') reply([context]);
    else if (request.func === 'authentication.getAuthToken') {
      // Teams asks Entra ID for a token for the tab's app; here the test's key endpoint stands in.
      const response = await fetch('/sso-token');
      reply(response.ok ? [true, await response.text()] : [false, 'no token']);
    }
  });
</script>
</body></html>`;

let browser: Browser;
let store: Store;
let hub: RunningHub;
let keyServer: HttpServer;
let tlsServer: HttpsServer;
let policyDirectory: string;
let signingKey: CryptoKey;
let tokensIssued = 0;

async function ssoToken(): Promise<string> {
  tokensIssued += 1;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ tid: tenant, scp: 'access_as_user', preferred_username: staffMember, name: 'Priya Natarajan', ver: '2.0' })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })
    .setIssuer(`https://login.microsoftonline.com/${tenant}/v2.0`)
    .setAudience(clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(signingKey);
}

async function listen(server: HttpServer | HttpsServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  const published: JWK[] = [{ ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' }];
  keyServer = createHttpServer((request, response) => {
    if (request.url !== `/${tenant}/discovery/v2.0/keys`) response.writeHead(404).end();
    else response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  const keyPort = await listen(keyServer);

  // The example policy with a teams section naming this test's app registration and tenant.
  policyDirectory = mkdtempSync(join(tmpdir(), 'liaison-teams-host-'));
  const policyFile = join(policyDirectory, 'liaison.config.yaml');
  writeFileSync(policyFile, `${readFileSync(examplePolicyFile, 'utf8')}\nteams:\n  client_id: ${clientId}\n  allowed_tenants: [${tenant}]\n`);
  store = await openStore({ dataDir: 'memory://' });
  hub = await startHub({
    policyFile,
    port: 0,
    host: '127.0.0.1',
    store,
    schedulerIntervalMs: 0,
    seedDemo: true,
    publicUrl: hubOrigin,
    teamsKeysUrl: `http://127.0.0.1:${keyPort}/{tid}/discovery/v2.0/keys`,
    logger: createLogger({ level: 'silent' }),
  });
  const hubAddress = new URL(hub.url);

  // One TLS server for both names: the Teams host page, and the hub passed through unchanged.
  const certificate = await generateCertificate([{ name: 'commonName', value: 'teams.microsoft.com' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'teams.microsoft.com' }, { type: 2, value: hubName }] }],
  });
  tlsServer = createHttpsServer({ key: certificate.private, cert: certificate.cert }, (request, response) => {
    if (request.headers.host === 'teams.microsoft.com') {
      if (request.url === '/sso-token') void ssoToken().then((token) => response.writeHead(200, { 'content-type': 'text/plain' }).end(token));
      else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage);
      return;
    }
    const upstream = httpRequest({ hostname: hubAddress.hostname, port: hubAddress.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  const tlsPort = await listen(tlsServer);
  // Both names resolve to the TLS server on loopback (URLs keep port 443, so origins are exactly
  // Teams' and the hub's); every other name fails to resolve, so nothing leaves the machine.
  browser = await launchChromium([`--host-resolver-rules=MAP teams.microsoft.com 127.0.0.1:${tlsPort}, MAP ${hubName} 127.0.0.1:${tlsPort}, MAP * ~NOTFOUND`, '--ignore-certificate-errors']);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  tlsServer?.closeAllConnections();
  await new Promise((resolve) => tlsServer?.close(resolve));
  await hub?.stop();
  await store?.close();
  await new Promise((resolve) => keyServer?.close(resolve));
  if (policyDirectory) rmSync(policyDirectory, { recursive: true, force: true });
}, 60_000);

async function tabOf(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().find((frame) => frame.url().startsWith(`${hubOrigin}/dashboard/`)) !== undefined, timeouts).toBe(true);
  return page.frames().find((frame) => frame.url().startsWith(`${hubOrigin}/dashboard/`))!;
}

const themeOf = (tab: Frame) => tab.evaluate(() => document.documentElement.dataset['theme']);
const backgroundOf = (tab: Frame) => tab.evaluate(() => getComputedStyle(document.body).backgroundColor);

describe('The dashboard as a Teams tab', () => {
  it('inside a Teams host: initialises, signs in with single sign-on, shows the staff member’s queue and follows the theme', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${teamsOrigin}/`);
    const tab = await tabOf(page);
    await expect.poll(() => tab.evaluate(() => document.documentElement.dataset['host']), timeouts).toBe('teams');
    await expect.poll(() => tab.getByRole('button', { name: 'Sign out' }).count(), timeouts).toBe(1);
    expect(await tab.getByLabel('Staff token').count()).toBe(0);
    expect(await tab.locator('.who').textContent()).toContain('Priya Natarajan (staff)');
    const me = await tab.evaluate(() => fetch('/api/v1/dashboard/me').then((response) => response.json()));
    expect(me.principal).toMatchObject({ id: staffMember, via: 'teams_sso', role: 'staff' });
    await expect.poll(() => tab.locator('table.queue tbody tr').count(), timeouts).toBeGreaterThan(0);
    const requests = await page.evaluate(() => (window as unknown as { requests: string[] }).requests);
    expect(requests).toEqual(expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']));
    expect(tokensIssued).toBeGreaterThan(0);

    // Teams switches theme: the tab follows, and its colours change with it.
    expect(await themeOf(tab)).toBe('default');
    const lightBackground = await backgroundOf(tab);
    await page.evaluate(() => (window as unknown as { sendTheme(theme: string): void }).sendTheme('dark'));
    await expect.poll(() => themeOf(tab), timeouts).toBe('dark');
    const darkBackground = await backgroundOf(tab);
    expect(darkBackground).not.toBe(lightBackground);
    await page.evaluate(() => (window as unknown as { sendTheme(theme: string): void }).sendTheme('contrast'));
    await expect.poll(() => themeOf(tab), timeouts).toBe('contrast');
    await page.close();
  });

  it('outside Teams: the same address offers the staff-token sign-in', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${hubOrigin}/dashboard/`);
    await expect.poll(() => page.getByLabel('Staff token').count(), timeouts).toBe(1);
    expect(await page.evaluate(() => document.documentElement.dataset['host'])).toBe('browser');
    expect(await page.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    await page.close();
  });
});
