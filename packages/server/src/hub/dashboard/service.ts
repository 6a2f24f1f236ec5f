/**
 * Service: how departments keep their service levels, by week. Everything is aggregated in SQL
 * (medians and 90th percentiles with percentile_cont, the same interpolation as core's
 * `percentile`), so a year of a large library's hand-offs never passes through the hub's memory.
 *
 * - first response: the first event after the hand-off was made, other than a note (accepted, a
 *   question to the patron, a return, a resolution…), in minutes after it was made;
 * - resolution: minutes from being made to being resolved;
 * - breach: resolved after its due time, or still open past it;
 * - hand-offs per question: 1 + how often it was passed on (reassigned) to another department;
 * - returned: hand-offs sent back to the sender at least once.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { z } from 'zod';
import { openStates } from '@liaison/core';
import { reportPeriodQuery } from './report-period.js';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { LiaisonError } from '@liaison/core';

const serviceQuery = reportPeriodQuery.extend({ department: z.string().trim().max(100).optional() });

/** Figures of one group of hand-offs (a department's week, or its whole period). */
export interface ServiceFigures {
  n: number;
  firstResponse: { n: number; medianMinutes: number | null; p90Minutes: number | null };
  resolution: { n: number; medianMinutes: number | null; p90Minutes: number | null };
  breaches: number;
  handoffsPerQuestion: number | null;
  returned: number;
}

interface ServiceRow {
  department: string;
  week: string | null;
  n: number;
  first_response_n: number;
  first_response_median: number | null;
  first_response_p90: number | null;
  resolution_n: number;
  resolution_median: number | null;
  resolution_p90: number | null;
  breaches: number;
  handoffs_per_question: number | null;
  returned: number;
  service_levels: string[] | null;
}

const dayMs = 86_400_000;

function figures(row: ServiceRow): ServiceFigures {
  const number = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    n: row.n,
    firstResponse: { n: row.first_response_n, medianMinutes: number(row.first_response_median), p90Minutes: number(row.first_response_p90) },
    resolution: { n: row.resolution_n, medianMinutes: number(row.resolution_median), p90Minutes: number(row.resolution_p90) },
    breaches: row.breaches,
    handoffsPerQuestion: number(row.handoffs_per_question),
    returned: row.returned,
  };
}

/** The period a report covers: the last `weeks` weeks up to `now`. */
function period(now: Date, weeks: number): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - weeks * 7 * dayMs), to: now };
}

/** Per department: the whole period's figures and each week's, from one SQL query. */
export async function serviceReport(hub: HubContext, options: { weeks: number; department?: string | undefined }) {
  const now = hub.clock();
  const { from, to } = period(now, options.weeks);
  const timeZone = hub.policy.library.time_zone;
  const department = options.department ? sql`and h.department = ${options.department}` : sql``;
  const { rows } = await sql<ServiceRow>`
    with chosen as (
      select h.id, h.department, h.created_at, h.due_at, h.resolved_at, h.state, h.service_level
      from handoffs h
      where h.created_at >= ${from} and h.created_at < ${to} ${department}
    ), events as (
      select e.handoff_id,
        min(e.at) filter (where e.sequence > 1 and e.type <> 'noted') as first_response_at,
        count(*) filter (where e.type = 'reassigned')::integer as reassignments,
        bool_or(e.type = 'returned') as was_returned
      from handoff_events e
      join chosen c on c.id = e.handoff_id
      group by e.handoff_id
    ), measured as (
      select c.department, c.service_level,
        to_char(date_trunc('week', c.created_at at time zone ${timeZone}), 'YYYY-MM-DD') as week,
        extract(epoch from (ev.first_response_at - c.created_at)) / 60 as first_response_minutes,
        extract(epoch from (c.resolved_at - c.created_at)) / 60 as resolution_minutes,
        (c.resolved_at > c.due_at or (c.resolved_at is null and c.state = any(${[...openStates]}::text[]) and c.due_at < ${now})) as breached,
        1 + coalesce(ev.reassignments, 0) as handoffs_per_question,
        coalesce(ev.was_returned, false) as was_returned
      from chosen c
      left join events ev on ev.handoff_id = c.id
    )
    select department, week,
      count(*)::integer as n,
      count(first_response_minutes)::integer as first_response_n,
      percentile_cont(0.5) within group (order by first_response_minutes) as first_response_median,
      percentile_cont(0.9) within group (order by first_response_minutes) as first_response_p90,
      count(resolution_minutes)::integer as resolution_n,
      percentile_cont(0.5) within group (order by resolution_minutes) as resolution_median,
      percentile_cont(0.9) within group (order by resolution_minutes) as resolution_p90,
      count(*) filter (where breached)::integer as breaches,
      avg(handoffs_per_question)::float8 as handoffs_per_question,
      count(*) filter (where was_returned)::integer as returned,
      array_agg(distinct service_level) as service_levels
    from measured
    group by grouping sets ((department, week), (department))
    order by department, week nulls first
  `.execute(hub.store.db);

  const departments = hub.policy.departments
    .filter((d) => !options.department || d.id === options.department)
    .map((d) => {
      const mine = rows.filter((row) => row.department === d.id);
      const total = mine.find((row) => row.week === null);
      return {
        id: d.id,
        name: d.name,
        serviceLevels: total?.service_levels ?? [],
        total: total ? figures(total) : null,
        weeks: mine.filter((row) => row.week !== null).map((row) => ({ week: row.week!, ...figures(row) })),
      };
    });
  return { from: from.toISOString(), to: to.toISOString(), timeZone, departments };
}

/** Each owner's resolved hand-offs: for coordinators only, and hidden below the policy's smallest sample. */
export async function staffReport(hub: HubContext, options: { weeks: number }) {
  const now = hub.clock();
  const { from, to } = period(now, options.weeks);
  const minN = hub.policy.rubrics.min_n;
  const { rows } = await sql<{ owner: string; n: number; resolution_median: number | null; breaches: number }>`
    select owner, count(*)::integer as n,
      percentile_cont(0.5) within group (order by extract(epoch from (resolved_at - created_at)) / 60) as resolution_median,
      count(*) filter (where resolved_at > due_at)::integer as breaches
    from handoffs
    where resolved_at is not null and owner is not null and created_at >= ${from} and created_at < ${to}
    group by owner
    order by owner
  `.execute(hub.store.db);
  return {
    minN,
    staff: rows.map((row) =>
      row.n < minN
        ? { owner: row.owner, n: row.n, suppressed: true, resolutionMedianMinutes: null, breaches: null }
        : { owner: row.owner, n: row.n, suppressed: false, resolutionMedianMinutes: row.resolution_median === null ? null : Number(row.resolution_median), breaches: row.breaches },
    ),
  };
}

export function registerServiceRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/dashboard/service', async (request) => {
    hub.requireRole(request, 'staff');
    const query = parseInput(serviceQuery, request.query, 'service report query');
    if (query.department && !hub.policy.departments.some((d) => d.id === query.department)) {
      throw new LiaisonError('invalid_request', `There is no department "${query.department}"; use one of ${hub.policy.departments.map((d) => d.id).join(', ')}.`);
    }
    return serviceReport(hub, { weeks: query.weeks ?? 12, department: query.department });
  });

  // Individual staff results only to coordinators (and admins): the API's rule, applied here too.
  app.get('/api/v1/dashboard/service/staff', async (request) => {
    hub.requireRole(request, 'coordinator');
    const query = parseInput(reportPeriodQuery, request.query, 'staff report query');
    return staffReport(hub, { weeks: query.weeks ?? 12 });
  });
}
