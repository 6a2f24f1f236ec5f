/**
 * Time away over the API, for the dashboard and scripts: who is away, and setting or ending it.
 * Staff set their own (a token whose name is their Slack id or e-mail address, as the policy
 * writes people); coordinators and admins anyone's. Core checks the dates and says who covers.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { addCalendarDays, checkAwayRequest, hasAwayPassed, localDateOf, staffContactSchema, whoCovers, LiaisonError } from '@liaison/core';
import type { StoredAwayPeriod } from '@liaison/store';
import type { HubContext } from '../create-hub.js';
import { hasRole } from '../auth.js';


/** The person named in the path, as the policy writes people; anything else is a 400 saying how to write one. */
function personFrom(request: FastifyRequest): string {
  const raw = (request.params as { person?: string }).person ?? '';
  const parsed = staffContactSchema.safeParse(raw);
  if (!parsed.success) {
    throw new LiaisonError('invalid_person', 'The person in the path is neither a Slack user id nor an e-mail address; write one like /api/v1/away/U024BE7LH.', [{ path: ['person'], message: 'not a staff contact' }]);
  }
  return parsed.data;
}

export function registerAwayRoutes(app: FastifyInstance, hub: HubContext): void {
  const today = () => localDateOf(hub.clock(), hub.policy.library.time_zone);
  const maySetFor = (request: FastifyRequest, person: string) => {
    const principal = hub.requireRole(request, 'staff');
    if (hasRole(principal.role, 'coordinator') || principal.id === person || principal.name === person) return principal;
    throw new LiaisonError('forbidden', `Only ${person} or a coordinator may change ${person}'s time away.`);
  };
  /** A period with who covers for the person now, in the words core gives. */
  const withCover = (period: StoredAwayPeriod, periods: readonly StoredAwayPeriod[]) => {
    const departments = hub.policy.departments.filter((department) => department.members?.includes(period.person) || department.lead === period.person);
    const team = hub.policy.liaison_teams.find((candidate) => candidate.primary === period.person || candidate.backups.includes(period.person));
    const department = departments[0] ?? hub.policy.departments.find((candidate) => candidate.id === team?.department);
    const cover = whoCovers(period.person, { team, department, awayPeriods: periods, now: hub.clock(), timeZone: hub.policy.library.time_zone });
    return { ...period, cover: { kind: cover.kind, coveredBy: cover.kind === 'covered' ? cover.coveredBy : null, reason: cover.reason } };
  };
  const current = () => hub.store.away.listEndingOnOrAfter(today());

  app.get('/api/v1/away', async (request) => {
    hub.requireRole(request, 'staff');
    const periods = await current();
    return { today: today(), away: periods.map((period) => withCover(period, periods)) };
  });

  app.get('/api/v1/away/:person', async (request) => {
    hub.requireRole(request, 'staff');
    const person = personFrom(request);
    const periods = await current();
    const period = periods.find((candidate) => candidate.person === person);
    return { today: today(), away: period ? withCover(period, periods) : null };
  });

  app.put('/api/v1/away/:person', async (request) => {
    const person = personFrom(request);
    const principal = maySetFor(request, person);
    const checked = checkAwayRequest(person, request.body, today());
    if (!checked.ok) throw new LiaisonError(checked.error.code, checked.error.message, checked.error.issues);
    const stored = await hub.store.away.set({ ...checked.value, setBy: principal.name, now: hub.clock() });
    const periods = await current();
    return { away: withCover(stored, periods) };
  });

  // "I'm back": the period ends yesterday, so the return summary goes out; one not yet begun is forgotten.
  app.delete('/api/v1/away/:person', async (request) => {
    const person = personFrom(request);
    const principal = maySetFor(request, person);
    const period = await hub.store.away.get(person);
    const yesterday = addCalendarDays(today(), -1);
    if (!period || hasAwayPassed(period, today())) throw new LiaisonError('not_away', `${person} is not marked away.`);
    if (period.from > yesterday) await hub.store.away.clear(person);
    else await hub.store.away.set({ ...period, until: yesterday, setBy: principal.name, now: hub.clock() });
    return { back: person };
  });
}
