import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { redactPatronContext } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { HttpError, parseInput } from '../http-error.js';
import { gatherPatronContext } from '../patron-context.js';

const patronQuery = z
  .object({
    email: z.email('email is not an e-mail address').optional(),
    barcode: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .refine((q) => q.email || q.barcode, { message: 'give the patron\'s email or barcode' });

/** The patron in context, as the privacy policy allows, with every view written to the audit log. */
export function registerPatronContextRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/patron-context', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const by = parseInput(patronQuery, request.query, 'query');
    const gathered = await gatherPatronContext(hub, by);
    if (gathered.kind === 'unavailable') {
      throw new HttpError(502, 'library_system_unavailable', 'The library system did not answer — try again.', gathered.missing.map((m) => ({ path: [m.source], message: m.reason })));
    }
    if (gathered.kind === 'not_found') {
      return { found: false, message: 'No library account for this e-mail.', missing: gathered.missing };
    }
    const redacted = redactPatronContext(gathered.context, hub.policy.privacy, hub.clock());
    await hub.store.audit.recordView({
      actor: principal.id,
      surface: principal.via,
      patronKey: by.email ?? by.barcode ?? '',
      fieldsShown: redacted.shownFields,
      at: hub.clock(),
    });
    return { found: true, context: redacted };
  });
}
