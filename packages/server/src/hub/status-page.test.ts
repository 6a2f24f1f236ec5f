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

describe('where the question is', () => {
  it('shows a timeline with department names only: received by Reference → passed to Electronic Resources → waiting on a supplier → answered', async () => {
    const created = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/handoffs',
      headers: staff,
      payload: { question, fromDepartment: 'reference', department: 'circulation', note: staffNote },
    });
    const { handoff, statusLink } = created.json();
    const path = new URL(statusLink as string).pathname;
    const act = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${handoff.id}/events`, headers: staff, payload });
    expect((await act({ type: 'reassigned', toDepartment: 'eresources', reason: 'Zelda needs the e-resources team' })).statusCode).toBe(200);
    await act({ type: 'accepted' });
    await act({ type: 'waiting_on_vendor', note: 'Asked EBSCO about Zelda Quark' });
    await act({ type: 'resumed' });
    await act({ type: 'resolved', resolution: 'Waived the $42 for Zelda' });
    const page = (await hub.app.inject({ method: 'GET', url: path })).body;
    const steps = [...page.matchAll(/<li data-step="([a-z_]+)">([^<]+)<time/g)].map((match) => [match[1], match[2]]);
    expect(steps).toEqual([
      ['received', 'Received by Research &amp; Reference'],
      ['passed', 'Passed to Circulation &amp; Course Reserves'],
      ['passed', 'Passed to Electronic Resources'],
      ['waiting_on_supplier', 'Waiting on a supplier'],
      ['in_progress', 'Being worked on'],
      ['answered', 'Answered'],
    ]);
    for (const secret of ['Zelda', 'Quark', 'EBSCO', '$42', 'waive', 'test staff', patronEmail]) expect(page, secret).not.toContain(secret);
  });

  it("shows the library's contact details and time zone", async () => {
    const { path } = await handoffWithLink();
    const page = (await hub.app.inject({ method: 'GET', url: path })).body;
    expect(page).toContain('<a href="mailto:ask@library.northfield.edu">ask@library.northfield.edu</a>');
    expect(page).toContain('+1 555 0100');
    expect(page).toContain('href="https://library.northfield.edu/ask"');
    expect(page).toContain("in the library's time zone, America/Chicago");
    expect(page).toMatch(/Expected by<\/dt><dd>[^<]+(CST|CDT)/);
  });

  it('says "later than we hoped" once the due time has passed, instead of a past date shown as if nothing were wrong', async () => {
    const { id, path } = await handoffWithLink();
    const start = hub.clock();
    const { handoff } = (await hub.app.inject({ method: 'GET', url: `/api/v1/handoffs/${id}`, headers: staff })).json();
    try {
      hub.clock.set(new Date(Date.parse(handoff.dueAt) - 1000));
      const onTime = (await hub.app.inject({ method: 'GET', url: path })).body;
      expect(onTime).toContain('Expected by');
      expect(onTime).not.toContain('Later than we hoped');
      hub.clock.set(new Date(Date.parse(handoff.dueAt) + 60_000));
      const late = (await hub.app.inject({ method: 'GET', url: path })).body;
      expect(late).toContain('Later than we hoped');
      expect(late).not.toContain('Expected by');
      await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'resolved', resolution: 'Done' } });
      const answered = (await hub.app.inject({ method: 'GET', url: path })).body;
      expect(answered).not.toContain('Later than we hoped');
    } finally {
      hub.clock.set(start);
    }
  });
});
