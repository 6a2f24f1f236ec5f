import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featuredPatrons } from '@liaison/connectors';
import { startTestHub, type TestHub } from './hub-for-tests.js';
import { verifiedTokenTtlMs } from './verified-token-cache.js';

const secret = 'zendesk-shared-secret-for-tests-0123456789';
const amara = featuredPatrons.withLoansFinesAndIll;
const patronPath = `/api/v1/patron-context?email=${encodeURIComponent(amara)}`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ zendeskSecret: secret });
}, 60_000);
afterAll(() => hub.close());

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A Zendesk-style JWT signed with `key`, naming the ticket requester as the sidebar does;
 * `expiresIn` in seconds from the hub's clock (null for none), `issuedAt` likewise (null for none).
 */
async function zendeskJwt(
  options: { key?: string; expiresIn?: number | null; issuedAt?: number | null; sub?: string | null; alg?: string; patronEmail?: string | null } = {},
): Promise<string> {
  const now = Math.floor(hub.clock().getTime() / 1000);
  const patronEmail = options.patronEmail === undefined ? amara : options.patronEmail;
  const jwt = new SignJWT({ name: 'Agent Smith', ...(patronEmail !== null && { patron_email: patronEmail }) }).setProtectedHeader({ alg: options.alg ?? 'HS256' });
  if (options.sub !== null) jwt.setSubject(options.sub ?? '3141');
  if (options.issuedAt !== null) jwt.setIssuedAt(now + (options.issuedAt ?? 0));
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 300));
  return jwt.sign(new TextEncoder().encode(options.key ?? secret));
}

/** The sidebar's call: the patron is in the token, not in the query. */
const sidebarPath = '/api/v1/patron-context';

async function getPatron(authorization?: string, path = authorization?.includes('.') ? sidebarPath : patronPath) {
  return hub.app.inject({ method: 'GET', url: path, headers: authorization ? { authorization } : {} });
}

/** Nothing that names or identifies the patron may be in an answer to an unproven caller. */
function expectNoPatronData(body: string) {
  expect(body).not.toContain(amara);
  expect(body).not.toMatch(/Okafor/i);
  expect(body).not.toContain('21234'); // the demo library's patron barcodes start with its institution code
}

