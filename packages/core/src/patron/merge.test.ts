import { describe, expect, it } from 'vitest';
import type { PatronContext } from './context.js';
import { mergePatronContexts } from './merge.js';

function context(overrides: Partial<PatronContext> & { identity: PatronContext['identity'] }): PatronContext {
  return {
    standing: { blocks: [], fines: [], currency: 'USD' },
    loans: [],
    holds: [],
    illRequests: [],
    handoffs: [],
    tickets: [],
    missing: [],
    ...overrides,
  };
}

describe('mergePatronContexts', () => {
  const ils = context({
    identity: { id: 'ils-1', name: 'Amara Okafor', email: 'amara@northfield.edu', patronType: 'Graduate' },
    loans: [{ title: 'A', dueAt: '2026-12-01T00:00:00Z', isOverdue: false }],
    standing: { blocks: [], fines: [{ amount: 2.5, reason: 'Overdue' }], currency: 'USD' },
  });
  const illiad = context({
    identity: { id: 'ill-9', name: 'A. Okafor', patronType: 'Graduate', affiliation: 'History' },
    illRequests: [
      { transactionNumber: '1001', title: 'B', requestType: 'Loan', status: 'Request Sent' },
      { transactionNumber: '1001', title: 'B', requestType: 'Loan', status: 'Request Sent' },
    ],
  });

  it('keeps the primary identity and fills only what it lacks', () => {
    const merged = mergePatronContexts([ils, illiad]);
    expect(merged.identity.name).toBe('Amara Okafor');
    expect(merged.identity.id).toBe('ils-1');
    expect(merged.identity.affiliation).toBe('History');
  });

  it('joins lists and keeps an ILL request two systems both report once', () => {
    const merged = mergePatronContexts([ils, illiad]);
    expect(merged.loans).toHaveLength(1);
    expect(merged.standing.fines).toHaveLength(1);
    expect(merged.illRequests).toHaveLength(1);
  });

  it('names the sources that did not answer', () => {
    const merged = mergePatronContexts([ils], [{ source: 'ILLiad', reason: 'timed out after 8 s' }]);
    expect(merged.missing).toEqual([{ source: 'ILLiad', reason: 'timed out after 8 s' }]);
  });

  it('does not change its inputs', () => {
    const before = JSON.stringify([ils, illiad]);
    mergePatronContexts([ils, illiad]);
    expect(JSON.stringify([ils, illiad])).toBe(before);
  });
});
