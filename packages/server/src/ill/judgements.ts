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
  /** traitsKey → price (NaN: unknown) → judgement. */
  #byKey = new Map<number, Map<number, PurchaseJudgement>>();
  #size = 0;

  /** `asOfYear`: the UTC year of the evaluation day. */
  constructor(evaluator: PurchaseEvaluator, table: RequestTable, asOfYear: number) {
    this.#evaluator = evaluator;
    this.#table = table;
    this.#asOfYear = asOfYear;
  }

  /** The judgement of `row` with `demand` requests in its window. */
  of(row: number, demand: number): PurchaseJudgement {
    const key = this.#table.traitsKey(row, demand);
    if (key < 0) return this.#judge(row, demand);
    const price = this.#table.priceAt(row);
    let byPrice = this.#byKey.get(key);
    let judgement = byPrice?.get(price);
    if (judgement !== undefined) return judgement;
    judgement = this.#judge(row, demand);
    if (this.#size >= rememberedLimit) {
      this.#byKey = new Map();
      this.#size = 0;
      byPrice = undefined;
    }
    if (byPrice === undefined) {
      byPrice = new Map();
      this.#byKey.set(key, byPrice);
    }
    byPrice.set(price, judgement);
    this.#size++;
    return judgement;
  }

  #judge(row: number, demand: number): PurchaseJudgement {
    return this.#evaluator.judge(this.#table.traitsOf(row, this.#asOfYear, this.#traits), demand, false);
  }
}
