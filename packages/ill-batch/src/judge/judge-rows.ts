/**
 * The writing half of `ill score`: once demand is counted, each row's verdict, score and reasons
 * from its kept findings, a range of rows at a time, with what the summary needs of them.
 */
import type { PurchaseEvaluator, PurchaseFindings, PurchaseReason, PurchaseVerdict } from '@liaison/core/batch';
import type { RequestTable } from '../table/request-table.js';

export type Verdict = PurchaseVerdict;

/** One scored request. The object is reused for the next row: copy what you keep. */
export interface ScoredRequest {
  transactionNumber: string;
  verdict: Verdict;
  /** 0–100. */
  score: number;
  /** The deciding reason first. */
  reasons: PurchaseReason[];
  /** Requests for the same title in the demand window ending on this one's creation day. */
  demand: number;
}

export const demandBucketLabels = ['1', '2', '3', '4–5', '6–10', '11–20', '21+'];
const bucketOf = (demand: number): number =>
  demand <= 3 ? Math.max(0, demand - 1) : demand <= 5 ? 3 : demand <= 10 ? 4 : demand <= 20 ? 5 : 6;

/** A BUY row, for the cost of the BUY list and the report's titles. */
export interface BuyRow {
  row: number;
  /** Known price, or NaN. */
  price: number;
  score: number;
  reasons: PurchaseReason[];
}

/** What the summary needs of the rows judged so far (the caller may empty `buys` as it goes). */
export interface RowTally {
  verdictCounts: Record<Verdict, number>;
  /** demandBuckets[i] counts rows whose demand falls in demandBucketLabels[i]. */
  demandBuckets: number[];
  buys: BuyRow[];
}

export function emptyTally(): RowTally {
  return { verdictCounts: { buy: 0, review: 0, borrow: 0, owned: 0, free: 0 }, demandBuckets: demandBucketLabels.map(() => 0), buys: [] };
}

/** The UTC year of a day number. */
export function civilYearOf(day: number): number {
  return new Date(day * 86_400_000).getUTCFullYear();
}

/**
 * Judges rows `from` to `to` (exclusive) of `table`, adding to `tally` and passing each scored
 * row to `onScored` in order. `demandOfRow` is indexed by row; `asOfYear` is the evaluation's.
 */
export function judgeRows(
  table: RequestTable,
  demandOfRow: Int32Array,
  from: number,
  to: number,
  evaluator: PurchaseEvaluator,
  asOfYear: number,
  tally: RowTally,
  onScored?: (scored: ScoredRequest, row: number) => void,
): void {
  const findings = {} as PurchaseFindings;
  const scored: ScoredRequest = { transactionNumber: '', verdict: 'borrow', score: 0, reasons: [], demand: 0 };
  const { verdictCounts, demandBuckets, buys } = tally;
  for (let row = from; row < to; row++) {
    const demand = demandOfRow[row]!;
    const judgement = evaluator.judge(table.findingsOf(row, asOfYear, findings), demand, false);
    const verdict = judgement.verdict;
    verdictCounts[verdict] += 1;
    demandBuckets[bucketOf(demand)]! += 1;
    if (verdict === 'buy') buys.push({ row, price: table.priceAt(row), score: judgement.score, reasons: judgement.reasons });
    if (onScored) {
      scored.transactionNumber = table.transactionNumber(row);
      scored.verdict = verdict;
      scored.score = judgement.score;
      scored.reasons = judgement.reasons;
      scored.demand = demand;
      onScored(scored, row);
    }
  }
}
