import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { purchaseVerdicts, LiaisonError } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { evaluatePurchases } from '../purchase-service.js';

const optionalText = z.string().trim().max(1000).optional();

/** A borrowing request as surfaces send it: ILLiad's field names; only the transaction number is required. */
export const borrowingRequestBody = z
  .object({
    TransactionNumber: z.string().trim().min(1, 'TransactionNumber is required').max(40),
    RequestType: z.string().trim().max(20).default('Loan'),
    DocumentType: optionalText,
    LoanTitle: optionalText,
    LoanAuthor: optionalText,
    LoanPublisher: optionalText,
    LoanDate: optionalText,
    ISSN: optionalText,
    ESPNumber: optionalText,
    Status: optionalText,
    CreationDate: optionalText,
    DOI: optionalText,
    PhotoJournalTitle: optionalText,
    PhotoArticleTitle: optionalText,
  })
  .strict();

const evaluateBody = z
  .object({
    requests: z.array(borrowingRequestBody).min(1, 'send at least one request').max(500, 'send at most 500 requests at once'),
    /** Where the requests were read from (e.g. "illiad", "tipasa"), for the record. */
    source: z.string().trim().max(40).optional(),
  })
  .strict();

const overrideBody = z
  .object({
    transactionNumber: z.string().trim().min(1).max(40),
    verdict: z.enum(purchaseVerdicts),
    reason: z.string().trim().min(1, 'say why you overrule the rules').max(1000),
  })
  .strict();

/** Buy-or-borrow for one or many requests, staff overrides, and what staff overrule. */
export function registerPurchaseRoutes(app: FastifyInstance, hub: HubContext): void {
  app.post('/api/v1/purchase/evaluate', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const body = parseInput(evaluateBody, request.body, 'evaluation request');
    return { results: await evaluatePurchases(hub, body.requests, principal.id) };
  });

  app.post('/api/v1/purchase/overrides', async (request, reply) => {
    const principal = hub.requireRole(request, 'staff');
    const body = parseInput(overrideBody, request.body, 'override');
    const decision = await hub.store.purchases.latestDecision(body.transactionNumber);
    if (!decision) {
      throw new LiaisonError('decision_not_found', `The hub has not judged request ${body.transactionNumber} yet; evaluate it first, then override.`);
    }
    const override = await hub.store.purchases.recordOverride(decision.id, principal.id, body.verdict, body.reason, hub.clock());
    reply.code(201);
    return { override, rulesVerdict: decision.verdict, decidingReason: decision.reasons[0]?.code ?? null };
  });

  app.get('/api/v1/purchase/overrides/summary', async (request) => {
    hub.requireRole(request, 'coordinator');
    return { overruled: await hub.store.purchases.overruledRules() };
  });
}
