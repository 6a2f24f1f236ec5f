/**
 * Queues: the open hand-offs of each department, overdue ones first, with their age and the
 * library hours left until they are due; and one hand-off with its timeline and the actions the
 * lifecycle allows now. Nothing here names a patron: a queue is for staff to see who waits on whom.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { availableEvents, handoffStates, isOverdue, LiaisonError, openMinutesBetween, queryChannels, unfinishedStates, type Handoff, type HandoffState } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { withoutPatronIdentity } from '../actor.js';
import { handoffEventBody } from '../handoff-service.js';
import { parseInput } from '../http-error.js';

const commaList = <T extends string>(values: readonly [T, ...T[]], what: string) =>
  z
    .string()
    .transform((text) => text.split(',').map((value) => value.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values, { error: (issue) => `"${String(issue.input)}" is not a ${what}; use one of ${values.join(', ')}` })));

const queueQuery = z
  .object({
    department: z.string().max(500).optional(),
    state: commaList(handoffStates, 'hand-off state').optional(),
    owner: z.string().trim().min(1).max(200).optional(),
    mine: z.enum(['true', 'false']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    channel: commaList(queryChannels, 'channel').optional(),
  })
  .strict();

/** The most hand-offs one queue shows; a busier queue is narrowed with the filters. */
export const queueLimit = 500;

/** Open minutes until `dueAt` from `now` (negative when overdue), in the library's opening hours. */
function openMinutesLeft(hub: HubContext, dueAt: string, now: Date): number {
  const due = new Date(dueAt);
  return due >= now ? openMinutesBetween(now, due, hub.policy.library) : -openMinutesBetween(due, now, hub.policy.library);
}

function queueRow(hub: HubContext, handoff: Handoff, now: Date) {
  return {
    id: handoff.id,
    summary: handoff.summary,
    department: handoff.department,
    owner: handoff.owner,
    state: handoff.state,
    channel: handoff.channel ?? null,
    createdAt: handoff.createdAt,
    dueAt: handoff.dueAt,
    ageMinutes: Math.max(0, Math.round((now.getTime() - new Date(handoff.createdAt).getTime()) / 60_000)),
    openMinutesLeft: openMinutesLeft(hub, handoff.dueAt, now),
    isOverdue: isOverdue(handoff, now),
  };
}

/** The fields each event's body takes, read off the API's own event schema (one schema for both). */
function actionsFor(handoff: Handoff) {
  return availableEvents(handoff.state).map((event) => {
    const option = handoffEventBody.options.find((candidate) => candidate.shape.type.value === event);
    const shape = (option?.shape ?? {}) as Record<string, z.ZodType>;
    const textField = Object.keys(shape).find((key) => key === 'note' || key === 'reason' || key === 'resolution') ?? null;
    return {
      event,
      textField,
      textRequired: textField !== null && !shape[textField]!.safeParse(undefined).success,
      needsDepartment: 'toDepartment' in shape,
    };
  });
}

export function registerQueueRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/dashboard/me', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    return {
      principal: { id: principal.id, name: principal.name, role: principal.role, via: principal.via },
      library: hub.policy.library.name,
      departments: hub.policy.departments.map((department) => ({ id: department.id, name: department.name })),
      states: handoffStates,
      // A queue holds what still asks something of someone: the open states, and returned ones back with their sender.
      queueStates: unfinishedStates,
      channels: queryChannels,
    };
  });

  app.get('/api/v1/dashboard/queues', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const query = parseInput(queueQuery, request.query, 'queue filter');
    const departments = query.department?.split(',').map((id) => id.trim()).filter(Boolean);
    const unknown = departments?.find((id) => !hub.policy.departments.some((department) => department.id === id));
    if (unknown) {
      throw new LiaisonError('invalid_request', `There is no department "${unknown}"; use one of ${hub.policy.departments.map((d) => d.id).join(', ')}.`);
    }
    const now = hub.clock();
    const handoffs = await hub.store.handoffs.list({
      ...(departments && departments.length > 0 ? { departments } : {}),
      states: (query.state && query.state.length > 0 ? query.state : [...unfinishedStates]) as HandoffState[],
      ...(query.mine === 'true' ? { owner: principal.id } : query.owner ? { owner: query.owner } : {}),
      ...(query.channel && query.channel.length > 0 ? { channels: query.channel } : {}),
      overdue: query.overdue === 'true',
      now,
      order: 'overdue-first',
      withHistory: false,
      limit: queueLimit + 1,
    });
    return {
      handoffs: handoffs.slice(0, queueLimit).map((handoff) => queueRow(hub, handoff, now)),
      truncated: handoffs.length > queueLimit,
      at: now.toISOString(),
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/dashboard/handoffs/:id', async (request) => {
    hub.requireRole(request, 'staff');
    const handoff = await hub.handoffs.get(request.params.id);
    if (!handoff) throw new LiaisonError('handoff_not_found', `There is no hand-off ${request.params.id}.`);
    const now = hub.clock();
    return {
      handoff: { ...withoutPatronIdentity(handoff), ...queueRow(hub, handoff, now) },
      actions: actionsFor(handoff),
      statusLink: await hub.handoffs.statusLink(handoff),
    };
  });
}
