import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, jwtVerify } from 'jose';
import { createZendeskProxy } from './zendesk-proxy.js';

const secret = 'proxy-test-secret-31f9';
const seen: { url: string; headers: Record<string, string | string[] | undefined>; body: string }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    seen.push({ url: request.url ?? '', headers: request.headers, body });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const jwtOption = { algorithm: 'HS256', secret_key: '{{setting.shared_secret}}', expiry: 300, claims: { sub: '501', name: 'Dana' } };
const now = new Date('2026-03-02T15:00:00Z');

describe('the harness proxy signs as Zendesk does', () => {
  it('signs an HS256 token with the secure setting, iat and exp from expiry, and puts it in the header', async () => {
    const proxy = createZendeskProxy({ settings: { shared_secret: secret, hub_url: base }, secureSettings: ['shared_secret'], now: () => now });
    const answer = await proxy.handle({ url: '{{setting.hub_url}}/api/v1/x', type: 'GET', secure: true, headers: { Authorization: 'Bearer {{jwt.token}}' }, jwt: jwtOption });
    expect(answer.status).toBe(200);
    const token = String(seen.at(-1)!.headers['authorization']).replace('Bearer ', '');
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), { currentDate: now });
    expect(protectedHeader.alg).toBe('HS256');
    expect(payload).toMatchObject({ sub: '501', name: 'Dana', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 300 });
  });

  it('refuses to put a secure setting into a request that is not secure', async () => {
    const proxy = createZendeskProxy({ settings: { shared_secret: secret }, secureSettings: ['shared_secret'] });
    const before = seen.length;
    const answer = await proxy.handle({ url: `${base}/x`, headers: { Authorization: 'Bearer {{jwt.token}}' }, jwt: jwtOption });
    expect(answer.status).toBe(400);
    expect(answer.body).toContain('without secure: true');
    expect(seen.length).toBe(before);
  });

  it('signs badly on request: expired, with another secret, or tampered', async () => {
    const proxy = createZendeskProxy({ settings: { shared_secret: secret }, secureSettings: ['shared_secret'], now: () => now, signing: { expiresInSeconds: -60 } });
    const send = async () => {
      await proxy.handle({ url: `${base}/x`, secure: true, headers: { Authorization: 'Bearer {{jwt.token}}' }, jwt: jwtOption });
      return String(seen.at(-1)!.headers['authorization']).replace('Bearer ', '');
    };
    expect(decodeJwt(await send()).exp).toBe(now.getTime() / 1000 - 60);
    proxy.signing = { secret: 'other' };
    await expect(jwtVerify(await send(), new TextEncoder().encode(secret), { currentDate: now })).rejects.toThrow(/signature/);
    proxy.signing = { tamper: true };
    const tampered = await send();
    expect(decodeJwt(tampered).sub).toBe('someone-else');
    await expect(jwtVerify(tampered, new TextEncoder().encode(secret), { currentDate: now })).rejects.toThrow(/signature/);
  });

  it('records calls to Zendesk\'s own API and answers a ticket update with a comment', async () => {
    const proxy = createZendeskProxy({ settings: {}, secureSettings: [] });
    const note = { ticket: { comment: { body: 'Handed off as H-1', public: false } } };
    const answer = await proxy.handle({ url: '/api/v2/tickets/12.json', type: 'PUT', data: JSON.stringify(note) });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).audit.events[0]).toEqual({ type: 'Comment', public: false, body: 'Handed off as H-1' });
    expect(proxy.zendeskApiCalls).toEqual([{ method: 'PUT', path: '/api/v2/tickets/12.json', body: note }]);
    const empty = await proxy.handle({ url: '/api/v2/tickets/12.json', type: 'PUT', data: JSON.stringify({ ticket: { comment: { body: ' ' } } }) });
    expect(empty.status).toBe(422);
  });
});
