/**
 * Buy or borrow: purchase suggestions sent to acquisitions (hand-offs carrying an ILL transaction)
 * and what became of them, the titles most requested, and which rules staff overrule. All counted
 * in SQL; titles and transaction numbers only, never the patron who asked.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { unfinishedStates } from '@liaison/core';
import type { HubContext } from '../create-hub.js';
import { parseInput } from '../http-error.js';
import { reportPeriodQuery } from './report-period.js';
import { hasRole } from '../auth.js';

const dayMs = 86_400_000;
const listLimit = 100;

/** The report; `withOverrides` (coordinators) adds which rules staff overrule, as the API's own summary does. */
export async function purchaseReport(hub: HubContext, weeks: number, withOverrides: boolean) {
  const now = hub.clock();
  const from = new Date(now.getTime() - weeks * 7 * dayMs);
  const unfinished = [...unfinishedStates];
  const suggestion = sql`links ->> 'illTransactionNumber' is not null and created_at >= ${from}`;
  const [outcomes, waiting, titles, overruled] = await Promise.all([
    sql<{ state: string; n: number }>`
      select state, count(*)::integer as n from handoffs where ${suggestion} group by state order by n desc, state
    `.execute(hub.store.db),
    sql<{ id: string; summary: string; department: string; state: string; created_at: Date; transaction: string; verdict: string | null }>`
      select h.id, h.summary, h.department, h.state, h.created_at, h.links ->> 'illTransactionNumber' as transaction,
        (select d.verdict from purchase_decisions d where d.transaction_number = h.links ->> 'illTransactionNumber'
          order by d.decided_at desc, d.id desc limit 1) as verdict
      from handoffs h
      where ${suggestion} and h.state = any(${unfinished}::text[])
      order by h.created_at
      limit ${listLimit}
    `.execute(hub.store.db),
    sql<{ title_key: string; title: string | null; requests: number; latest_verdict: string; latest: Date }>`
      select title_key,
        (array_agg(request ->> 'LoanTitle' order by decided_at desc))[1] as title,
        count(distinct transaction_number)::integer as requests,
        (array_agg(verdict order by decided_at desc, id desc))[1] as latest_verdict,
        max(decided_at) as latest
      from purchase_decisions
      where decided_at >= ${from} and title_key is not null
      group by title_key
      order by requests desc, latest desc
      limit 25
    `.execute(hub.store.db),
    withOverrides ? hub.store.purchases.overruledRules(from) : Promise.resolve(null),
  ]);
  return {
    from: from.toISOString(),
    outcomes: outcomes.rows,
    waiting: waiting.rows.map((row) => ({
      id: row.id,
      summary: row.summary,
      department: row.department,
      state: row.state,
      createdAt: new Date(row.created_at).toISOString(),
      ageMinutes: Math.round((now.getTime() - new Date(row.created_at).getTime()) / 60_000),
      transaction: row.transaction,
      verdict: row.verdict,
    })),
    titles: titles.rows.map((row) => ({ titleKey: row.title_key, title: row.title, requests: row.requests, latestVerdict: row.latest_verdict, latest: new Date(row.latest).toISOString() })),
    overruled,
  };
}

export function registerPurchaseReportRoutes(app: FastifyInstance, hub: HubContext): void {
  app.get('/api/v1/dashboard/purchases', async (request) => {
    const principal = hub.requireRole(request, 'staff');
    const weeks = parseInput(reportPeriodQuery, request.query, 'query').weeks ?? 12;
    return purchaseReport(hub, weeks, hasRole(principal.role, 'coordinator'));
  });
}
