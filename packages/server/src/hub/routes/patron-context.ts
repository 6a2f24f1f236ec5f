import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { patronAuditKey, redactPatronContext, LiaisonError } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import type { Principal } from '../auth.js';
import { parseInput } from '../http-error.js';
import { gatherPatronContext } from '../patron-context.js';

const patronQuery = z
  .object({
    email: z.email('email is not an e-mail address').optional(),
    barcode: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .refine((q) => q.email || q.barcode, { message: 'give the patron\'s email or barcode' });

const claimedEmail = z.email();

/**
 * Which patron the caller may read. A staff token names one in the query. A Zendesk JWT names
 * none there: the patron is the ticket requester the sidebar put in the signed `patron_email`
 * claim, so a leaked or hand-made request cannot walk barcodes or e-mails.
 */
function patronAsked(principal: Principal, query: unknown): { email?: string; barcode?: string } {
  if (principal.via !== 'zendesk_jwt') return parseInput(patronQuery, query, 'query');
  if (query && typeof query === 'object' && Object.keys(query).length > 0) {
    throw new LiaisonError('patron_from_claim_only', 'A Zendesk token reads only the patron its signed patron_email claim names; send no email or barcode in the query.');
  }
  if (!principal.patronEmail || !claimedEmail.safeParse(principal.patronEmail).success) {
    throw new LiaisonError('patron_claim_missing', 'The Zendesk token names no patron: the sidebar signs the ticket requester\'s e-mail as the patron_email claim; reload the sidebar.');
  }
  return { email: principal.patronEmail };
}

export interface PatronContextRateLimit {
  /** Look-ups one caller may make per window. */
  max: number;
  /** The window, in milliseconds. */
  windowMs: number;
}

/** An agent opens a ticket every few seconds at most; sixty a minute leaves room for a busy desk, not for walking barcodes. */
export const defaultPatronContextRateLimit: PatronContextRateLimit = { max: 60, windowMs: 60_000 };

/** The patron in context, as the privacy policy allows, with every view written to the audit log. */
export function registerPatronContextRoutes(app: FastifyInstance, hub: HubContext, rateLimit: PatronContextRateLimit = defaultPatronContextRateLimit): void {
  app.get(
    '/api/v1/patron-context',
    {
      config: {
        // Counted per proven caller (a token, an agent), not per address: one office shares an address.
        rateLimit: {
          max: rateLimit.max,
          timeWindow: rateLimit.windowMs,
          hook: 'preHandler',
          keyGenerator: (request) => `${request.principal?.via ?? 'anonymous'}:${request.principal?.id ?? request.ip}`,
          // Thrown into the hub's error handler, so a 429 has the hub's error shape (Retry-After is already set).
          errorResponseBuilder: (_request, context) =>
            new LiaisonError('rate_limited',
              `Too many patron look-ups: at most ${context.max} per ${Math.round(rateLimit.windowMs / 1000)} seconds for one caller; try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
            ),
        },
      },
    },
    async (request) => {
      const principal = hub.requireRole(request, 'staff');
      const by = patronAsked(principal, request.query);
      const gathered = await gatherPatronContext(hub, by);
      if (gathered.kind === 'unavailable') {
        throw new LiaisonError('library_system_unavailable', 'The library system did not answer — try again.', gathered.missing.map((m) => ({ path: [m.source], message: m.reason })));
      }
      if (gathered.kind === 'not_found') {
        return { found: false, message: 'No library account for this e-mail.', missing: gathered.missing };
      }
      const redacted = redactPatronContext(gathered.context, hub.policy.privacy, hub.clock());
      // Filed under the patron's e-mail as the library knows it, however staff typed what they asked with.
      const identity = gathered.context.identity;
      await hub.store.audit.recordView({
        actor: principal.id,
        surface: principal.via,
        patronKey: patronAuditKey({ email: identity.email ?? by.email, barcode: identity.barcode ?? by.barcode }) ?? '',
        fieldsShown: redacted.shownFields,
        at: hub.clock(),
      });
      return { found: true, context: redacted };
    },
  );
}
