import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handoff } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
}, 60_000);
afterAll(() => hub.close());

async function post(url: string, payload: unknown, headers: Record<string, string> = {}) {
  return hub.app.inject({ method: 'POST', url, payload: payload as object, headers: { ...staff, ...headers } });
}
async function get(url: string, headers: Record<string, string> = staff) {
  return hub.app.inject({ method: 'GET', url, headers });
}
async function createHandoff(body: Record<string, unknown>): Promise<Handoff> {
  const response = await post('/api/v1/handoffs', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().handoff as Handoff;
}

describe('POST /api/v1/handoffs', () => {
  it('routes by the policy and says why', async () => {
    const response = await post('/api/v1/handoffs', { question: 'EZproxy sends me to a login loop from off-campus', channel: 'chat' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.isReplay).toBe(false);
    expect(body.handoff).toMatchObject({ department: 'eresources', serviceLevel: '4 opening hours', state: 'open', routing: { ruleId: 'off-campus-access' } });
    expect(body.handoff.routing.explanation.length).toBeGreaterThan(0);
    // 4 opening hours from Tuesday 10:00 in Chicago is 14:00 the same day.
    expect(body.handoff.dueAt).toBe('2026-03-10T19:00:00.000Z');
    expect(body.statusLink).toMatch(/^http:\/\/hub\.test\/s\/\S+$/);
  });

  it('takes a department staff chose, with that department\'s service level and an explanation', async () => {
    const handoff = await createHandoff({ question: 'EZproxy is down', department: 'acquisitions' });
    expect(handoff.department).toBe('acquisitions');
    expect(handoff.serviceLevel).toBe('3 business days');
    expect(handoff.routing?.explanation).toContain('eresources');
  });

  it('refuses an unknown department with 400 naming the departments there are', async () => {
    const response = await post('/api/v1/handoffs', { question: 'Where is my book?', department: 'cataloguing' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('unknown_department');
    expect(response.json().error.message).toContain('circulation');
    expect(response.json().error.issues[0].path).toEqual(['department']);
  });

  it.each([
    [{}, 'question'],
    [{ question: '   ' }, 'question'],
    [{ question: 'x', channel: 'carrier pigeon' }, 'channel'],
    [{ question: 'x', patron: { email: 'not an address' } }, 'patron'],
    [{ question: 'x', surprise: true }, ''],
  ])('refuses %j with 400 invalid_request and the path', async (payload, path) => {
    const response = await post('/api/v1/handoffs', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
    if (path) expect(response.json().error.issues[0].path[0]).toBe(path);
  });

  it('leaves the patron\'s identity out of the answer, keeping the patron type', async () => {
    const handoff = await createHandoff({ question: 'Renewal question', patron: { email: 'someone@northfield.edu', barcode: '21234000000001', patronType: 'Graduate' } });
    expect(handoff.patron).toEqual({ patronType: 'Graduate' });
  });

  it('returns the first hand-off for a retried Idempotency-Key, and stores only one', async () => {
    const key = `delivery-${Math.random()}`;
    const question = `Idempotent question ${key}`;
    const first = await post('/api/v1/handoffs', { question }, { 'idempotency-key': key });
    const again = await post('/api/v1/handoffs', { question }, { 'idempotency-key': key });
    const concurrent = await Promise.all([1, 2, 3].map(() => post('/api/v1/handoffs', { question }, { 'idempotency-key': key })));
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().isReplay).toBe(true);
    expect(again.json().handoff.id).toBe(first.json().handoff.id);
    for (const response of concurrent) expect(response.json().handoff.id).toBe(first.json().handoff.id);
    const all = await hub.store.handoffs.list({ limit: 1000, withHistory: false });
    expect(all.filter((h) => h.question === question)).toHaveLength(1);
  });

  it('refuses an Idempotency-Key sent again with another hand-off (422), and still replays the first', async () => {
    const key = `reused-${Math.random()}`;
    const first = await post('/api/v1/handoffs', { question: `First question ${key}`, channel: 'email' }, { 'idempotency-key': key });
    // The same body with its keys in another order is the same request.
    const reordered = await post('/api/v1/handoffs', { channel: 'email', question: `First question ${key}` }, { 'idempotency-key': key });
    const other = await post('/api/v1/handoffs', { question: `Another question ${key}`, channel: 'email' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().handoff.id).toBe(first.json().handoff.id);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_key_reused');
    expect(other.json().error.message).toMatch(/already used for a different hand-off.*new key/);
    expect(other.json().error.handoffId).toBe(first.json().handoff.id);
    const all = await hub.store.handoffs.list({ limit: 1000, withHistory: false });
    expect(all.filter((h) => h.question.endsWith(key))).toHaveLength(1);
  });

  it('keeps a note from the sender as the first entry after created', async () => {
    const handoff = await createHandoff({ question: 'Lost book claim', note: 'Patron says it was returned on Monday' });
    expect(handoff.history.map((e) => e.type)).toEqual(['created', 'noted']);
  });
});

describe('POST /api/v1/route', () => {
  it('suggests a department and due time without storing anything', async () => {
    const before = (await hub.store.handoffs.list({ limit: 1000, withHistory: false })).length;
    const response = await post('/api/v1/route', { question: 'Please buy this book for the library', channel: 'email' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ department: 'acquisitions', departmentName: 'Acquisitions & Collection Development', ruleId: 'purchase-suggestions', serviceLevel: '3 business days' });
    expect((await hub.store.handoffs.list({ limit: 1000, withHistory: false })).length).toBe(before);
  });
});

describe('lifecycle events through the API', () => {
  async function event(id: string, payload: Record<string, unknown>) {
    return post(`/api/v1/handoffs/${id}/events`, payload);
  }

  it('walks every event, in order, and records each in the history', async () => {
    const { id } = await createHandoff({ question: 'Where is my interlibrary loan?' });
    const steps: [Record<string, unknown>, string][] = [
      [{ type: 'accepted' }, 'accepted'],
      [{ type: 'info_requested', note: 'Which edition?' }, 'waiting_on_patron'],
      [{ type: 'info_received', note: 'Second edition' }, 'accepted'],
      [{ type: 'waiting_on_vendor', note: 'Asked the lender' }, 'waiting_on_vendor'],
      [{ type: 'resumed' }, 'accepted'],
      [{ type: 'noted', note: 'Lender answered' }, 'accepted'],
      [{ type: 'returned', reason: 'This belongs to circulation' }, 'returned'],
      [{ type: 'reassigned', toDepartment: 'circulation', reason: 'their desk' }, 'open'],
      [{ type: 'resolved', resolution: 'Book on the hold shelf' }, 'resolved'],
      [{ type: 'reopened', reason: 'Wrong book' }, 'open'],
      [{ type: 'cancelled', reason: 'Patron withdrew' }, 'cancelled'],
    ];
    for (const [payload, state] of steps) {
      const response = await event(id, payload);
      expect(response.statusCode, `${JSON.stringify(payload)}: ${response.body}`).toBe(200);
      expect(response.json().handoff.state).toBe(state);
    }
    const history = await get(`/api/v1/handoffs/${id}/events`);
    expect(history.json().events.map((e: { type: string }) => e.type)).toEqual(['created', ...steps.map(([p]) => p['type'])]);
    expect((await hub.store.handoffs.get(id))?.department).toBe('circulation');
  });

  it('refuses an illegal move with 409 and a reason, and changes nothing', async () => {
    const { id } = await createHandoff({ question: 'Fines question' });
    const response = await event(id, { type: 'info_received' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('handoff_illegal_transition');
    expect(response.json().error.message.length).toBeGreaterThan(10);
    // The lifecycle's issue and its hint reach the caller, not only the sentence.
    expect(response.json().error.issues).toEqual([{ path: ['state'], message: 'is open', hint: 'accept it first' }]);
    expect((await hub.store.handoffs.get(id))?.history).toHaveLength(1);
  });

  it('refuses an unknown event type and a missing reason with 400', async () => {
    const { id } = await createHandoff({ question: 'Fines question' });
    expect((await event(id, { type: 'teleported' })).statusCode).toBe(400);
    expect((await event(id, { type: 'resolved' })).json().error.issues[0].path).toEqual(['resolution']);
  });

  it('refuses reassigning to an unknown department with 400, and an unknown hand-off with 404', async () => {
    const { id } = await createHandoff({ question: 'Fines question' });
    expect((await event(id, { type: 'reassigned', toDepartment: 'nowhere' })).json().error.code).toBe('unknown_department');
    expect((await event('H-999999', { type: 'accepted' })).statusCode).toBe(404);
  });

  it('lets exactly one of two simultaneous accepts win', async () => {
    const { id } = await createHandoff({ question: 'Two staff click at once' });
    const [first, second] = await Promise.all([event(id, { type: 'accepted' }), post(`/api/v1/handoffs/${id}/events`, { type: 'accepted' }, await hub.auth('staff'))]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    expect((await hub.store.handoffs.get(id))?.history.filter((e) => e.type === 'accepted')).toHaveLength(1);
  });
});

describe('reading hand-offs', () => {
  it('lists with filters by department, state, owner and overdue, without patron identity', async () => {
    const circulation = await createHandoff({ question: 'Renewal blocked by fees', patron: { email: 'list.filter@northfield.edu', patronType: 'Undergraduate' } });
    const special = await createHandoff({ question: 'Visit the archives reading room' });
    const accepted = await post(`/api/v1/handoffs/${special.id}/events`, { type: 'accepted' });
    const owner = accepted.json().handoff.owner as string;

    const byDepartment = (await get('/api/v1/handoffs?department=circulation,special-collections&limit=500')).json().handoffs as Handoff[];
    expect(byDepartment.map((h) => h.id)).toEqual(expect.arrayContaining([circulation.id, special.id]));
    expect(byDepartment.every((h) => ['circulation', 'special-collections'].includes(h.department))).toBe(true);
    expect(JSON.stringify(byDepartment)).not.toContain('list.filter@northfield.edu');

    const acceptedOnly = (await get('/api/v1/handoffs?state=accepted&limit=500')).json().handoffs as Handoff[];
    expect(acceptedOnly.every((h) => h.state === 'accepted')).toBe(true);
    expect(acceptedOnly.map((h) => h.id)).toContain(special.id);

    const byOwner = (await get(`/api/v1/handoffs?owner=${encodeURIComponent(owner)}`)).json().handoffs as Handoff[];
    expect(byOwner.length).toBeGreaterThan(0);
    expect(byOwner.every((h) => h.owner === owner)).toBe(true);

    // Nothing is overdue at creation; a day and a half later (past 1 business day) the circulation one is.
    expect((await get('/api/v1/handoffs?overdue=true')).json().handoffs).toEqual([]);
    hub.clock.advance(36 * 3_600_000);
    try {
      const overdue = (await get('/api/v1/handoffs?overdue=true&limit=500')).json().handoffs as Handoff[];
      expect(overdue.map((h) => h.id)).toContain(circulation.id);
      expect(overdue.every((h) => new Date(h.dueAt) <= hub.clock())).toBe(true);
    } finally {
      hub.clock.advance(-36 * 3_600_000);
    }
  });

  it('refuses an unknown state and a bad limit with 400', async () => {
    expect((await get('/api/v1/handoffs?state=lost')).json().error.message).toContain('open');
    expect((await get('/api/v1/handoffs?limit=0')).statusCode).toBe(400);
    expect((await get('/api/v1/handoffs?colour=blue')).statusCode).toBe(400);
  });

  it('shows one hand-off with the patron\'s identifier, and writes the view to the audit log', async () => {
    const email = 'one.view@northfield.edu';
    const { id } = await createHandoff({ question: 'Fines question', patron: { email } });
    const response = await get(`/api/v1/handoffs/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().handoff.patron.email).toBe(email);
    const [view, ...others] = await hub.store.audit.listByPatron(email);
    expect(others).toHaveLength(0);
    expect(view).toMatchObject({ surface: 'staff_token', fieldsShown: ['handoff.patron', 'handoff.history'], at: hub.clock().toISOString() });
    expect(view?.actor).toMatch(/^tok_/);
  });

  it('audits a read of a hand-off\'s history too (its notes may name the patron), under the lower-cased e-mail', async () => {
    const { id } = await createHandoff({ question: 'Lost card', patron: { email: 'History.Reader@Northfield.edu' }, note: 'barcode 21234000099 on the old card' });
    const response = await get(`/api/v1/handoffs/${id}/events`);
    expect(response.statusCode).toBe(200);
    const views = await hub.store.audit.listByPatron('history.reader@northfield.edu');
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ surface: 'staff_token', fieldsShown: ['handoff.history'] });
  });

  it.each([
    ['links.url', { url: 'javascript:alert(1)' }, 'javascript:'],
    ['links.url', { url: 'data:text/html;base64,PGI+' }, 'data:'],
    ['links.url', { url: 'https://ok.example/|Reset password> <!here' }, '|'],
    ['links.url', { url: 'http://intranet.northfield.edu/' }, 'allow_http_links'],
    ['links.slackPermalink', { slackPermalink: 'javascript:alert(1)' }, 'javascript:'],
  ])('refuses %s %j with 400 naming the field, and stores nothing', async (field, links, words) => {
    const before = (await hub.store.handoffs.list({ limit: 500, now: hub.clock() })).length;
    const response = await post('/api/v1/handoffs', { question: 'Broken link in the guide', links });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain(field);
    expect(response.json().error.message).toContain(words);
    expect(await hub.store.handoffs.list({ limit: 500, now: hub.clock() })).toHaveLength(before);
  });

  it('answers 404 for an unknown hand-off', async () => {
    expect((await get('/api/v1/handoffs/H-424242')).statusCode).toBe(404);
    expect((await get('/api/v1/handoffs/H-424242/events')).statusCode).toBe(404);
  });
});
