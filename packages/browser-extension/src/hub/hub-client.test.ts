// The extension's calls to the hub, against an msw stand-in shaped as docs/api.md describes;
// the assertions are on the requests the extension sent.
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BorrowingRequest } from '@liaison/core';
import { compilePurchasePolicy, defaultPurchasePolicy } from '../purchase/rules.js';
import type { Settings } from '../settings.js';
import { evaluateOnHub, purchaseQuestion, recordOverride, suggestPurchase } from './hub-client.js';

const hubUrl = 'https://hub.library.example';
const settings: Settings = { hubUrl, token: 'lsn_test', sites: [], pausedOrigins: [], taughtPages: [] };
const sent: { path: string; headers: Headers; body: unknown }[] = [];
const evaluator = compilePurchasePolicy(defaultPurchasePolicy);
const handoffsByKey = new Map<string, { id: string; body: string }>();

const server = setupServer(
  http.post(`${hubUrl}/api/v1/purchase/evaluate`, async ({ request }) => {
    const body = (await request.json()) as { requests: BorrowingRequest[] };
    sent.push({ path: '/api/v1/purchase/evaluate', headers: request.headers, body });
    if (request.headers.get('authorization') !== 'Bearer lsn_test') return HttpResponse.json({ error: { code: 'token_invalid', message: 'Unknown token.' } }, { status: 401 });
    return HttpResponse.json({ results: body.requests.map((one) => ({ TransactionNumber: one.TransactionNumber, evaluation: evaluator.evaluate(one, {}, 20_000), missing: [] })) });
  }),
  // As the hub answers (docs/api.md): a key's first body makes a hand-off, the same body again is a
  // replay, another body with the same key is refused (422) naming the first hand-off.
  http.post(`${hubUrl}/api/v1/handoffs`, async ({ request }) => {
    const body = await request.json();
    sent.push({ path: '/api/v1/handoffs', headers: request.headers, body });
    const key = request.headers.get('idempotency-key') ?? '';
    const first = handoffsByKey.get(key);
    if (!first) {
      const id = `h_${handoffsByKey.size + 1}`;
      handoffsByKey.set(key, { id, body: JSON.stringify(body) });
      return HttpResponse.json({ handoff: { id }, statusLink: null, isReplay: false }, { status: 201 });
    }
    if (first.body === JSON.stringify(body)) return HttpResponse.json({ handoff: { id: first.id }, statusLink: null, isReplay: true });
    return HttpResponse.json({ error: { handoffId: first.id, code: 'idempotency_key_reused', message: `The Idempotency-Key "${key}" was already used for a different hand-off (${first.id}).`, issues: [] } }, { status: 422 });
  }),
  http.post(`${hubUrl}/api/v1/purchase/overrides`, async ({ request }) => {
    sent.push({ path: '/api/v1/purchase/overrides', headers: request.headers, body: await request.json() });
    return HttpResponse.json({ error: { code: 'invalid_request', message: 'verdict: Invalid option' } }, { status: 400 });
  }),
);

// Port 9 (discard) is closed here: that call goes to the real network and is refused.
beforeAll(() => server.listen({ onUnhandledRequest: (request, print) => (request.url.startsWith('http://127.0.0.1:9/') ? undefined : print.error()) }));
afterEach(() => {
  sent.length = 0;
  server.resetHandlers();
});
afterAll(() => server.close());

const request = (number: number): BorrowingRequest => ({ TransactionNumber: String(number), RequestType: 'Loan', LoanTitle: `Title ${number}`, ISSN: '9781571313560' });

