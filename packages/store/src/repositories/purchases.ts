/**
 * Purchase-on-demand decisions and the staff overrides of them. Keeping both lets the library
 * count demand per title and learn which rules staff overrule, and how.
 */
import { sql, type Selectable } from 'kysely';
import type { BorrowingRequest, PurchaseFacts, Reason } from '@liaison/core';
import { iso, json, type PurchaseDecisionsTable, type PurchaseOverridesTable } from '../database.js';
import type { Executor } from '../executor.js';

export interface StoredPurchaseDecision {
  id: number;
  transactionNumber: string;
  request: BorrowingRequest;
  /** FREE, OWNED, BUY, REVIEW or BORROW, as the rules said. */
  verdict: string;
  score: number | null;
  /** The rules' reasons; the first is the one that decided. */
  reasons: Reason[];
  facts: PurchaseFacts;
  decidedAt: string;
  /** The demand-grouping key of the title (core's `titleKey`), when it has one. */
  titleKey: string | null;
  /** Who asked for the decision (a staff token's id, or a batch run). */
  decidedBy: string | null;
}

export type NewPurchaseDecision = Omit<StoredPurchaseDecision, 'id' | 'decidedAt' | 'score' | 'titleKey' | 'decidedBy'> & {
  score?: number | null;
  titleKey?: string | null;
  decidedBy?: string | null;
  decidedAt: Date | string;
};

export interface StoredOverride {
  id: number;
  decisionId: number;
  /** The staff member who overrode. */
  staff: string;
  /** The verdict they chose instead. */
  verdict: string;
  reason: string;
  at: string;
}

export interface OverruledRule {
  /** Code of the deciding (first) reason of the overridden decision. */
  reasonCode: string;
  /** The verdict staff chose instead. */
  overrideVerdict: string;
  count: number;
}

export class PurchaseRepository {
  constructor(private readonly db: Executor) {}

  /** Stores a decision the rules made about a borrowing request. */
  async recordDecision(decision: NewPurchaseDecision): Promise<StoredPurchaseDecision> {
    const row = await this.db
      .insertInto('purchase_decisions')
      .values({
        transaction_number: decision.transactionNumber,
        request: json(decision.request),
        verdict: decision.verdict,
        score: decision.score ?? null,
        reasons: json(decision.reasons),
        facts: json(decision.facts),
        decided_at: decision.decidedAt,
        title_key: decision.titleKey ?? null,
        decided_by: decision.decidedBy ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDecision(row);
  }

  /**
   * Demand for a title: how many distinct borrowing requests (transaction numbers) for it were
   * decided at or after `since`, not counting `excludingTransaction` (the request being judged).
   */
  async countDemand(titleKey: string, since: Date, excludingTransaction?: string): Promise<number> {
    let query = this.db
      .selectFrom('purchase_decisions')
      .select(sql<number>`count(distinct transaction_number)::integer`.as('count'))
      .where('title_key', '=', titleKey)
      .where('decided_at', '>=', since);
    if (excludingTransaction !== undefined) query = query.where('transaction_number', '<>', excludingTransaction);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Records that a staff member overrode a decision, with their verdict and why. */
  async recordOverride(decisionId: number, staff: string, verdict: string, reason: string, at: Date | string): Promise<StoredOverride> {
    const row = await this.db
      .insertInto('purchase_overrides')
      .values({ decision_id: decisionId, staff, verdict, reason, at })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOverride(row);
  }

  /** The newest decision about a borrowing request, or undefined. */
  async latestDecision(transactionNumber: string): Promise<StoredPurchaseDecision | undefined> {
    const row = await this.db
      .selectFrom('purchase_decisions')
      .selectAll()
      .where('transaction_number', '=', transactionNumber)
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toDecision(row) : undefined;
  }

  /** Overrides of one decision, oldest first. */
  async overridesOf(decisionId: number): Promise<StoredOverride[]> {
    const rows = await this.db.selectFrom('purchase_overrides').selectAll().where('decision_id', '=', decisionId).orderBy('at').orderBy('id').execute();
    return rows.map(toOverride);
  }

  /** Which rules staff overrule: overrides counted by (deciding reason code, verdict chosen), most first; optionally only overrides at or after `since`. */
  async overruledRules(since?: Date): Promise<OverruledRule[]> {
    let query = this.db
      .selectFrom('purchase_overrides as o')
      .innerJoin('purchase_decisions as d', 'd.id', 'o.decision_id')
      .select([
        sql<string>`coalesce(d.reasons -> 0 ->> 'code', '(none)')`.as('reasonCode'),
        'o.verdict as overrideVerdict',
        sql<number>`count(*)::integer`.as('count'),
      ])
      .groupBy([sql`1`, 'o.verdict']);
    if (since) query = query.where('o.at', '>=', since);
    return query.orderBy('count', 'desc').orderBy('reasonCode').orderBy('overrideVerdict').execute();
  }
}

function toDecision(row: Selectable<PurchaseDecisionsTable>): StoredPurchaseDecision {
  return {
    id: Number(row.id),
    transactionNumber: row.transaction_number,
    request: row.request as BorrowingRequest,
    verdict: row.verdict,
    score: row.score,
    reasons: row.reasons as Reason[],
    facts: row.facts as PurchaseFacts,
    decidedAt: iso(row.decided_at),
    titleKey: row.title_key,
    decidedBy: row.decided_by,
  };
}

function toOverride(row: Selectable<PurchaseOverridesTable>): StoredOverride {
  return { id: Number(row.id), decisionId: Number(row.decision_id), staff: row.staff, verdict: row.verdict, reason: row.reason, at: iso(row.at) };
}
