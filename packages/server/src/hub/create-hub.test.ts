import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
}, 60_000);
afterAll(() => hub.close());

/** After every bad request the hub must still serve a good one. */
async function expectStillServing() {
  const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: 'Still there?' } });
  expect(response.statusCode).toBe(201);
}

describe('/healthz and /metrics', () => {
  it('/healthz answers without a token, naming the store and the library', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', store: 'pglite', library: 'Northfield University Library' });
  });

  it('/metrics has the documented metric names and hand-offs by state', async () => {
    await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: 'Stays open' } });
    const created = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: 'Fines question for metrics' } });
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${created.json().handoff.id}/events`, headers: staff, payload: { type: 'accepted' } });
    const counts = await hub.store.handoffs.countByState();
    expect(counts).toMatchObject({ open: expect.any(Number), accepted: expect.any(Number) });
    const response = await hub.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    for (const name of ['liaison_http_requests_total', 'liaison_http_request_duration_seconds', 'liaison_handoffs', 'liaison_reminders_sent_total', 'liaison_connector_errors_total']) {
      expect(response.body).toContain(`# TYPE ${name}`);
    }
    expect(response.body).toContain(`liaison_handoffs{state="accepted"} ${counts['accepted']}`);
    expect(response.body).toContain(`liaison_handoffs{state="open"} ${counts['open']}`);
    // Requests are counted by route pattern, never by a URL that could carry an id or an e-mail.
    expect(response.body).toMatch(/liaison_http_requests_total\{method="POST",route="\/api\/v1\/handoffs\/:id\/events",status="200"\} 1/);
  });
});

describe('what arrives on the wire', () => {
  it('answers malformed JSON with 400 malformed_json and a clear message', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...staff, 'content-type': 'application/json' }, payload: '{"question": "unterminated' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('malformed_json');
    expect(response.json().error.message).toMatch(/^The body is not valid JSON/);
    await expectStillServing();
  });

  it('answers an empty JSON body with 400 malformed_json', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...staff, 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('malformed_json');
    await expectStillServing();
  });

  it('answers a 2 MiB body with 413 body_too_large, and keeps serving', async () => {
    const question = 'x'.repeat(2 * 1024 * 1024);
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question } });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toEqual({ code: 'body_too_large', message: 'The request body is larger than 1048576 bytes; send less at once.' });
    await expectStillServing();
  });

  it('answers a body that is not JSON with 415 and says what to send', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...staff, 'content-type': 'text/csv' }, payload: 'a,b\n1,2' });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('unsupported_media_type');
    await expectStillServing();
  });

  it('answers a JSON body of the wrong shape (an array, a string) with 400 invalid_request', async () => {
    for (const payload of ['[1,2,3]', '"just text"', 'null']) {
      const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...staff, 'content-type': 'application/json' }, payload });
      expect(response.statusCode, payload).toBe(400);
      expect(response.json().error.code, payload).toBe('invalid_request');
    }
    await expectStillServing();
  });

  it('answers an unknown route outside /api with a JSON 404 that does not echo the URL', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/nowhere/someone@northfield.edu?barcode=21234000000001' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
    expect(response.body).not.toMatch(/someone|21234/);
  });

  it('answers an unexpected failure with 500 and no detail, and logs only its type', async () => {
    const failing = await startTestHub({ store: hub.store, clock: hub.clock });
    try {
      const token = await failing.token();
      // The store stops answering mid-request, as a database going away would.
      const original = failing.store.handoffs.list.bind(failing.store.handoffs);
      failing.store.handoffs.list = () => Promise.reject(new Error('connection terminated: secret detail'));
      const response = await failing.app.inject({ method: 'GET', url: '/api/v1/handoffs', headers: { authorization: `Bearer ${token}` } });
      failing.store.handoffs.list = original;
      expect(response.statusCode).toBe(500);
      expect(response.json().error.code).toBe('internal');
      expect(response.body).not.toContain('secret detail');
    } finally {
      await failing.close();
    }
  });
});
