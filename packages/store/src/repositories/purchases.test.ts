import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';
import type { NewPurchaseDecision } from './purchases.js';

function decision(transactionNumber: string, verdict: string, reasonCode: string, decidedAt = '2025-03-03T10:00:00.000Z'): NewPurchaseDecision {
  return {
    transactionNumber,
    request: { TransactionNumber: transactionNumber, RequestType: 'Loan', LoanTitle: 'Braiding Sweetgrass', ISSN: '9781571313560' },
    verdict,
    score: 0.7,
    reasons: [{ code: reasonCode, message: `because ${reasonCode}` }, { code: 'demand_counted', message: 'asked twice' }],
    facts: { price: { value: 18, currency: 'USD', source: 'demo' } },
    decidedAt,
  };
}

forEachBackend('purchase decisions', (backend) => {
  it('keeps decisions and overrides, and counts which rules staff overrule and how', async () => {
    const store = await backend.open();
    const a = await store.purchases.recordDecision(decision('1001', 'BUY', 'price_under_limit'));
    const b = await store.purchases.recordDecision(decision('1002', 'BUY', 'price_under_limit'));
    const c = await store.purchases.recordDecision(decision('1003', 'BORROW', 'too_old'));
    await store.purchases.recordDecision(decision('1004', 'BUY', 'price_under_limit'));
    await store.purchases.recordOverride(a.id, 'U-SAM', 'BORROW', 'textbook: we do not buy course texts', '2025-03-03T11:00:00.000Z');
    await store.purchases.recordOverride(b.id, 'U-SAM', 'BORROW', 'textbook', '2025-03-03T11:05:00.000Z');
    await store.purchases.recordOverride(c.id, 'U-KIM', 'BUY', 'classic still in demand', '2025-03-03T11:10:00.000Z');
    expect(await store.purchases.overruledRules()).toEqual([
      { reasonCode: 'price_under_limit', overrideVerdict: 'BORROW', count: 2 },
      { reasonCode: 'too_old', overrideVerdict: 'BUY', count: 1 },
    ]);
    expect(await store.purchases.overruledRules(new Date('2025-03-03T11:06:00.000Z'))).toEqual([
      { reasonCode: 'too_old', overrideVerdict: 'BUY', count: 1 },
    ]);
    expect((await store.purchases.overridesOf(a.id)).map((override) => override.reason)).toEqual(['textbook: we do not buy course texts']);
  });

  it('finds the newest decision about a request, with its request, reasons and facts', async () => {
    const store = await backend.open();
    await store.purchases.recordDecision(decision('2001', 'REVIEW', 'price_unknown', '2025-03-01T10:00:00.000Z'));
    await store.purchases.recordDecision(decision('2001', 'BUY', 'price_under_limit', '2025-03-02T10:00:00.000Z'));
    const latest = await store.purchases.latestDecision('2001');
    expect(latest).toMatchObject({ verdict: 'BUY', decidedAt: '2025-03-02T10:00:00.000Z', facts: { price: { value: 18 } } });
    expect(latest?.request.LoanTitle).toBe('Braiding Sweetgrass');
    expect(latest?.reasons[0]?.code).toBe('price_under_limit');
    expect(await store.purchases.latestDecision('nope')).toBeUndefined();
  });

  it('counts demand for a title as distinct requests in the window, leaving out the one being judged', async () => {
    const store = await backend.open();
    const withKey = (transactionNumber: string, decidedAt: string, titleKey = 'isbn:9781571313560') => ({ ...decision(transactionNumber, 'BUY', 'within-policy', decidedAt), titleKey });
    await store.purchases.recordDecision(withKey('3001', '2025-01-10T10:00:00.000Z'));
    await store.purchases.recordDecision(withKey('3001', '2025-01-11T10:00:00.000Z')); // the same request judged again
    await store.purchases.recordDecision(withKey('3002', '2025-02-10T10:00:00.000Z'));
    await store.purchases.recordDecision(withKey('3003', '2024-01-10T10:00:00.000Z')); // outside the window
    await store.purchases.recordDecision(withKey('3004', '2025-02-11T10:00:00.000Z', 'isbn:9780306406157')); // another title
    const since = new Date('2024-06-01T00:00:00.000Z');
    expect(await store.purchases.countDemand('isbn:9781571313560', since)).toBe(2);
    expect(await store.purchases.countDemand('isbn:9781571313560', since, '3002')).toBe(1);
    expect(await store.purchases.countDemand('isbn:0000000000000', since)).toBe(0);
  });
});

