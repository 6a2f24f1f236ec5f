/**
 * The verdicts, scores and reasons of a batch's rows, remembered per distinct combination of what
 * decides them (the reasons that apply, the texts they quote, publication year, price, demand).
 * A batch repeats a few tens of thousands of combinations across a million rows, and judging a
 * row makes a dozen objects and strings; a remembered judgement is handed out again as it is,
 * the same object, so its reasons must not be changed by whoever receives them.
 */
import type { PurchaseEvaluator, PurchaseJudgement, PurchaseTraits } from '@liaison/core';
import type { RequestTable } from './request-table.js';

/** Combinations remembered before the memory is started afresh (keeps memory flat). */
const rememberedLimit = 100_000;

/** Judgements of the rows of one table, for one evaluator and as-of year. */
export class RememberedJudgements {
  readonly #evaluator: PurchaseEvaluator;
  readonly #table: RequestTable;
  readonly #asOfYear: number;
  readonly #traits = {} as PurchaseTraits;
  /** combination id × 4096 + demand → judgement. */
  #byKey = new Map<number, PurchaseJudgement>();

  /** `asOfYear`: the UTC year of the evaluation day. */
  constructor(evaluator: PurchaseEvaluator, table: RequestTable, asOfYear: number) {
    this.#evaluator = evaluator;
    this.#table = table;
    this.#asOfYear = asOfYear;
  }

  /** The judgement of `row` with `demand` requests in its window. */
  of(row: number, demand: number): PurchaseJudgement {
    const combination = this.#table.combinationAt(row);
    // Kept below 2^30, so the key is a small integer, which a Map neither boxes nor hashes slowly.
    if (combination >= 1 << 18 || demand >= 1 << 12 || demand < 0 || !Number.isInteger(demand)) return this.#judge(row, demand);
    const key = combination * (1 << 12) + demand;
    let judgement = this.#byKey.get(key);
    if (judgement === undefined) {
      judgement = this.#judge(row, demand);
      if (this.#byKey.size >= rememberedLimit) this.#byKey = new Map();
      this.#byKey.set(key, judgement);
    }
    return judgement;
  }

  #judge(row: number, demand: number): PurchaseJudgement {
    return this.#evaluator.judge(this.#table.traitsOf(row, this.#asOfYear, this.#traits), demand, false);
  }
}
