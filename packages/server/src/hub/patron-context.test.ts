import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatronContext, Policy } from '@liaison/core';
import { ConnectorError, createDemoLibrary, featuredPatrons, type PatronSource } from '@liaison/connectors';
import { demoConnectors } from './demo-connectors.js';
import { openTestStore, startTestHub, testClock, type TestHub } from './hub-for-tests.js';
import type { Store } from '@liaison/store';

const amara = featuredPatrons.withLoansFinesAndIll;
const clock = testClock();
const demo = createDemoLibrary({ now: clock });
let amaraContext: PatronContext;
let store: Store;
let hub: TestHub;

beforeAll(async () => {
  amaraContext = (await demo.patrons.findPatron({ email: amara }))!;
  store = await openTestStore();
  hub = await startTestHub({ store, clock });
}, 60_000);
afterAll(async () => {
  await hub.close();
  await store.close();
});

const lookup = (query: string) => `/api/v1/patron-context?${query}`;

/** A patron source that fails as a real one does (ConnectorError), or never answers at all. */
function brokenSource(system: string, how: 'fails' | 'hangs'): PatronSource {
  return {
    system,
    findPatron: () =>
      how === 'hangs'
        ? new Promise(() => undefined)
        : Promise.reject(new ConnectorError({ code: 'connector_unavailable', system, call: 'findPatron', failure: 'HTTP 503 from the server', status: 503, retryable: true })),
  };
}

async function hubWith(patrons: PatronSource[], policy?: (example: Policy) => Policy): Promise<TestHub> {
  const connectors = { ...demoConnectors(clock), patrons };
  // A short deadline, so "never answers" costs the test a quarter of a second.
  return startTestHub({ store, clock, connectors, patronLookupTimeoutMs: 250, ...(policy ? { policy } : {}) });
}

