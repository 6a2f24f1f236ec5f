import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoLibrary } from '@liaison/connectors';
import { demoConnectors } from './demo-connectors.js';
import { startTestHub, testClock, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
}, 60_000);
afterAll(() => hub.close());

const evaluate = (requests: Record<string, unknown>[]) =>
  hub.app.inject({ method: 'POST', url: '/api/v1/purchase/evaluate', headers: staff, payload: { requests, source: 'illiad' } });

/** A book request as an ILL page shows it (so the hub need not ask the ILL system). */
function bookRequest(transactionNumber: string, book: { title: string; isbn: string }) {
  return { TransactionNumber: transactionNumber, RequestType: 'Loan', DocumentType: 'Book', LoanTitle: book.title, ISSN: book.isbn, LoanDate: '2024', CreationDate: '2026-03-09T10:00:00Z' };
}

describe('POST /api/v1/purchase/evaluate', () => {
  it('judges one request with a verdict, its reasons and the facts used', async () => {
    const book = createDemoLibrary({ now: hub.clock }).listBooks()[5]!;
    const response = await evaluate([bookRequest('EV-1', book)]);
    expect(response.statusCode).toBe(200);
    const [result, ...rest] = response.json().results;
    expect(rest).toHaveLength(0);
    expect(result.TransactionNumber).toBe('EV-1');
    expect(['free', 'owned', 'buy', 'review', 'borrow']).toContain(result.evaluation.verdict);
    expect(result.evaluation.reasons[0]).toEqual(result.evaluation.decidingReason);
    expect(result.evaluation.decidingReason.message.length).toBeGreaterThan(5);
    expect(result.evaluation.facts.demand.value).toBe(1);
  });

  it('judges 500 at once, in order, and refuses 501', async () => {
    const books = createDemoLibrary({ now: hub.clock }).listBooks();
    const requests = Array.from({ length: 500 }, (_, i) => bookRequest(`BULK-${i}`, books[i % books.length]!));
    const response = await evaluate(requests);
    expect(response.statusCode).toBe(200);
    expect(response.json().results.map((r: { TransactionNumber: string }) => r.TransactionNumber)).toEqual(requests.map((r) => r.TransactionNumber));
    const tooMany = await evaluate([...requests, bookRequest('BULK-500', books[0]!)]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.message).toContain('500');
  }, 60_000);

  it('counts demand across evaluations: another request for the same ISBN, not the same request again', async () => {
    const book = { title: 'Watershed Governance in Practice', isbn: '9780000000002' };
    const first = await evaluate([bookRequest('DEM-1', book)]);
    expect(first.json().results[0].evaluation.facts.demand.value).toBe(1);
    // The same page reloaded: still one request.
    const reload = await evaluate([bookRequest('DEM-1', book)]);
    expect(reload.json().results[0].evaluation.facts.demand.value).toBe(1);
    // A second patron asks for the same title: two.
    const second = await evaluate([bookRequest('DEM-2', book)]);
    expect(second.json().results[0].evaluation.facts.demand.value).toBe(2);
  });

  it('counts demand in whole calendar days ending today, in the library\'s zone, as `ill score` does', async () => {
    const clock = testClock(new Date('2025-03-10T20:00:00-05:00'));
    const own = await startTestHub({ clock });
    try {
      const headers = await own.auth('staff');
      const judge = (transactionNumber: string) =>
        own.app.inject({ method: 'POST', url: '/api/v1/purchase/evaluate', headers, payload: { requests: [bookRequest(transactionNumber, { title: 'Floodplain Commons', isbn: '9780000000019' })], source: 'illiad' } });
      await judge('WIN-1'); // Monday 10 March 2025, 20:00 in Chicago
      // 365 days later, at 10:00: the window is 11 March 2025 to 10 March 2026, so WIN-1 is outside it
      // (counting back 365 × 24 hours from now would have caught it, ten hours into its day).
      clock.set(new Date('2026-03-10T10:00:00-05:00'));
      expect((await judge('WIN-2')).json().results[0].evaluation.facts.demand.value).toBe(1);
      // From the first instant of 11 March 2025 on, a request is inside: WIN-3, WIN-2 and itself.
      clock.set(new Date('2025-03-11T00:00:00-05:00'));
      await judge('WIN-3');
      clock.set(new Date('2026-03-10T23:59:00-05:00'));
      expect((await judge('WIN-4')).json().results[0].evaluation.facts.demand.value).toBe(3);
    } finally {
      await own.close();
    }
  }, 60_000);

  it.each([
    [{ requests: [] }, 'requests'],
    [{ requests: [{ LoanTitle: 'no number' }] }, 'requests'],
    [{ requests: [{ TransactionNumber: '1', Colour: 'red' }] }, 'requests'],
  ])('refuses %j with 400 and the path', async (payload, path) => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/purchase/evaluate', headers: staff, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path[0]).toBe(path);
  });
});

