import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMinutesBetween, type Handoff } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';
import { availableEvents } from '@liaison/core';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub.close());

/** Signs in with a new token of `role`; returns the Cookie header the browser would send. */
async function signIn(role: 'staff' | 'coordinator' = 'staff', target: TestHub = hub): Promise<{ cookie: string; setCookie: string; token: string }> {
  const token = await target.token(role);
  const response = await target.app.inject({ method: 'POST', url: '/dashboard/session', payload: { token } });
  expect(response.statusCode, response.body).toBe(200);
  const setCookie = String(response.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, setCookie, token };
}

async function createHandoff(body: Record<string, unknown>): Promise<Handoff> {
  const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', payload: body, headers: await hub.auth('staff') });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().handoff as Handoff;
}

describe('dashboard sign-in', () => {
  it('exchanges a staff token once for an HttpOnly, SameSite=Strict session cookie, and signs out', async () => {
    const { cookie, setCookie } = await signIn('staff');
    expect(setCookie).toMatch(/^liaison_session=[A-Za-z0-9_-]{40,}; Path=\/; HttpOnly; SameSite=Strict; Expires=/);
    expect(setCookie).not.toContain('Secure');
    const me = await hub.app.inject({ url: '/api/v1/dashboard/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().principal).toMatchObject({ role: 'staff', via: 'staff_token' });

    const out = await hub.app.inject({ method: 'DELETE', url: '/dashboard/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Expires=Thu, 01 Jan 1970');
    const after = await hub.app.inject({ url: '/api/v1/dashboard/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('session_expired');
  });

  it('marks the cookie Secure when the hub is reached over HTTPS', async () => {
    const secure = await startTestHub({ publicUrl: 'https://liaison.example.edu' });
    try {
      expect((await signIn('staff', secure)).setCookie).toContain('; Secure');
    } finally {
      await secure.close();
    }
  });

  it('refuses a wrong or empty token with a 4xx that says what to do, and ends sessions of a revoked token', async () => {
    const wrong = await hub.app.inject({ method: 'POST', url: '/dashboard/session', payload: { token: 'lsn_nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'token_invalid' });
    const empty = await hub.app.inject({ method: 'POST', url: '/dashboard/session', payload: { token: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('staff token');
    const garbage = await hub.app.inject({ method: 'POST', url: '/dashboard/session', payload: 'x'.repeat(5000), headers: { 'content-type': 'application/json' } });
    expect(garbage.statusCode).toBe(400);

    const { cookie, token } = await signIn('coordinator');
    const record = await hub.store.tokens.verify(token, hub.clock());
    await hub.store.tokens.revoke(record!.id, hub.clock());
    const after = await hub.app.inject({ url: '/api/v1/dashboard/me', headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('keeps the API closed to a page without a session', async () => {
    expect((await hub.app.inject({ url: '/api/v1/dashboard/queues' })).statusCode).toBe(401);
    expect((await hub.app.inject({ url: '/api/v1/dashboard/queues', headers: { cookie: 'liaison_session=made-up-secret-that-is-long-enough' } })).statusCode).toBe(401);
  });
});

describe('dashboard queues', () => {
  it('lists open hand-offs overdue first, with age and the opening time left as core counts it, and no patron', async () => {
    const early = await createHandoff({ question: 'EZproxy login loop from off-campus', channel: 'chat', patron: { email: 'reader@example.edu', patronType: 'Graduate' } });
    hub.clock.advance(6 * 3_600_000);
    const late = await createHandoff({ question: 'Can we buy this book for the reserve shelf?', department: 'acquisitions', channel: 'email' });
    const { cookie } = await signIn();
    const response = await hub.app.inject({ url: '/api/v1/dashboard/queues', headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json().handoffs as { id: string; isOverdue: boolean; openMinutesLeft: number; ageMinutes: number }[];
    expect(rows[0]).toMatchObject({ id: early.id, isOverdue: true, ageMinutes: 360 });
    const now = hub.clock();
    expect(rows[0]!.openMinutesLeft).toBe(-openMinutesBetween(new Date(early.dueAt), now, hub.policy.library));
    const lateRow = rows.find((row) => row.id === late.id)!;
    expect(lateRow.openMinutesLeft).toBe(openMinutesBetween(now, new Date(late.dueAt), hub.policy.library));
    expect(response.body).not.toContain('reader@example.edu');

    const filtered = await hub.app.inject({ url: '/api/v1/dashboard/queues?channel=email&department=acquisitions', headers: { cookie } });
    expect(filtered.json().handoffs.map((row: { id: string }) => row.id)).toEqual([late.id]);
    const overdue = await hub.app.inject({ url: '/api/v1/dashboard/queues?overdue=true', headers: { cookie } });
    expect(overdue.json().handoffs.every((row: { isOverdue: boolean }) => row.isOverdue)).toBe(true);
  });

  it('names what is wrong with a filter', async () => {
    const { cookie } = await signIn();
    const state = await hub.app.inject({ url: '/api/v1/dashboard/queues?state=lost', headers: { cookie } });
    expect(state.statusCode).toBe(400);
    expect(state.json().error.message).toContain('"lost" is not a hand-off state');
    const department = await hub.app.inject({ url: '/api/v1/dashboard/queues?department=%3Cscript%3E', headers: { cookie } });
    expect(department.statusCode).toBe(400);
    expect(department.json().error.message).toContain('There is no department');
    const unknown = await hub.app.inject({ url: '/api/v1/dashboard/queues?sort=age', headers: { cookie } });
    expect(unknown.statusCode).toBe(400);
  });

  it("shows a hand-off with its timeline and exactly the actions core's lifecycle allows now", async () => {
    const handoff = await createHandoff({ question: 'The link resolver shows no full text for JSTOR', links: { url: 'https://library.example.edu/faq/off-campus' } });
    const { cookie } = await signIn();
    const opened = await hub.app.inject({ url: `/api/v1/dashboard/handoffs/${handoff.id}`, headers: { cookie } });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().actions.map((action: { event: string }) => action.event)).toEqual(availableEvents('open'));
    expect(opened.json().actions.find((action: { event: string }) => action.event === 'resolved')).toEqual({
      event: 'resolved',
      textField: 'resolution',
      textRequired: true,
      needsDepartment: false,
    });
    const accept = await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${handoff.id}/events`, payload: { type: 'accepted' }, headers: { cookie } });
    expect(accept.statusCode, accept.body).toBe(200);
    const accepted = await hub.app.inject({ url: `/api/v1/dashboard/handoffs/${handoff.id}`, headers: { cookie } });
    expect(accepted.json().handoff.history.map((event: { type: string }) => event.type)).toEqual(['created', 'accepted']);
    expect(accepted.json().actions.map((action: { event: string }) => action.event)).toEqual(availableEvents('accepted'));
    expect((await hub.app.inject({ url: '/api/v1/dashboard/handoffs/H-999999', headers: { cookie } })).statusCode).toBe(404);
  });
});

describe('dashboard files', () => {
  it('serves the page, its script and stylesheet from /dashboard/, and nothing outside its folder', async () => {
    const page = await hub.app.inject({ url: '/dashboard/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<script type="module" src="/dashboard/app.js"></script>');
    expect(page.body).not.toMatch(/<script>(?!<\/script>)/);
    expect((await hub.app.inject({ url: '/dashboard/app.js' })).headers['content-type']).toContain('text/javascript');
    expect((await hub.app.inject({ url: '/dashboard' })).statusCode).toBe(302);
    expect((await hub.app.inject({ url: '/dashboard/..%2Fpackage.json' })).statusCode).toBe(404);
    expect((await hub.app.inject({ url: '/dashboard/tab' })).body).toBe(page.body);
  });
});
