import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { computeInsights } from '../insights.js';

const insightsQuery = z.object({ weeks: z.coerce.number().int().min(1).max(52).optional() }).strict();

/** What the hand-offs say in aggregate: topics by week, and spikes against the usual. */
export function registerInsightRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/insights', async (request) => {
    hub.requireRole(request, 'staff');
    const query = parseInput(insightsQuery, request.query, 'query');
    return computeInsights(hub, query.weeks ?? 8);
  });
}
