import type { FastifyInstance } from 'fastify';
import type { HubContext } from '../create-hub.js';
import { withInlineStyle } from '../security-headers.js';
import { renderStatusPage, renderStatusNotFound, statusPageStyle } from '../status-page.js';

/**
 * The patron-facing status of one hand-off, reached by an unguessable token: its state, the
 * department, the last update and the expected date. No staff notes, no patron data.
 */
export function registerStatusPage(app: FastifyInstance, hub: HubContext): void {
  app.get<{ Params: { token: string } }>('/s/:token', withInlineStyle(statusPageStyle), async (request, reply) => {
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-robots-tag', 'noindex');
    const handoff = hub.policy.privacy.patron_status_link ? await hub.store.handoffs.getByStatusToken(request.params.token) : null;
    if (!handoff) {
      reply.code(404);
      return renderStatusNotFound(hub.policy.library.name);
    }
    return renderStatusPage(handoff, hub.policy);
  });
}
