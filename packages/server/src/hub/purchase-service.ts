import { demandWindowStart, evaluatePurchase, titleKey, type BorrowingRequest, type PurchaseEvaluation, type PurchaseFacts } from '@liaison/core';
import { gatherPurchaseFacts } from '@liaison/connectors';
import type { HubContext } from './create-hub.js';

export interface PurchaseResult {
  TransactionNumber: string;
  evaluation: PurchaseEvaluation;
  /** Facts that could not be learned, and why (a source down, no price anywhere). */
  missing: { source: string; reason: string }[];
}

/**
 * Judges each request as the policy says, with facts from the configured systems and demand from
 * the requests the hub has already seen, and records each decision (once per transaction number,
 * so a page reloaded twenty times does not count as twenty requests).
 */
export async function evaluatePurchases(hub: HubContext, requests: BorrowingRequest[], decidedBy: string): Promise<PurchaseResult[]> {
  const now = hub.clock();
  const policy = hub.policy.purchase;
  // Whole calendar days in the library's zone, ending today: the window `ill score` counts too.
  const since = demandWindowStart(now, policy.demand_window_days, hub.policy.library.time_zone);
  return Promise.all(
    requests.map(async (pageRequest) => {
      const request = await completeFromIllSystem(hub, pageRequest);
      const key = titleKey(request);
      const { facts, missing } = await gatherPurchaseFacts(request, hub.connectors, {
        now: () => now,
        onError: (system, error) => hub.metrics.connectorErrors.inc({ system, code: (error as { code?: string }).code ?? 'unexpected' }),
      });
      const earlier = key ? await hub.store.purchases.countDemand(key, since, request.TransactionNumber) : 0;
      const withDemand: PurchaseFacts = { ...facts, demand: { value: earlier + 1, source: 'Liaison (requests seen by the hub)', asOf: now.toISOString() } };
      const evaluation = evaluatePurchase(request, policy, withDemand, now);
      await hub.store.purchases.recordDecision({
        transactionNumber: request.TransactionNumber,
        titleKey: key,
        request,
        verdict: evaluation.verdict,
        score: evaluation.score,
        reasons: evaluation.reasons,
        facts: withDemand,
        decidedAt: now,
        decidedBy,
      });
      return { TransactionNumber: request.TransactionNumber, evaluation, missing };
    }),
  );
}

/** Fills what the page did not show from the ILL system's API, when the library configured one. */
async function completeFromIllSystem(hub: HubContext, request: BorrowingRequest): Promise<BorrowingRequest> {
  const source = hub.connectors.illRequests[0];
  if (!source || (request.LoanTitle && request.ISSN && request.CreationDate)) return request;
  try {
    const full = await source.getTransaction(request.TransactionNumber);
    if (!full) return request;
    // What the page showed wins: it is what the staff member is looking at.
    const merged: BorrowingRequest = { ...full };
    for (const [field, value] of Object.entries(request)) if (value !== undefined && value !== '') (merged as unknown as Record<string, unknown>)[field] = value;
    return merged;
  } catch {
    return request;
  }
}