describe('staff tokens', () => {
  it('let a staff member read patron context', async () => {
    const response = await getPatron(`Bearer ${await hub.token('staff')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().found).toBe(true);
  });

  it('are refused once revoked: at once when this hub hears of it, within the cache time when revoked elsewhere', async () => {
    const { token, record } = await hub.store.tokens.create('soon revoked', 'staff', hub.clock());
    expect((await getPatron(`Bearer ${token}`)).statusCode).toBe(200);
    // Revoked by another process (the command line, a second hub): this hub trusts what it verified for a few seconds.
    await hub.store.tokens.revoke(record.id, hub.clock());
    expect((await getPatron(`Bearer ${token}`)).statusCode).toBe(200);
    hub.clock.advance(verifiedTokenTtlMs);
    const response = await getPatron(`Bearer ${token}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('token_invalid');
    expectNoPatronData(response.body);

    // Revoked through this hub: the cache forgets the token at once.
    const second = await hub.store.tokens.create('revoked here', 'staff', hub.clock());
    expect((await getPatron(`Bearer ${second.token}`)).statusCode).toBe(200);
    await hub.store.tokens.revoke(second.record.id, hub.clock());
    hub.context.verifiedStaffTokens.forget(second.record.id);
    expect((await getPatron(`Bearer ${second.token}`)).statusCode).toBe(401);
  });

  it('carry a role: staff may not read the overrides summary, a coordinator may', async () => {
    const asStaff = await hub.app.inject({ method: 'GET', url: '/api/v1/purchase/overrides/summary', headers: await hub.auth('staff') });
    expect(asStaff.statusCode).toBe(403);
    expect(asStaff.json().error).toMatchObject({ code: 'forbidden' });
    expect(asStaff.json().error.message).toContain('coordinator');
    const asCoordinator = await hub.app.inject({ method: 'GET', url: '/api/v1/purchase/overrides/summary', headers: await hub.auth('coordinator') });
    expect(asCoordinator.statusCode).toBe(200);
  });
});

describe('Zendesk JWTs', () => {
  it('let the sidebar read patron context, and the view is audited under the agent', async () => {
    const response = await getPatron(`Bearer ${await zendeskJwt({ sub: '2718' })}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().found).toBe(true);
    const views = await hub.store.audit.listByActor('zendesk:2718');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ surface: 'zendesk_jwt', patronKey: amara });
  });

  it('read the patron the signed patron_email claim names, filed under the lower-cased e-mail', async () => {
    const response = await getPatron(`Bearer ${await zendeskJwt({ sub: '1618', patronEmail: amara.toUpperCase() })}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().context.identity.email).toBe(amara);
    expect((await hub.store.audit.listByActor('zendesk:1618'))[0]).toMatchObject({ patronKey: amara });
  });

  it('may not choose another patron in the query, nor read one without the claim', async () => {
    const chosen = await getPatron(`Bearer ${await zendeskJwt()}`, `/api/v1/patron-context?barcode=21234000000017`);
    expect(chosen.statusCode).toBe(400);
    expect(chosen.json().error.code).toBe('patron_from_claim_only');
    const sameInQuery = await getPatron(`Bearer ${await zendeskJwt()}`, patronPath);
    expect(sameInQuery.statusCode).toBe(400);
    const unnamed = await getPatron(`Bearer ${await zendeskJwt({ patronEmail: null })}`);
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.json().error.code).toBe('patron_claim_missing');
    for (const response of [chosen, sameInQuery, unnamed]) expectNoPatronData(response.body);
  });

  it.each([
    { name: 'exp − iat of 5 minutes', token: { issuedAt: 0, expiresIn: 300 }, status: 200 },
    { name: 'exp − iat of 5 minutes and 30 s (the clock skew)', token: { issuedAt: 0, expiresIn: 330 }, status: 200 },
    { name: 'exp − iat of 6 minutes', token: { issuedAt: 0, expiresIn: 360 }, status: 401 },
    { name: 'a day, issued an hour ago', token: { issuedAt: -3600, expiresIn: 86_400 - 3600 }, status: 401 },
    { name: 'no iat, exp 5 minutes from now', token: { issuedAt: null, expiresIn: 300 }, status: 200 },
    { name: 'no iat, exp an hour from now', token: { issuedAt: null, expiresIn: 3600 }, status: 401 },
  ])('with $name answer $status', async ({ token, status }) => {
    const response = await getPatron(`Bearer ${await zendeskJwt(token)}`);
    expect(response.statusCode).toBe(status);
    if (status === 401) {
      expect(response.json().error.code).toBe('token_lifetime_too_long');
      expectNoPatronData(response.body);
    }
  });

  it('are refused without a sub (the agent)', async () => {
    const response = await getPatron(`Bearer ${await zendeskJwt({ sub: null })}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('token_subject_missing');
    expectNoPatronData(response.body);
  });

  it('are accepted within the 30 s clock tolerance and refused after it', async () => {
    expect((await getPatron(`Bearer ${await zendeskJwt({ expiresIn: -20 })}`)).statusCode).toBe(200);
    const response = await getPatron(`Bearer ${await zendeskJwt({ expiresIn: -31 })}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('token_expired');
  });
});

describe('refusals: 401 and no patron data', () => {
  const cases: { name: string; header: () => Promise<string | undefined>; code: string }[] = [
    { name: 'no Authorization header', header: async () => undefined, code: 'unauthenticated' },
    { name: 'a Basic header', header: async () => 'Basic dXNlcjpwYXNz', code: 'unauthenticated' },
    { name: 'Bearer with nothing after it', header: async () => 'Bearer ', code: 'unauthenticated' },
    { name: 'a made-up staff token', header: async () => 'Bearer lsn_not-a-real-token', code: 'token_invalid' },
    { name: 'a token without the lsn_ prefix', header: async () => 'Bearer abcdef', code: 'token_invalid' },
    { name: 'an expired JWT', header: async () => `Bearer ${await zendeskJwt({ expiresIn: -3600 })}`, code: 'token_expired' },
    { name: 'a JWT signed with another secret', header: async () => `Bearer ${await zendeskJwt({ key: 'another-secret-of-the-same-length-000000' })}`, code: 'token_invalid' },
    { name: 'a JWT without exp', header: async () => `Bearer ${await zendeskJwt({ expiresIn: null })}`, code: 'token_invalid' },
    { name: 'a JWT signed HS512 with the right secret', header: async () => `Bearer ${await zendeskJwt({ alg: 'HS512' })}`, code: 'token_invalid' },
    {
      name: 'a tampered JWT (agent id changed, signature kept)',
      header: async () => {
        const [head, payload, signature] = (await zendeskJwt()).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `Bearer ${head}.${base64url({ ...claims, sub: '1' })}.${signature}`;
      },
      code: 'token_invalid',
    },
    {
      name: 'an unsigned JWT (alg none)',
      header: async () => {
        const now = Math.floor(hub.clock().getTime() / 1000);
        return `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: '3141', exp: now + 300 })}.`;
      },
      code: 'token_invalid',
    },
  ];

  it.each(cases)('$name → 401 $code', async ({ header, code }) => {
    const response = await getPatron(await header());
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe(code);
    expect(response.json().error.message.length).toBeGreaterThan(10);
    expectNoPatronData(response.body);
  });

  it('guards every /api route, not only patron context', async () => {
    const routes = [
      ['GET', '/api/v1/handoffs'],
      ['POST', '/api/v1/handoffs'],
      ['GET', '/api/v1/handoffs/H-1'],
      ['GET', '/api/v1/handoffs/H-1/events'],
      ['POST', '/api/v1/handoffs/H-1/events'],
      ['POST', '/api/v1/route'],
      ['POST', '/api/v1/purchase/evaluate'],
      ['POST', '/api/v1/purchase/overrides'],
      ['GET', '/api/v1/purchase/overrides/summary'],
      ['GET', '/api/v1/rubrics'],
      ['POST', '/api/v1/evaluations'],
      ['GET', '/api/v1/evaluations/summary?rubricId=x'],
      ['POST', '/api/v1/calibration'],
      ['GET', '/api/v1/insights'],
      ['GET', '/api/v1/no-such-route'],
      // Percent-encoded and doubled-slash spellings of an /api route are still /api routes.
      ['GET', '/%61pi/v1/handoffs'],
      ['GET', '/api/v1/%68andoffs'],
      ['GET', '/api//v1/handoffs'],
      ['GET', '/api/v1/handoffs/'],
    ] as const;
    for (const [method, url] of routes) {
      const response = await hub.app.inject({ method, url, payload: method === 'POST' ? { question: 'x' } : undefined });
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      // The hook answers before any route runs: its message, not a route's fallback.
      expect(response.json().error.code, `${method} ${url}`).toBe('unauthenticated');
      expect(response.json().error.message, `${method} ${url}`).toContain('Authorization: Bearer');
    }
  });

  it('writes nothing to the audit log for a refused caller', async () => {
    const before = (await hub.store.audit.listByPatron(amara)).length;
    await getPatron('Bearer lsn_nope');
    await getPatron(`Bearer ${await zendeskJwt({ expiresIn: -3600 })}`);
    expect(await hub.store.audit.listByPatron(amara)).toHaveLength(before);
  });
});

describe('a hub without a Zendesk secret', () => {
  it('refuses every JWT, even one signed with some secret', async () => {
    const plain = await startTestHub({ store: hub.store, clock: hub.clock });
    try {
      const response = await plain.app.inject({ method: 'GET', url: sidebarPath, headers: { authorization: `Bearer ${await zendeskJwt()}` } });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.message).toContain('LIAISON_ZENDESK_SECRET');
      expectNoPatronData(response.body);
    } finally {
      await plain.close();
    }
  });
});

describe('patron look-ups are rate-limited per caller', () => {
  it('answer 429 with Retry-After after the limit, for that caller only', async () => {
    const limited = await startTestHub({ store: hub.store, clock: hub.clock, zendeskSecret: secret, patronContextRateLimit: { max: 3, windowMs: 60_000 } });
    try {
      const busy = { authorization: `Bearer ${await hub.token('staff', 'busy desk')}` };
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i += 1) {
        last = await limited.app.inject({ method: 'GET', url: patronPath, headers: busy });
        statuses.push(last.statusCode);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.json().error.code).toBe('rate_limited');
      expectNoPatronData(last!.body);
      // Another caller (a Zendesk agent) still has its own allowance.
      const agent = await limited.app.inject({ method: 'GET', url: sidebarPath, headers: { authorization: `Bearer ${await zendeskJwt({ sub: '999' })}` } });
      expect(agent.statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