describe('a request whose page shows no ISBN (Koha\'s and ReShare\'s lists)', () => {
  it("takes the ISBN from the ILL system's record of the request, so the verdict does not depend on the page", async () => {
    const demo = createDemoLibrary({ now: hub.clock });
    const loan = demo.listTransactions().find((transaction) => transaction.RequestType === 'Loan' && transaction.ISSN)!;
    const fromPage = { TransactionNumber: loan.TransactionNumber, RequestType: 'Loan', LoanTitle: loan.LoanTitle };
    const [result] = (await evaluate([fromPage])).json().results;
    expect(result.evaluation.facts.isbns.value.length).toBeGreaterThan(0);
    expect(result.missing.map((fact: { source: string }) => fact.source)).not.toContain('ISBN');
  });

  it('says on the result that the ISBN is missing when the ILL system does not know the request', async () => {
    const [result] = (await evaluate([{ TransactionNumber: 'ILL-99999999', RequestType: 'Loan', LoanTitle: 'A title no system knows' }])).json().results;
    expect(result.missing).toContainEqual({ source: 'ISBN', reason: expect.stringMatching(/^not on the page, and no ILL system could give it: .*does not know request ILL-99999999/) });
  });

  it('says an ISBN with a wrong check digit is not one', async () => {
    const [result] = (await evaluate([{ TransactionNumber: 'ILL-99999998', RequestType: 'Loan', LoanTitle: 'The history of the Royal Society', ISSN: '0-415-09652-7' }])).json().results;
    expect(result.missing).toContainEqual({ source: 'ISBN', reason: expect.stringMatching(/^the page's "0-415-09652-7" is not a valid ISBN, and no ILL system could give it/) });
  });

  it('says the ISBN is missing, and how to fix it, when no ILL system is set up; an article needs none', async () => {
    const clock = testClock();
    const bare = await startTestHub({ clock, connectors: { ...demoConnectors(clock), illRequests: [] } });
    try {
      const headers = await bare.auth('staff');
      const response = await bare.app.inject({
        method: 'POST',
        url: '/api/v1/purchase/evaluate',
        headers,
        payload: { requests: [{ TransactionNumber: '1219', LoanTitle: 'Braiding sweetgrass' }, { TransactionNumber: '1221', RequestType: 'Article', PhotoJournalTitle: 'Communications of the ACM' }], source: 'koha' },
      });
      const [loan, article] = response.json().results;
      expect(loan.missing).toContainEqual({ source: 'ISBN', reason: expect.stringContaining('no ILL system is set up for the hub to look the request up (connectors.ill') });
      expect(article.missing.map((fact: { source: string }) => fact.source)).not.toContain('ISBN');
    } finally {
      await bare.close();
    }
  });
});

describe('overrides', () => {
  it('records an override of a judged request and counts which rule staff overruled', async () => {
    const book = { title: 'A Book Staff Disagree About', isbn: '9780000000019' };
    const judged = (await evaluate([bookRequest('OV-1', book)])).json().results[0].evaluation;
    const overrideVerdict = judged.verdict === 'buy' ? 'borrow' : 'buy';
    const response = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/purchase/overrides',
      headers: staff,
      payload: { transactionNumber: 'OV-1', verdict: overrideVerdict, reason: 'Course text for next term' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ rulesVerdict: judged.verdict, decidingReason: judged.decidingReason.code });

    const summary = await hub.app.inject({ method: 'GET', url: '/api/v1/purchase/overrides/summary', headers: await hub.auth('coordinator') });
    expect(summary.json().overruled).toContainEqual({ reasonCode: judged.decidingReason.code, overrideVerdict, count: 1 });
  });

  it('answers 404 for a request the hub has not judged, and 400 without a reason', async () => {
    const notJudged = await hub.app.inject({ method: 'POST', url: '/api/v1/purchase/overrides', headers: staff, payload: { transactionNumber: 'NEVER-SEEN', verdict: 'buy', reason: 'x' } });
    expect(notJudged.statusCode).toBe(404);
    expect(notJudged.json().error.message).toContain('evaluate it first');
    const noReason = await hub.app.inject({ method: 'POST', url: '/api/v1/purchase/overrides', headers: staff, payload: { transactionNumber: 'OV-1', verdict: 'buy', reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
  });

  it('keeps the summary for coordinators', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/purchase/overrides/summary', headers: staff })).statusCode).toBe(403);
  });
});
