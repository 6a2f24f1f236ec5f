/**
 * Teams single sign-on as the hub checks it: tokens signed with keys made here and published from
 * a key endpoint on 127.0.0.1, shaped as Microsoft Entra ID issues them for a Teams tab.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { startTestHub, type TestHub } from './hub-for-tests.js';

const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const otherTenant = '11111111-2222-4333-8444-555555555555';
const clientId = '6f1c2a9e-0000-4000-8000-000000000001';
const member = 'sam.okoro@northfield.edu';
const lead = 'rosa.delgado@northfield.edu';

let hub: TestHub;
let keyServer: Server;
let keyRequests = 0;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
const published: JWK[] = [];

async function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; kid?: string; expiresAt?: number; issuer?: string } = {}) {
  const now = Math.floor(hub.clock().getTime() / 1000);
  const tid = (claims['tid'] as string | undefined) ?? tenant;
  return new SignJWT({ tid, scp: 'access_as_user', preferred_username: member, name: 'Sam Okoro', ver: '2.0', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1', typ: 'JWT' })
    .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
    .setAudience((claims['aud'] as string | undefined) ?? clientId)
    .setIssuedAt(now)
    .setExpirationTime(options.expiresAt ?? now + 3600)
    .sign(options.key ?? signingKey);
}

async function signIn(bearer: string) {
  return hub.app.inject({ method: 'POST', url: '/dashboard/session/teams', payload: { token: bearer } });
}

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  published.push({ ...(await exportJWK(pair.publicKey)), kid: 'key-1', use: 'sig', alg: 'RS256' });
  keyServer = createServer((request, response) => {
    keyRequests += 1;
    if (request.url !== `/${tenant}/discovery/v2.0/keys`) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
  const port = (keyServer.address() as AddressInfo).port;
  hub = await startTestHub({
    teamsKeysUrl: `http://127.0.0.1:${port}/{tid}/discovery/v2.0/keys`,
    policy: (example) => ({
      ...example,
      departments: example.departments.map((department, index) => (index === 0 ? { ...department, members: [...(department.members ?? []), member], lead } : department)),
      teams: { client_id: clientId, allowed_tenants: [tenant], coordinators: [] },
    }),
  });
}, 60_000);

afterAll(async () => {
  await hub?.close();
  await new Promise((resolve) => keyServer?.close(resolve));
});

describe('Teams sign-in', () => {
  it('starts a session for staff the policy names, with the tenant’s keys fetched once and kept', async () => {
    const response = await signIn(await token());
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().principal).toEqual({ name: 'Sam Okoro', role: 'staff' });
    const cookie = String(response.headers['set-cookie']).split(';')[0]!;
    expect(String(response.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    const me = await hub.app.inject({ url: '/api/v1/dashboard/me', headers: { cookie } });
    expect(me.json().principal).toMatchObject({ id: member, via: 'teams_sso', role: 'staff' });
    // Staff through Teams are held to the same role rules.
    expect((await hub.app.inject({ url: '/api/v1/dashboard/service/staff', headers: { cookie } })).statusCode).toBe(403);

    const fetched = keyRequests;
    expect((await signIn(await token({ aud: `api://liaison.northfield.edu/${clientId}`, preferred_username: undefined, upn: lead.toUpperCase() }))).json().principal.role).toBe('coordinator');
    expect(keyRequests).toBe(fetched);
  });

  it.each([
    ['another tenant', () => token({ tid: otherTenant }), 403, 'tenant_not_allowed'],
    ['another app', () => token({ aud: '99999999-0000-4000-8000-000000000009' }), 401, 'token_invalid'],
    ['no access_as_user scope', () => token({ scp: 'User.Read' }), 401, 'token_invalid'],
    ['a key the tenant does not publish', () => token({}, { key: strangerKey }), 401, 'token_invalid'],
    ['another issuer', () => token({}, { issuer: 'https://sts.example.com/' }), 401, 'token_invalid'],
    ['an expired token', () => token({}, { expiresAt: Math.floor(Date.parse('2026-03-10T12:00:00Z') / 1000) }), 401, 'token_expired'],
    ['a person the policy does not name', () => token({ preferred_username: 'visitor@northfield.edu' }), 403, 'not_staff'],
    ['something that is not a JWT', async () => 'not-a-token', 401, 'token_invalid'],
  ])('refuses %s', async (_what, make, status, code) => {
    const response = await signIn(await make());
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().error.code).toBe(code);
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('says so when the policy has no teams section', async () => {
    const plain = await startTestHub();
    try {
      const response = await plain.app.inject({ method: 'POST', url: '/dashboard/session/teams', payload: { token: 'x.y.z' } });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('teams_not_configured');
    } finally {
      await plain.close();
    }
  });
});
