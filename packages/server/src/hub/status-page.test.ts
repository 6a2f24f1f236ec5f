import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Policy } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
}, 60_000);
afterAll(() => hub.close());

const question = 'Patron Zelda Quark asks why her renewal of "Secret Gardens" failed';
const patronEmail = 'zelda.quark@northfield.edu';
const staffNote = 'Internal: she owes $42, do not waive';

async function handoffWithLink() {
  const created = await hub.app.inject({
    method: 'POST',
    url: '/api/v1/handoffs',
    headers: staff,
    payload: { question, summary: 'Renewal failed for Zelda Quark', patron: { email: patronEmail, barcode: '21234009999999' }, note: staffNote },
  });
  const { handoff, statusLink } = created.json();
  return { id: handoff.id as string, path: new URL(statusLink as string).pathname };
}

describe('GET /s/:token', () => {
  it('shows the state in plain words and the department, and nothing about the patron or staff notes', async () => {
    const { id, path } = await handoffWithLink();
    const open = await hub.app.inject({ method: 'GET', url: path });
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-type']).toContain('text/html');
    expect(open.headers['cache-control']).toBe('no-store');
    expect(open.headers['referrer-policy']).toBe('no-referrer');
    expect(open.body).toContain('Received');
    expect(open.body).toContain('Circulation &amp; Course Reserves');
    expect(open.body).toContain('Expected by');
    for (const secret of ['Zelda', 'Quark', patronEmail, '21234009999999', 'Secret Gardens', '$42', 'waive', 'Renewal failed']) {
      expect(open.body, secret).not.toContain(secret);
    }

    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'accepted' } });
    expect((await hub.app.inject({ method: 'GET', url: path })).body).toContain('In progress');
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'info_requested', note: 'Ask Zelda for her card number' } });
    const waiting = await hub.app.inject({ method: 'GET', url: path });
    expect(waiting.body).toContain('Waiting for you');
    expect(waiting.body).not.toContain('card number');
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'resumed' } });
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'resolved', resolution: 'Waived the $42 for Zelda' } });
    const resolved = await hub.app.inject({ method: 'GET', url: path });
    expect(resolved.body).toContain('Answered');
    expect(resolved.body).not.toContain('Expected by');
    expect(resolved.body).not.toContain('Zelda');
  });

  it('promises no time for a question returned to the team that first received it', async () => {
    const { id, path } = await handoffWithLink();
    await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'returned', reason: 'A reference question' } });
    const returned = await hub.app.inject({ method: 'GET', url: path });
    expect(returned.body).toContain('In progress');
    expect(returned.body).not.toContain('Expected by');
  });

  it('answers 404 for an unknown token, with a page that says so', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/s/not-a-real-token' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('could not find this request');
  });

  it('answers 404 for every link when the policy turns status links off, and offers none', async () => {
    const { path } = await handoffWithLink();
    const noLinks = await startTestHub({
      store: hub.store,
      clock: hub.clock,
      policy: (example: Policy) => ({ ...example, privacy: { ...example.privacy, patron_status_link: false } }),
    });
    try {
      expect((await noLinks.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
      const created = await noLinks.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: 'Another fines question' } });
      expect(created.json().statusLink).toBeNull();
    } finally {
      await noLinks.close();
    }
  });
});
