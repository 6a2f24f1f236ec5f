import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { registerSecurityHeaders, teamsFrameAncestors } from './security-headers.js';
import { startTestHub, type TestHub } from './hub-for-tests.js';
import { statusPageStyle } from './status-page.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub.close());

/** A Content-Security-Policy header as directive → sources. */
function directives(header: string | string[] | number | undefined): Record<string, string[]> {
  expect(typeof header, 'a Content-Security-Policy header').toBe('string');
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

async function statusPagePath(): Promise<string> {
  const created = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: await hub.auth(), payload: { question: 'Where is my interlibrary loan?' } });
  return new URL(created.json().statusLink as string).pathname;
}

describe('security headers', () => {
  it('the status page may not be framed, sniffed or run any script, and may use only its own style', async () => {
    const response = await hub.app.inject({ method: 'GET', url: await statusPagePath() });
    expect(response.statusCode).toBe(200);
    const csp = directives(response.headers['content-security-policy']);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    // The page's inline style is allowed by its hash, not by 'unsafe-inline'.
    expect(csp['style-src']).toEqual(["'self'", `'sha256-${createHash('sha256').update(statusPageStyle).digest('base64')}'`]);
    expect(response.body).toContain(`<style>${statusPageStyle}</style>`);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['an unknown status link', 'GET', '/s/not-a-token'],
    ['the API without a token', 'GET', '/api/v1/handoffs'],
    ['a route that does not exist', 'GET', '/nowhere'],
    ['the health check', 'GET', '/healthz'],
  ])('%s gets them too', async (_what, method, url) => {
    const response = await hub.app.inject({ method: method as 'GET', url });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(directives(response.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('the hub\'s dashboard page may be framed by Microsoft Teams, and its status page may not', async () => {
    const tab = await hub.app.inject({ method: 'GET', url: '/dashboard/' });
    expect(directives(tab.headers['content-security-policy'])['frame-ancestors']).toEqual(["'self'", ...teamsFrameAncestors]);
    expect(tab.headers['x-frame-options']).toBeUndefined();
    const status = await hub.app.inject({ method: 'GET', url: await statusPagePath() });
    expect(directives(status.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
  });

  it('the dashboard may be framed by Microsoft Teams (and the hub itself), and loads only its own scripts and styles', async () => {
    // The dashboard's routes are any under /dashboard/, however they are registered.
    const app = Fastify();
    await registerSecurityHeaders(app);
    await app.register(async (scoped) => {
      scoped.get('/dashboard/', async () => 'tab');
      scoped.get('/dashboard/:file', async () => 'file');
    });
    app.get('/s/:token', async () => 'status');
    const tab = await app.inject({ method: 'GET', url: '/dashboard/' });
    const file = await app.inject({ method: 'GET', url: '/dashboard/app.js' });
    for (const response of [tab, file]) {
      const csp = directives(response.headers['content-security-policy']);
      expect(csp['frame-ancestors']).toEqual(["'self'", ...teamsFrameAncestors]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['style-src']).toEqual(["'self'"]);
      expect(csp['connect-src']).toEqual(["'self'"]);
      // X-Frame-Options cannot allow Teams; a DENY would stop the tab in browsers that read it first.
      expect(response.headers['x-frame-options']).toBeUndefined();
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    expect(teamsFrameAncestors).toEqual(expect.arrayContaining(['https://teams.microsoft.com', 'https://*.teams.microsoft.com', 'https://*.cloud.microsoft']));
    const status = await app.inject({ method: 'GET', url: '/s/abc' });
    expect(directives(status.headers['content-security-policy'])['frame-ancestors']).toEqual(["'none'"]);
    await app.close();
  });
});