describe('evaluateOnHub', () => {
  it('sends 1,200 requests in three calls of at most 500, with the token, and keeps every result', async () => {
    const requests = Array.from({ length: 1200 }, (_, i) => request(i + 1));
    const reply = await evaluateOnHub(settings, requests, 'illiad');
    expect(reply.ok && reply.value.length).toBe(1200);
    expect(sent.map((call) => (call.body as { requests: unknown[] }).requests.length)).toEqual([500, 500, 200]);
    expect(sent[0]!.headers.get('authorization')).toBe('Bearer lsn_test');
    expect((sent[0]!.body as { source: string }).source).toBe('illiad');
  });

  it('sends only the fields the hub accepts, trimmed and cut to their limits', async () => {
    await evaluateOnHub(settings, [{ TransactionNumber: ' 42 ', RequestType: 'Loan', LoanTitle: 'x'.repeat(1200), Extra: 'no' } as unknown as BorrowingRequest], 'koha');
    expect((sent[0]!.body as { requests: Record<string, string>[] }).requests[0]).toEqual({ TransactionNumber: '42', RequestType: 'Loan', LoanTitle: 'x'.repeat(1000) });
  });

  it('says the token was refused, and what to do', async () => {
    const reply = await evaluateOnHub({ ...settings, token: 'lsn_wrong' }, [request(1)], 'illiad');
    expect(reply).toEqual({ ok: false, problem: 'refused', message: expect.stringContaining('liaison token create') });
  });

  it('says no hub is set up without calling anything', async () => {
    const reply = await evaluateOnHub({ ...settings, hubUrl: '' }, [request(1)], 'illiad');
    expect(reply.ok ? null : reply.problem).toBe('not-configured');
    expect(sent).toEqual([]);
  });

  it('says the hub is not answering when it cannot be reached', async () => {
    const reply = await evaluateOnHub({ ...settings, hubUrl: 'http://127.0.0.1:9' }, [request(1)], 'illiad');
    expect(reply.ok ? null : reply.problem).toBe('unreachable');
  });
});

describe('suggestPurchase', () => {
  it('creates an acquisitions hand-off on the ILL channel with the transaction number, once per transaction', async () => {
    const one = request(712001);
    const evaluation = evaluator.evaluate(one, { price: { value: 42, source: 'vendor' }, demand: { value: 3, source: 'hub' } }, 20_000);
    const reply = await suggestPurchase(settings, one, evaluation, 'https://illiad.library.example/ILLiad/StaffWebClient/requests/712001');
    expect(reply.ok).toBe(true);
    const body = sent[0]!.body as Record<string, unknown>;
    expect(body).toMatchObject({ department: 'acquisitions', channel: 'ill', links: { illTransactionNumber: '712001' } });
    expect(body.question).toBe(purchaseQuestion(one, evaluation));
    expect(body.question).toContain('ISBNs: 9781571313560. Price: $42.00. Demand: 3 requests in the demand window. ILL transaction 712001.');
    expect(sent[0]!.headers.get('idempotency-key')).toBe('liaison-extension:purchase:712001');
  });

  it('says "already suggested", with the first hand-off, when the transaction was suggested with other facts', async () => {
    const one = request(712002);
    const url = 'https://illiad.library.example/ILLiad/StaffWebClient/requests/712002';
    const before = evaluator.evaluate(one, { price: { value: 42, source: 'vendor' } }, 20_000);
    const after = evaluator.evaluate(one, { price: { value: 45, source: 'vendor' } }, 20_000);
    const first = await suggestPurchase(settings, one, before, url);
    const again = await suggestPurchase(settings, one, after, url);
    expect(first.ok && first.value.isReplay).toBe(false);
    expect(again).toEqual({ ok: true, value: { handoff: { id: first.ok ? first.value.handoff.id : '' }, isReplay: true } });
    expect(sent.map((one) => (one.body as { question: string }).question.includes('$45.00'))).toEqual([false, true]);
  });
});

describe('recordOverride', () => {
  it("passes on the hub's own words when it refuses", async () => {
    const reply = await recordOverride(settings, '712001', 'buy', 'Course reserve');
    expect(sent[0]!.body).toEqual({ transactionNumber: '712001', verdict: 'buy', reason: 'Course reserve' });
    expect(reply).toEqual({ ok: false, problem: 'failed', message: 'The hub could not do it: verdict: Invalid option', code: 'invalid_request' });
  });
});
