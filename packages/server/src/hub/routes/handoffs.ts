import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { handoffStates, LiaisonError, patronAuditKey, type Handoff } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { actorOf, withoutPatronIdentity } from '../actor.js';
import { routeBody } from '../handoff-service.js';

const listQuery = z
  .object({
    department: z.string().optional(),
    state: z.string().optional(),
    owner: z.string().optional(),
    mine: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .strict();

/** Writes a view of a hand-off's patron to the audit log, under the patron's one key; nothing when it names no patron. */
export async function auditPatronView(hub: HubContext, viewer: { id: string; via: string }, handoff: Handoff, fieldsShown: string[]): Promise<void> {
  const patronKey = patronAuditKey(handoff.patron ?? {});
  if (!patronKey) return;
  await hub.store.audit.recordView({ actor: viewer.id, surface: viewer.via, patronKey, fieldsShown, at: hub.clock() });
}

/** Hand-offs: list, create, read one, its history, and lifecycle events. */
export function registerHandoffRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/handoffs', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const query = parseInput(listQuery, request.query, 'query');
    const states = query.state?.split(',').map((s) => s.trim());
    const unknown = states?.filter((s) => !(handoffStates as readonly string[]).includes(s)) ?? [];
    if (unknown.length > 0) throw new LiaisonError('invalid_request', `Unknown state "${unknown[0]}"; use one of ${handoffStates.join(', ')}.`);
    const handoffs = await hub.handoffs.list({
      departments: query.department?.split(',').map((d) => d.trim()),
      states: states as never,
      owner: query.mine === 'true' ? principal.id : query.owner,
      overdueOnly: query.overdue === 'true',
      limit: query.limit ?? 100,
    });
    return { handoffs: handoffs.map(withoutPatronIdentity) };
  });

  app.post('/api/v1/route', async (request) => {
    hub.requireRole(request, 'staff');
    return hub.handoffs.suggest(parseInput(routeBody, request.body, 'question'));
  });

  app.post('/api/v1/handoffs', async (request, reply) => {
    const principal = hub.requireRole(request, 'staff');
    const input = hub.handoffs.parseCreate(request.body);
    const key = request.headers['idempotency-key'];
    const { handoff, isReplay, statusToken } = await hub.handoffs.create(input, actorOf(principal), {
      idempotencyKey: typeof key === 'string' && key.length > 0 ? key : undefined,
    });
    const statusLink = await hub.handoffs.statusLink(handoff, statusToken);
    if (!isReplay) hub.announceHandoffChange(handoff);
    reply.code(isReplay ? 200 : 201);
    return { handoff: withoutPatronIdentity(handoff), statusLink, isReplay };
  });

  app.get<{ Params: { id: string } }>('/api/v1/handoffs/:id', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const handoff = await hub.handoffs.get(request.params.id);
    if (!handoff) throw new LiaisonError('handoff_not_found', `There is no hand-off ${request.params.id}.`);
    // The one-hand-off view carries the patron's identifier so the owner can answer; that is a view of patron data.
    await auditPatronView(hub, principal, handoff, ['handoff.patron', 'handoff.history']);
    return { handoff, statusLink: await hub.handoffs.statusLink(handoff) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/handoffs/:id/events', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const handoff = await hub.handoffs.get(request.params.id);
    if (!handoff) throw new LiaisonError('handoff_not_found', `There is no hand-off ${request.params.id}.`);
    // Notes in the history are free text staff wrote about this patron (a barcode, a name): a view of them.
    await auditPatronView(hub, principal, handoff, ['handoff.history']);
    return { events: handoff.history };
  });

  app.post<{ Params: { id: string } }>('/api/v1/handoffs/:id/events', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const event = hub.handoffs.parseEvent(request.body);
    const handoff = await hub.handoffs.applyEvent(request.params.id, event, actorOf(principal));
    hub.announceHandoffChange(handoff);
    return { handoff: withoutPatronIdentity(handoff) };
  });
}
