/**
 * What the questions say: topics by week with spike alerts (core's insight functions over
 * hand-offs tagged as they are read from SQL) and the pages questions were asked from (grouped
 * in SQL, so a confusing FAQ or guide stands out). Counts only: no patron on this page.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { unfinishedStates } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { reportPeriodQuery } from './report-period.js';
import { computeInsights } from '../insights.js';

const dayMs = 86_400_000;
/** The most pages listed; the rest asked fewer questions. */
const pageLimit = 50;

/** Questions grouped by the page they were asked from (its address without query or fragment), most first. */
export async function questionsByPage(hub: HubContext, from: Date) {
  const { rows } = await sql<{ page: string; n: number; unfinished: number; latest: Date; recent: string[] }>`
    select regexp_replace(links ->> 'url', '[?#].*$', '') as page,
      count(*)::integer as n,
      count(*) filter (where state = any(${[...unfinishedStates]}::text[]))::integer as unfinished,
      max(created_at) as latest,
      (array_agg(id order by created_at desc))[1:5] as recent
    from handoffs
    where created_at >= ${from} and links ->> 'url' is not null and links ->> 'url' <> ''
    group by 1
    order by n desc, page
    limit ${pageLimit}
  `.execute(hub.store.db);
  return rows.map((row) => ({ page: row.page, n: row.n, unfinished: row.unfinished, latest: new Date(row.latest).toISOString(), recent: row.recent }));
}

export function registerQuestionRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/dashboard/questions', async (request) => {
    hub.requireRole(request, 'staff');
    const weeks = parseInput(reportPeriodQuery, request.query, 'query').weeks ?? 12;
    const from = new Date(hub.clock().getTime() - weeks * 7 * dayMs);
    const [insights, pages] = await Promise.all([computeInsights(hub, weeks), questionsByPage(hub, from)]);
    return { ...insights, pages };
  });
}