describe('GET /api/v1/patron-context', () => {
  it('shows a known patron as the privacy policy allows and audits who saw which fields when', async () => {
    const headers = await hub.auth('staff');
    const response = await hub.app.inject({ method: 'GET', url: lookup(`email=${encodeURIComponent(amara)}`), headers });
    expect(response.statusCode).toBe(200);
    const { found, context } = response.json();
    expect(found).toBe(true);
    // The example policy: name and e-mail, fine total, loan and hold counts, ILL status.
    expect(context.identity).toMatchObject({ name: 'Amara Okafor', email: amara });
    expect(context.identity.barcode).toBeUndefined();
    expect(context.loans.count).toBe(amaraContext.loans.length);
    expect(context.loans.items).toBeUndefined();
    expect(context.shownFields).toEqual(expect.arrayContaining(['identity.name_and_email', 'fines.total', 'loans.counts', 'ill_requests.status']));

    const views = await store.audit.listByPatron(amara);
    expect(views).toHaveLength(1);
    const tokenId = (await store.tokens.list()).find((t) => t.lastUsedAt !== null && t.name === 'test staff')?.id;
    expect(views[0]).toMatchObject({ actor: tokenId, surface: 'staff_token', patronKey: amara, fieldsShown: context.shownFields, at: clock().toISOString() });
  });

  it('finds a patron by barcode or by an e-mail typed in capitals, and files every view under one key', async () => {
    const before = (await store.audit.listByPatron(amara)).length;
    const response = await hub.app.inject({ method: 'GET', url: lookup(`barcode=${amaraContext.identity.barcode}`), headers: await hub.auth() });
    expect(response.json().context.identity.email).toBe(amara);
    const shouted = await hub.app.inject({ method: 'GET', url: lookup(`email=${encodeURIComponent(amara.toUpperCase())}`), headers: await hub.auth() });
    expect(shouted.json().found).toBe(true);
    // The patron's own access report finds both: the barcode look-up is linked to the e-mail it found.
    expect(await store.audit.listByPatron(amara)).toHaveLength(before + 2);
    expect(await store.audit.listByPatron(amaraContext.identity.barcode!)).toHaveLength(0);
    expect(await store.audit.listByPatron(amara.toUpperCase())).toHaveLength(0);
  });

  it('says found: false for an unknown e-mail, and audits nothing', async () => {
    const response = await hub.app.inject({ method: 'GET', url: lookup('email=nobody@example.org'), headers: await hub.auth() });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ found: false, message: 'No library account for this e-mail.' });
    expect(await store.audit.listByPatron('nobody@example.org')).toHaveLength(0);
  });

  it.each(['', 'email=not-an-email', 'email=a@b.edu&ssn=1'])('refuses the query "%s" with 400', async (query) => {
    const response = await hub.app.inject({ method: 'GET', url: lookup(query), headers: await hub.auth() });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });

  it.each(['fails', 'hangs'] as const)('answers 502 when the only patron source %s', async (how) => {
    const broken = await hubWith([brokenSource('FOLIO', how)]);
    try {
      const response = await broken.app.inject({ method: 'GET', url: lookup(`email=${encodeURIComponent(amara)}`), headers: await broken.auth() });
      expect(response.statusCode).toBe(502);
      expect(response.json().error).toMatchObject({ code: 'library_system_unavailable', message: 'The library system did not answer — try again.' });
      expect(response.json().error.issues[0].path).toEqual(['FOLIO']);
      const metrics = await broken.app.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(new RegExp(`liaison_connector_errors_total\\{system="FOLIO",code="${how === 'hangs' ? 'connector_timeout' : 'connector_unavailable'}"\\} 1`));
    } finally {
      await broken.close();
    }
  });

  it.each(['fails', 'hangs'] as const)('shows what answered and names the source that %s', async (how) => {
    const partial = await hubWith([demo.patrons, brokenSource('ILLiad', how)]);
    try {
      const response = await partial.app.inject({ method: 'GET', url: lookup(`email=${encodeURIComponent(amara)}`), headers: await partial.auth() });
      expect(response.statusCode).toBe(200);
      const { context } = response.json();
      expect(context.identity.name).toBe('Amara Okafor');
      expect(context.missing).toEqual([expect.objectContaining({ source: 'ILLiad' })]);
      expect(context.missing[0].reason.length).toBeGreaterThan(5);
    } finally {
      await partial.close();
    }
  });

  it('keeps hidden field groups out of the answer entirely (loans hidden, fines hidden)', async () => {
    const loanTitles = amaraContext.loans.map((loan) => loan.title);
    const fineAmounts = amaraContext.standing.fines.map((fine) => fine.amount);
    expect(loanTitles.length).toBeGreaterThan(0);
    expect(fineAmounts.length).toBeGreaterThan(0);

    const withPrivacy = (loans: 'titles' | 'hidden', fines: 'itemized' | 'hidden') => (example: Policy) => ({
      ...example,
      privacy: { ...example.privacy, patron_context: { ...example.privacy.patron_context, loans, fines } },
    });
    const view = async (policy: (example: Policy) => Policy) => {
      const viewer = await hubWith([demo.patrons], policy);
      try {
        const response = await viewer.app.inject({ method: 'GET', url: lookup(`email=${encodeURIComponent(amara)}`), headers: await viewer.auth() });
        return { body: response.body, context: response.json().context };
      } finally {
        await viewer.close();
      }
    };

    // The control: with titles and itemized fines shown, the same titles and amounts are in the answer.
    const open = await view(withPrivacy('titles', 'itemized'));
    for (const title of loanTitles) expect(open.body).toContain(JSON.stringify(title));
    expect(open.context.fines.items.map((item: { amount: number }) => item.amount).sort()).toEqual([...fineAmounts].sort());

    const hidden = await view(withPrivacy('hidden', 'hidden'));
    for (const title of loanTitles) expect(hidden.body).not.toContain(title);
    expect(hidden.context.loans).toBeUndefined();
    expect(hidden.context.fines).toBeUndefined();
    expect(hidden.body).not.toMatch(/"amount"|"total"/);
    expect(hidden.context.shownFields.some((field: string) => field.startsWith('loans') || field.startsWith('fines'))).toBe(false);
    const lastView = (await store.audit.listByPatron(amara))[0];
    expect(lastView?.fieldsShown).toEqual(hidden.context.shownFields);
  });
});
