import { demandWindowStart, evaluatePurchase, extractIsbns, titleKey, type BorrowingRequest, type PurchaseEvaluation, type PurchaseFacts } from '@liaison/core';
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
      const { request, missing: fromIllSystem } = await completeFromIllSystem(hub, pageRequest);
      const key = titleKey(request);
      const { facts, missing: fromSources } = await gatherPurchaseFacts(request, hub.connectors, {
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
      return { TransactionNumber: request.TransactionNumber, evaluation, missing: [...fromIllSystem, ...fromSources] };
    }),
  );
}

/** Whether a request names a book by ISBN (a loan's ISBN is what holdings and prices are looked up by). */
function hasIsbn(request: BorrowingRequest): boolean {
  return extractIsbns(request.ISSN ?? '').length > 0;
}

/**
 * Fills what the page did not show from the library's ILL systems (the first that knows the
 * request), so a verdict does not depend on what one page happens to show (Koha's and ReShare's
 * lists show no ISBN). When a loan's ISBN stays unknown, says why, for the badge to show.
 */
async function completeFromIllSystem(hub: HubContext, request: BorrowingRequest): Promise<{ request: BorrowingRequest; missing: MissingFact[] }> {
  const isBookLoan = request.RequestType !== 'Article';
  const needsIsbn = isBookLoan && !hasIsbn(request);
  if (!needsIsbn && request.LoanTitle && request.CreationDate) return { request, missing: [] };
  const sources = hub.connectors.illRequests;
  const tried: MissingFact[] = [];
  // An ISBN field with a wrong check digit is on the page but is not an ISBN.
  const onPage = request.ISSN?.trim() ? `the page's "${request.ISSN.trim().slice(0, 40)}" is not a valid ISBN` : 'not on the page';
  for (const source of sources) {
    let full: BorrowingRequest | null;
    try {
      full = await source.getTransaction(request.TransactionNumber);
    } catch {
      tried.push({ source: source.system, reason: `could not be asked for request ${request.TransactionNumber}` });
      continue;
    }
    if (!full) {
      tried.push({ source: source.system, reason: `does not know request ${request.TransactionNumber}` });
      continue;
    }
    // What the page showed wins: it is what the staff member is looking at.
    const merged: BorrowingRequest = { ...full };
    for (const [field, value] of Object.entries(request)) if (value !== undefined && value !== '') (merged as unknown as Record<string, unknown>)[field] = value;
    const stillMissing = needsIsbn && !hasIsbn(merged) ? [{ source: 'ISBN', reason: `${onPage}, and ${source.system} has none for request ${request.TransactionNumber}` }] : [];
    return { request: merged, missing: stillMissing };
  }
  if (!needsIsbn) return { request, missing: [] };
  if (sources.length === 0) return { request, missing: [{ source: 'ISBN', reason: `${onPage}, and no ILL system is set up for the hub to look the request up (connectors.ill in the policy file)` }] };
  return { request, missing: [{ source: 'ISBN', reason: `${onPage}, and no ILL system could give it: ${tried.map((fact) => `${fact.source} ${fact.reason}`).join('; ')}` }] };
}

type MissingFact = PurchaseResult['missing'][number];
