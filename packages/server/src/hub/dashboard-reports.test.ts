import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoLibrary } from '@liaison/connectors';
import { compileTopics, insightTopics, weeklyCounts } from '@liaison/core';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
let staff: { authorization: string };
let coordinator: { authorization: string };
const day = 86_400_000;

async function call(url: string, headers: Record<string, string>, payload?: object) {
  const response = await hub.app.inject({ method: payload ? 'POST' : 'GET', url, headers, ...(payload ? { payload } : {}) });
  expect(response.statusCode, response.body).toBeLessThan(300);
  return response.json();
}

beforeAll(async () => {
  hub = await startTestHub();
  staff = await hub.auth('staff');
  coordinator = await hub.auth('coordinator');
}, 60_000);
afterAll(() => hub.close());

describe('What the questions say', () => {
  it('finds a link-resolver spike, names the hand-offs behind it, and counts topics by week as core does', async () => {
    const now = hub.clock();
    // The usual: one link-resolver question every other week for eight weeks; then eight in three days.
    for (const weeksAgo of [9, 7, 5, 3]) {
      hub.clock.set(new Date(now.getTime() - weeksAgo * 7 * day));
      await call('/api/v1/handoffs', staff, { question: 'The link resolver sends me to the wrong article', links: { url: 'https://library.example.edu/faq/full-text?from=chat' } });
    }
    const recent: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      hub.clock.set(new Date(now.getTime() - (3 - i * 0.3) * day));
      const { handoff } = await call('/api/v1/handoffs', staff, { question: `Link resolver error ${i} on the JSTOR link`, links: { url: 'https://library.example.edu/faq/full-text#top' } });
      recent.push(handoff.id);
    }
    await call('/api/v1/handoffs', staff, { question: 'How do I renew my loans?', links: { url: 'https://library.example.edu/guides/renew' } });
    hub.clock.set(now);

    const report = await call('/api/v1/dashboard/questions?weeks=12', staff);
    const spike = report.spikes.find((candidate: { topicId: string }) => candidate.topicId === 'link-resolver');
    expect(spike).toMatchObject({ isSpike: true, recent: 8 });
    expect([...spike.handoffs].sort()).toEqual([...recent].sort());

    const everything = await hub.store.handoffs.list({ limit: 1000, withHistory: false });
    const topics = compileTopics(insightTopics(hub.policy.insights));
    const items = everything.map((h) => ({ at: h.createdAt, topics: topics.tag(h.question).map((tag) => tag.topicId) }));
    const expected = weeklyCounts(items, { timeZone: hub.policy.library.time_zone, from: new Date(now.getTime() - 12 * 7 * day), to: now });
    expect(report.weekly).toEqual(expected);

    // Pages: the address without its query or fragment, most questions first.
    expect(report.pages[0]).toMatchObject({ page: 'https://library.example.edu/faq/full-text', n: 12, unfinished: 12 });
    expect(report.pages[1]).toMatchObject({ page: 'https://library.example.edu/guides/renew', n: 1 });
    expect(JSON.stringify(report)).not.toMatch(/@/);
  });

  it('names a bad period', async () => {
    const response = await hub.app.inject({ url: '/api/v1/dashboard/questions?weeks=99', headers: staff });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('at most 53');
  });
});

describe('Buy or borrow', () => {
  it('lists suggestions waiting with the rules’ verdict, titles in demand, and the override summary for coordinators only', async () => {
    const book = createDemoLibrary({ now: hub.clock }).listBooks()[5]!;
    const request = { TransactionNumber: 'DB-1', RequestType: 'Loan', DocumentType: 'Book', LoanTitle: book.title, ISSN: book.isbn, LoanDate: '2024' };
    await call('/api/v1/purchase/evaluate', staff, { requests: [request, { ...request, TransactionNumber: 'DB-2' }] });
    const decided = (await hub.store.purchases.latestDecision('DB-1'))!.verdict;
    const { handoff } = await call('/api/v1/handoffs', staff, {
      question: `Please buy ${book.title}; two patrons asked for it through ILL`,
      department: 'acquisitions',
      links: { illTransactionNumber: 'DB-1' },
    });
    await call('/api/v1/purchase/overrides', staff, { transactionNumber: 'DB-2', verdict: decided === 'buy' ? 'borrow' : 'buy', reason: 'Faculty asked for the print copy' });

    const report = await call('/api/v1/dashboard/purchases?weeks=4', staff);
    expect(report.waiting).toEqual([expect.objectContaining({ id: handoff.id, transaction: 'DB-1', verdict: decided, state: 'open' })]);
    expect(report.outcomes).toEqual([{ state: 'open', n: 1 }]);
    expect(report.titles[0]).toMatchObject({ title: book.title, requests: 2 });
    expect(report.overruled).toBeNull();
    const forCoordinator = await call('/api/v1/dashboard/purchases?weeks=4', coordinator);
    expect(forCoordinator.overruled).toEqual(await hub.store.purchases.overruledRules(new Date(hub.clock().getTime() - 28 * day)));
    expect(forCoordinator.overruled.length).toBe(1);
  });
});
