import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredPatrons } from '@liaison/connectors';
import { startTestHub, type TestHub } from './hub-for-tests.js';

const amara = featuredPatrons.withLoansFinesAndIll;
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub.close());

describe('admin routes: staff tokens', () => {
  it('are for admins only', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/admin/tokens'],
      ['POST', '/api/v1/admin/tokens'],
      ['DELETE', '/api/v1/admin/tokens/tok_x'],
      ['GET', `/api/v1/admin/audit?patron=${amara}`],
    ] as const) {
      const response = await hub.app.inject({ method, url, headers: await hub.auth('coordinator'), ...(method === 'POST' && { payload: { name: 'x' } }) });
      expect(response.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('create (with an expiry), list with last use, and revoke: the next request with a revoked token is 401', async () => {
    const admin = await hub.auth('admin');
    const created = await hub.app.inject({ method: 'POST', url: '/api/v1/admin/tokens', headers: admin, payload: { name: 'Reference desk PC', role: 'staff', expiresIn: '90d' } });
    expect(created.statusCode).toBe(201);
    const { token, record } = created.json();
    expect(record.expiresAt).toBe(new Date(hub.clock().getTime() + 90 * 86_400_000).toISOString());
    const asStaff = { authorization: `Bearer ${token}` };
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/handoffs', headers: asStaff })).statusCode).toBe(200);

    const listed = (await hub.app.inject({ method: 'GET', url: '/api/v1/admin/tokens', headers: admin })).json().tokens;
    expect(listed.find((t: { id: string }) => t.id === record.id)).toMatchObject({ lastUsedAt: hub.clock().toISOString(), revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(token);

    const heard: string[] = [];
    hub.context.staffTokens.onRevoked((id) => heard.push(id));
    const revoked = await hub.app.inject({ method: 'DELETE', url: `/api/v1/admin/tokens/${record.id}`, headers: admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().token.revokedAt).toBe(hub.clock().toISOString());
    expect(heard).toEqual([record.id]);
    const refused = await hub.app.inject({ method: 'GET', url: '/api/v1/handoffs', headers: asStaff });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('token_invalid');
  });

  it('refuse a bad expiry and an unknown token clearly', async () => {
    const admin = await hub.auth('admin');
    const bad = await hub.app.inject({ method: 'POST', url: '/api/v1/admin/tokens', headers: admin, payload: { name: 'x', expiresIn: 'forever' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('expiresIn');
    const unknown = await hub.app.inject({ method: 'DELETE', url: '/api/v1/admin/tokens/tok_000000000000', headers: admin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('token_not_found');
  });

  it('expired tokens are refused', async () => {
    const { token } = await hub.context.staffTokens.create({ name: 'an hour', role: 'staff', expiresInMs: 3_600_000 });
    const headers = { authorization: `Bearer ${token}` };
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/handoffs', headers })).statusCode).toBe(200);
    hub.clock.advance(3_600_000);
    try {
      expect((await hub.app.inject({ method: 'GET', url: '/api/v1/handoffs', headers })).statusCode).toBe(401);
    } finally {
      hub.clock.advance(-3_600_000);
    }
  });
});

describe('admin route: who looked at this patron', () => {
  it('answers by e-mail in any case, with who, when and through which surface', async () => {
    await hub.app.inject({ method: 'GET', url: `/api/v1/patron-context?email=${encodeURIComponent(amara.toUpperCase())}`, headers: { authorization: `Bearer ${await hub.token('staff', 'desk one')}` } });
    const response = await hub.app.inject({ method: 'GET', url: `/api/v1/admin/audit?patron=${encodeURIComponent(amara.toUpperCase())}`, headers: await hub.auth('admin') });
    expect(response.statusCode).toBe(200);
    const { keys, views } = response.json();
    expect(keys).toContain(amara);
    expect(views[0]).toMatchObject({ surface: 'staff_token', at: hub.clock().toISOString() });
    expect(views[0].actor).toMatch(/^tok_/);
  });
});
