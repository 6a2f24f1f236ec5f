/**
 * The hub's HTTP API as the extension uses it (docs/api.md): evaluate a page's requests in
 * batches of at most 500, suggest a purchase (a hand-off to acquisitions), record an
 * override, check the connection. Every answer is a HubReply: a value, or a problem staff can act on.
 */
import type { BorrowingRequest } from '@liaison/core';
import type { Settings } from '../settings.js';
import { formatMoney, type PurchaseEvaluation, type PurchaseVerdict } from '../purchase/rules.js';
import type { HubReply, HubResult } from './messages.js';

/** How long to wait for the hub before calling it unreachable (ms): badges wait for it. */
export const hubTimeoutMs = 15_000;

/** The hub accepts at most this many requests per evaluate call. */
export const evaluateBatchSize = 500;

const requestFields = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanPublisher', 'LoanDate',
  'ISSN', 'ESPNumber', 'Status', 'CreationDate', 'DOI', 'PhotoJournalTitle', 'PhotoArticleTitle',
] as const;

/** A request with only the fields the hub accepts, each cut to its limit. */
function forHub(request: BorrowingRequest): BorrowingRequest {
  const out: Record<string, string> = {};
  for (const field of requestFields) {
    const value = request[field];
    if (typeof value === 'string' && value.trim()) out[field] = value.trim().slice(0, field === 'TransactionNumber' ? 40 : field === 'RequestType' ? 20 : 1000);
  }
  return out as unknown as BorrowingRequest;
}

async function call<T>(settings: Settings, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HubReply<T>> {
  if (!settings.hubUrl || !settings.token) {
    return { ok: false, problem: 'not-configured', message: 'No hub is set up: add its address and a staff token on the options page.' };
  }
  let response: Response;
  try {
    response = await fetch(`${settings.hubUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${settings.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(hubTimeoutMs),
    });
  } catch {
    return { ok: false, problem: 'unreachable', message: `The hub at ${settings.hubUrl} did not answer.` };
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // a proxy's HTML error page; the status says enough
  }
  if (response.ok) return { ok: true, value: payload as T };
  const error = (payload as { error?: { message?: string; code?: string; handoffId?: string } } | null)?.error;
  const message = error?.message ?? `HTTP ${response.status}`;
  if (response.status === 401 || response.status === 403) {
    return { ok: false, problem: 'refused', message: `The hub refused the staff token (${message}); create one with "liaison token create".` };
  }
  if (response.status >= 502 && response.status <= 504) return { ok: false, problem: 'unreachable', message: `The hub is not answering (${message}).` };
  return { ok: false, problem: 'failed', message: `The hub could not do it: ${message}`, code: error?.code, handoffId: error?.handoffId };
}

/** Verdicts for a page's requests, one call per 500. */
export async function evaluateOnHub(settings: Settings, requests: BorrowingRequest[], source: string): Promise<HubReply<HubResult[]>> {
  const results: HubResult[] = [];
  for (let start = 0; start < requests.length; start += evaluateBatchSize) {
    const batch = requests.slice(start, start + evaluateBatchSize).map(forHub);
    const reply = await call<{ results: HubResult[] }>(settings, 'POST', '/api/v1/purchase/evaluate', { requests: batch, source });
    if (!reply.ok) return reply;
    results.push(...reply.value.results);
  }
  return { ok: true, value: results };
}

/** The question of a purchase suggestion: title, ISBNs, price, demand and the ILL transaction number, as acquisitions reads it. */
export function purchaseQuestion(request: BorrowingRequest, evaluation: PurchaseEvaluation): string {
  const facts = evaluation.facts;
  const title = request.LoanTitle?.trim() || request.PhotoJournalTitle?.trim() || 'Untitled request';
  const author = request.LoanAuthor?.trim() ? ` by ${request.LoanAuthor.trim()}` : '';
  const isbns = facts.isbns.value.length > 0 ? facts.isbns.value.join(', ') : 'none known';
  const price = facts.price ? formatMoney(facts.price.value, facts.price.currency ?? 'USD') : 'unknown';
  const demand = facts.demand.isAssumed ? 'this request only' : `${facts.demand.value} request${facts.demand.value === 1 ? '' : 's'} in the demand window`;
  return [
    `Purchase suggestion from ILL: "${title}"${author}.`,
    `ISBNs: ${isbns}. Price: ${price}. Demand: ${demand}. ILL transaction ${request.TransactionNumber}.`,
    `Verdict ${evaluation.verdict.toUpperCase()} (score ${evaluation.score}): ${evaluation.decidingReason.message}.`,
  ].join(' ');
}

/**
 * Creates the acquisitions hand-off; suggesting the same transaction again returns the first one.
 * The idempotency key is the transaction's, so a second suggestion with other words (the facts
 * changed, another page) is refused by the hub as a reused key, naming the first hand-off: that
 * is the same answer, "already suggested".
 */
export async function suggestPurchase(settings: Settings, request: BorrowingRequest, evaluation: PurchaseEvaluation, pageUrl: string): Promise<HubReply<{ handoff: { id: string }; isReplay: boolean }>> {
  const reply = await call<{ handoff: { id: string }; isReplay: boolean }>(settings, 'POST', '/api/v1/handoffs', {
    question: purchaseQuestion(request, evaluation),
    summary: `Buy for ILL ${request.TransactionNumber}: ${(request.LoanTitle ?? '').slice(0, 120)}`,
    department: 'acquisitions',
    channel: 'ill',
    links: { illTransactionNumber: request.TransactionNumber, url: pageUrl.slice(0, 2000) },
  }, { 'idempotency-key': `liaison-extension:purchase:${request.TransactionNumber}` });
  if (!reply.ok && reply.code === 'idempotency_key_reused' && reply.handoffId) return { ok: true, value: { handoff: { id: reply.handoffId }, isReplay: true } };
  return reply;
}

export function recordOverride(settings: Settings, transactionNumber: string, verdict: PurchaseVerdict, reason: string): Promise<HubReply<{ override: unknown }>> {
  return call(settings, 'POST', '/api/v1/purchase/overrides', { transactionNumber, verdict, reason });
}

/** Whether the hub answers (`/healthz`, no token needed). */
export async function hubHealth(settings: Settings): Promise<HubReply<{ status: string; library?: unknown }>> {
  if (!settings.hubUrl) return { ok: false, problem: 'not-configured', message: 'No hub is set up.' };
  try {
    const response = await fetch(`${settings.hubUrl}/healthz`, { signal: AbortSignal.timeout(hubTimeoutMs) });
    if (!response.ok) return { ok: false, problem: 'unreachable', message: `The hub answered HTTP ${response.status}.` };
    return { ok: true, value: (await response.json()) as { status: string } };
  } catch {
    return { ok: false, problem: 'unreachable', message: `The hub at ${settings.hubUrl} did not answer.` };
  }
}
