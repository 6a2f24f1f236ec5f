/**
 * Purchase on demand: for one interlibrary-loan borrowing request, whether the library should
 * give the patron a free open-access copy, point to its own copy, buy the title, have staff
 * review it, or borrow it — with every reason that applies, the one that decided, and a score
 * that ranks the titles worth buying.
 *
 * The verdict is the first of these that applies (the order is the policy's):
 *   1. RequestType "Article"                         → borrow  (article)
 *   2. the library holds the title                  → owned   (owned)
 *   3. document type excluded by the policy         → borrow  (excluded-type)
 *   4. patron status not eligible                   → borrow  (patron-ineligible)
 *   5. published before (as-of year − max_age_years) → borrow  (too-old)
 *   6. price known and above max_price              → borrow  (over-price)
 *   7. known not to be available to buy             → borrow  (unavailable)
 *   8. demand below min_requests                    → borrow  (low-demand)
 *   9. year, price or availability unknown          → review  (no-year, price-unknown, availability-unknown)
 *  10. otherwise                                    → buy     (within-policy)
 * An open-access copy overrides every verdict but `owned` (articles too): → free (open-access).
 *
 * Score (0–100 integer), from three parts each 0–1:
 *   recency  R = 1 − age / (max_age_years + 1), clamped to 0–1, age = as-of year − publication
 *                year (a future year counts as age 0); 0.5 when the year is unknown
 *   demand   D = 1 − 1 / demand (1 request → 0, 2 → 0.5, 4 → 0.75, …)
 *   headroom H = (max_price − price) / max_price, clamped to 0–1 (max_price 0: 1 for a free
 *                title, else 0); 0.5 when the price is unknown or in another currency
 *   x = 0.35 R + 0.40 D + 0.25 H
 *   buy and review: 20 + round(80 x), so 20–100; borrow: round(19 x), so 0–19, still ordered by
 *   how near the title came to being bought; owned and free: 0 (nothing to buy).
 *
 * This file imports no zod, so the browser extension's content script stays small; the policy
 * arrives already parsed. `compilePurchasePolicy` prepares the lookups once for batches.
 */
import type { Reason } from '../errors.js';
import type { Fact, PurchaseFacts, BorrowingRequest } from './request.js';
import type { PurchasePolicy } from './purchase-defaults.js';
import { civilFromDayNumber, dayNumberOfInstant } from './day-number.js';
import { extractIsbns } from './isbn.js';
import { publicationYear } from './publication-year.js';

export const purchaseVerdicts = ['free', 'owned', 'buy', 'review', 'borrow'] as const;
export type PurchaseVerdict = (typeof purchaseVerdicts)[number];

/** Every reason code, in the order reasons are listed (after the deciding one). */
export const purchaseReasonCodes = [
  'open-access',
  'article',
  'owned',
  'excluded-type',
  'patron-ineligible',
  'too-old',
  'over-price',
  'unavailable',
  'low-demand',
  'no-year',
  'price-unknown',
  'availability-unknown',
  'within-policy',
] as const;
export type PurchaseReasonCode = (typeof purchaseReasonCodes)[number];

/** One reason that applies to a request; `isDeciding` marks the one that gave the verdict. */
export interface PurchaseReason extends Reason<PurchaseReasonCode> {
  isDeciding: boolean;
}

/** The facts an evaluation used, each with where it came from; null when unknown. */
export interface PurchaseFactsUsed {
  held: Fact<boolean> | null;
  price: (Fact<number> & { currency?: string }) | null;
  available: Fact<boolean> | null;
  /** Requests for the title in the demand window; `isAssumed` when no count was given and 1 (this request) was used. */
  demand: Fact<number> & { isAssumed: boolean };
  openAccess: Fact<{ url: string; title?: string }> | null;
  publicationYear: Fact<number> | null;
  /** ISBN-13s read from the request's ISSN field. */
  isbns: Fact<string[]>;
}

export interface PurchaseEvaluation {
  verdict: PurchaseVerdict;
  /** 0–100: how strongly the title is worth buying (see the formula at the top of purchase.ts). */
  score: number;
  decidingReason: PurchaseReason;
  /** Every reason that applies, the deciding one first, the rest in `purchaseReasonCodes` order. */
  reasons: PurchaseReason[];
  facts: PurchaseFactsUsed;
}

export interface PurchaseOptions {
  /** ISO 4217 code of the policy's prices (the library's currency); default USD. */
  currency?: string;
}

/**
 * What a request's facts say before demand is counted: enough to reach the verdict, score and
 * reasons once the demand is known, as numbers and a few short texts, so a batch can keep it
 * per row in typed arrays and count demand after reading every row.
 */
export interface PurchaseTraits {
  /** Bit `1 << i` set for each reason `purchaseReasonCodes[i]` that applies (never low-demand or within-policy). */
  reasons: number;
  /** Publication year used, or null when unknown. */
  year: number | null;
  /** The known price (finite), or null. */
  price: number | null;
  /** Upper-case ISO 4217 code of `price`. */
  priceCurrency: string;
  /** UTC year of the as-of day, which sets the age window. */
  asOfYear: number;
  /** Texts the reasons quote: document type and patron status (trimmed), LoanDate (trimmed), open-access URL. */
  documentType: string;
  status: string;
  loanDate: string;
  openAccessUrl: string;
}

/** The verdict, 0–100 score and reasons of an evaluation, without the facts used. */
export type PurchaseJudgement = Pick<PurchaseEvaluation, 'verdict' | 'score' | 'decidingReason' | 'reasons'>;

/** A purchase policy with its lookups prepared, for evaluating many requests. */
export interface PurchaseEvaluator {
  readonly policy: PurchasePolicy;
  readonly currency: string;
  /** `asOf`: a day number (days since 1970-01-01) or an instant, whose UTC year sets the age window. */
  evaluate(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number): PurchaseEvaluation;
  /** The demand-free part of `evaluate` (facts.demand is not read); fills and returns `into` when given. */
  traitsOf(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number, into?: PurchaseTraits): PurchaseTraits;
  /** The rest of `evaluate`: the judgement of `traits` with `demand` requests in the window (assumed: none was counted). */
  judge(traits: Readonly<PurchaseTraits>, demand: number, isDemandAssumed: boolean): PurchaseJudgement;
}

const verdictOf: Record<PurchaseReasonCode, PurchaseVerdict> = {
  'open-access': 'free',
  article: 'borrow',
  owned: 'owned',
  'excluded-type': 'borrow',
  'patron-ineligible': 'borrow',
  'too-old': 'borrow',
  'over-price': 'borrow',
  unavailable: 'borrow',
  'low-demand': 'borrow',
  'no-year': 'review',
  'price-unknown': 'review',
  'availability-unknown': 'review',
  'within-policy': 'buy',
};

// Intl.NumberFormat is slow to build, so one per currency for the life of the page or process.
const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string): Intl.NumberFormat | null {
  let format = moneyFormats.get(currency);
  if (format === undefined) {
    try {
      format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    } catch {
      format = null; // not a well-formed ISO 4217 code; written "182.00 dollars" instead
    }
    moneyFormats.set(currency, format);
  }
  return format;
}

/** An amount of money as staff read it: "$182.00", "€40.00"; an ill-formed code is written after the amount. */
export function formatMoney(amount: number, currency: string): string {
  const format = moneyFormat(currency);
  return format ? format.format(amount) : `${amount.toFixed(2)} ${currency}`;
}

function reason(code: PurchaseReasonCode, message: string): PurchaseReason {
  return { code, message, isDeciding: false };
}

function timesRequested(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

/** Case- and space-insensitive membership, remembering each spelling it has seen (few in practice). */
function caseInsensitiveSet(values: readonly string[]): (value: string) => boolean {
  const members = new Set(values.map((value) => value.trim().toLowerCase()));
  const seen = new Map<string, boolean>();
  return (value) => {
    let isMember = seen.get(value);
    if (isMember === undefined) {
      isMember = members.has(value.trim().toLowerCase());
      // Bounded, so a scrape of odd values cannot grow it without limit.
      if (seen.size > 1000) seen.clear();
      seen.set(value, isMember);
    }
    return isMember;
  };
}

/** Sentences and prices remembered per evaluator before starting afresh (a few MB at most). */
const rememberedLimit = 100_000;

const fromLoanDate = 'request (LoanDate)';
const fromIssnField = 'request (ISSN)';
const assumedDemandSource = 'assumed: only this request is known';

/** Prepares a purchase policy (a parsed `purchase:` section) for evaluating many requests fast. */
export function compilePurchasePolicy(policy: PurchasePolicy, options: PurchaseOptions = {}): PurchaseEvaluator {
  const currency = (options.currency ?? 'USD').toUpperCase();
  const isExcludedType = caseInsensitiveSet(policy.exclude_document_types);
  const isEveryoneEligible = policy.eligible_patron_statuses.length === 0;
  const isEligibleStatus = caseInsensitiveSet(policy.eligible_patron_statuses);
  const eligibleList = policy.eligible_patron_statuses.join(', ');
  const maxPrice = policy.max_price;
  const limitText = formatMoney(maxPrice, currency);
  const window = `in the last ${policy.demand_window_days} days`;
  // Formatted prices repeat across a batch (vendor price lists), so they are remembered. A
  // batch of a million requests has tens of thousands of distinct prices; forgetting them all
  // sooner would format most prices again and again (Intl formatting is slow).
  const priceTexts = new Map<number, string>();
  const priceText = (price: number): string => {
    let text = priceTexts.get(price);
    if (text === undefined) {
      if (priceTexts.size > rememberedLimit) priceTexts.clear();
      text = formatMoney(price, currency);
      priceTexts.set(price, text);
    }
    return text;
  };
  const demandText = (count: number, isAssumed: boolean): string =>
    `${timesRequested(count)} ${window}${isAssumed ? ' (only this request is known)' : ''}`;
  let lastAsOf = Number.NaN;
  let lastAsOfYear = 0;
  const bit = (code: PurchaseReasonCode): number => 1 << purchaseReasonCodes.indexOf(code);
  const bits = {
    openAccess: bit('open-access'),
    article: bit('article'),
    owned: bit('owned'),
    excludedType: bit('excluded-type'),
    patronIneligible: bit('patron-ineligible'),
    tooOld: bit('too-old'),
    overPrice: bit('over-price'),
    unavailable: bit('unavailable'),
    noYear: bit('no-year'),
    priceUnknown: bit('price-unknown'),
    availabilityUnknown: bit('availability-unknown'),
  };
  // The sentences a batch repeats, remembered (bounded, so odd values cannot grow them without limit).
  const remembered = <K>(make: (key: K) => string): ((key: K) => string) => {
    const texts = new Map<K, string>();
    return (key) => {
      let text = texts.get(key);
      if (text === undefined) {
        if (texts.size > rememberedLimit) texts.clear();
        text = make(key);
        texts.set(key, text);
      }
      return text;
    };
  };
  const excludedTypeText = remembered((type: string) => `Document type "${type}" is not bought under the policy`);
  const ineligibleText = remembered((status: string) =>
    status === '' ? `Patron status unknown; purchases are for ${eligibleList} only` : `Patron status "${status}" is not eligible; purchases are for ${eligibleList} only`,
  );
  const tooOldText = remembered((year: number) => `Published ${year}, outside the ${policy.max_age_years}-year window`);
  const overPriceText = remembered((price: number) => `Price ${priceText(price)} is over the ${limitText} limit`);
  const noYearText = remembered((loanDate: string) => (loanDate ? `No publication year in "${loanDate}"` : 'No publication year given'));
  const lowDemandText = remembered((signedCount: number) =>
    `Requested ${demandText(Math.abs(signedCount), signedCount < 0)}; the policy buys at ${policy.min_requests} or more`,
  );

  function traitsOf(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number, into?: PurchaseTraits): PurchaseTraits {
    const asOfDay = typeof asOf === 'number' ? Math.floor(asOf) : dayNumberOfInstant(asOf);
    if (!Number.isFinite(asOfDay)) throw new RangeError(`evaluatePurchase: as-of ${String(asOf)} is not a date or day number`);
    if (asOfDay !== lastAsOf) {
      lastAsOf = asOfDay;
      lastAsOfYear = civilFromDayNumber(asOfDay).year;
    }
    const traits = into ?? ({} as PurchaseTraits);
    let reasons = 0;
    const openAccess = facts.openAccess;
    const available = facts.available;
    const year = facts.publicationYear ? facts.publicationYear.value : publicationYear(request.LoanDate);
    const price = facts.price && Number.isFinite(facts.price.value) ? facts.price : null;
    const priceCurrency = price?.currency ? price.currency.toUpperCase() : currency;
    const isPriceComparable = price !== null && priceCurrency === currency;

    if (openAccess) reasons |= bits.openAccess;
    const requestType = request.RequestType;
    if (requestType === 'Article' || (requestType !== 'Loan' && requestType?.trim().toLowerCase() === 'article')) reasons |= bits.article;
    if (facts.held?.value === true) reasons |= bits.owned;
    const documentType = request.DocumentType;
    if (documentType && isExcludedType(documentType)) reasons |= bits.excludedType;
    let status = '';
    if (!isEveryoneEligible) {
      status = request.Status?.trim() ?? '';
      if (!status || !isEligibleStatus(status)) reasons |= bits.patronIneligible;
    }
    if (year !== null && year < lastAsOfYear - policy.max_age_years) reasons |= bits.tooOld;
    if (isPriceComparable && price.value > maxPrice) reasons |= bits.overPrice;
    if (available?.value === false) reasons |= bits.unavailable;
    if (year === null) reasons |= bits.noYear;
    if (!isPriceComparable) reasons |= bits.priceUnknown;
    if (!available) reasons |= bits.availabilityUnknown;

    traits.reasons = reasons;
    traits.year = year;
    traits.price = price ? price.value : null;
    traits.priceCurrency = priceCurrency;
    traits.asOfYear = lastAsOfYear;
    traits.documentType = reasons & bits.excludedType ? documentType!.trim() : '';
    traits.status = status;
    traits.loanDate = reasons & bits.noYear ? (request.LoanDate?.trim() ?? '') : '';
    traits.openAccessUrl = openAccess ? openAccess.value.url : '';
    return traits;
  }

  function judge(traits: Readonly<PurchaseTraits>, demand: number, isDemandAssumed: boolean): PurchaseJudgement {
    const has = traits.reasons;
    const reasons: PurchaseReason[] = [];
    // This request always counts, so a count below 1 is read as 1.
    const demandCount = Number.isFinite(demand) ? Math.max(1, Math.floor(demand)) : 1;
    const { year, price, priceCurrency } = traits;
    const isPriceComparable = price !== null && priceCurrency === currency;

    // Every reason that applies, in purchaseReasonCodes order.
    if (has & bits.openAccess) reasons.push(reason('open-access', `Free open-access copy: ${traits.openAccessUrl}`));
    if (has & bits.article) reasons.push(reason('article', 'Article request: articles are borrowed, not bought'));
    if (has & bits.owned) reasons.push(reason('owned', 'Already held by the library'));
    if (has & bits.excludedType) reasons.push(reason('excluded-type', excludedTypeText(traits.documentType)));
    if (has & bits.patronIneligible) reasons.push(reason('patron-ineligible', ineligibleText(traits.status)));
    if (has & bits.tooOld) reasons.push(reason('too-old', tooOldText(year!)));
    if (has & bits.overPrice) reasons.push(reason('over-price', overPriceText(price!)));
    if (has & bits.unavailable) reasons.push(reason('unavailable', 'Not available to buy (out of print or not sold)'));
    if (demandCount < policy.min_requests) reasons.push(reason('low-demand', lowDemandText(isDemandAssumed ? -demandCount : demandCount)));
    if (has & bits.noYear) reasons.push(reason('no-year', noYearText(traits.loanDate)));
    if (has & bits.priceUnknown) {
      reasons.push(
        reason(
          'price-unknown',
          price === null ? 'Price unknown' : `Price ${formatMoney(price, priceCurrency)} is in ${priceCurrency}; the ${limitText} limit is in ${currency}`,
        ),
      );
    }
    if (has & bits.availabilityUnknown) reasons.push(reason('availability-unknown', 'Availability to buy unknown'));

    // The verdict: the first reason in policy order, then an open-access copy over all but owned.
    let deciding: PurchaseReason | undefined;
    for (const candidate of reasons) {
      if (candidate.code !== 'open-access') {
        deciding = candidate;
        break;
      }
    }
    if (deciding === undefined) {
      // Nothing stood in the way, so year, price and availability are all known here.
      deciding = reason(
        'within-policy',
        `Within policy: published ${year!}, ${priceText(price!)} within the ${limitText} limit, available to buy, requested ${demandText(demandCount, isDemandAssumed)}`,
      );
      reasons.push(deciding);
    }
    if (has & bits.openAccess && deciding.code !== 'owned') deciding = reasons[0]!;
    deciding.isDeciding = true;
    if (reasons[0] !== deciding) {
      reasons.splice(reasons.indexOf(deciding), 1);
      reasons.unshift(deciding);
    }
    const verdict = verdictOf[deciding.code];
    return {
      verdict,
      score: score(verdict, traits.asOfYear, year ?? undefined, isPriceComparable ? price : undefined, demandCount),
      decidingReason: deciding,
      reasons,
    };
  }

  function evaluate(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number): PurchaseEvaluation {
    const traits = traitsOf(request, facts, asOf);
    const givenDemand = facts.demand && Number.isFinite(facts.demand.value) ? facts.demand : null;
    const demandCount = givenDemand ? Math.max(1, Math.floor(givenDemand.value)) : 1;
    const judgement = judge(traits, demandCount, givenDemand === null);
    let year: Fact<number> | null = facts.publicationYear ?? null;
    if (year === null && traits.year !== null) year = { value: traits.year, source: fromLoanDate };
    return {
      ...judgement,
      facts: {
        held: facts.held ?? null,
        price: facts.price ?? null,
        available: facts.available ?? null,
        demand: givenDemand
          ? { value: demandCount, source: givenDemand.source, asOf: givenDemand.asOf, isAssumed: false }
          : { value: 1, source: assumedDemandSource, isAssumed: true },
        openAccess: facts.openAccess ?? null,
        publicationYear: year,
        isbns: { value: extractIsbns(request.ISSN), source: fromIssnField },
      },
    };
  }

  function score(verdict: PurchaseVerdict, asOfYear: number, year: number | undefined, comparablePrice: number | undefined, demandCount: number): number {
    if (verdict === 'owned' || verdict === 'free') return 0;
    const age = year === undefined ? 0 : Math.max(0, asOfYear - year);
    const recency = year === undefined ? 0.5 : Math.min(1, Math.max(0, 1 - age / (policy.max_age_years + 1)));
    const demandPart = 1 - 1 / demandCount;
    let headroom = 0.5;
    if (comparablePrice !== undefined) {
      headroom = maxPrice > 0 ? Math.min(1, Math.max(0, (maxPrice - comparablePrice) / maxPrice)) : comparablePrice <= 0 ? 1 : 0;
    }
    const x = 0.35 * recency + 0.4 * demandPart + 0.25 * headroom;
    return verdict === 'borrow' ? Math.round(19 * x) : 20 + Math.round(80 * x);
  }

  return { policy, currency, evaluate, traitsOf, judge };
}

// A compiled evaluator per policy object and currency, so the simple call stays fast in a loop.
const compiled = new WeakMap<PurchasePolicy, Map<string, PurchaseEvaluator>>();

/**
 * The purchase verdict for one borrowing request under a policy, with every reason that
 * applies. `asOf` is a day number (days since 1970-01-01) or an instant (its UTC date);
 * prices are in `options.currency` (default USD).
 */
export function evaluatePurchase(
  request: BorrowingRequest,
  policy: PurchasePolicy,
  facts: PurchaseFacts,
  asOf: Date | number,
  options: PurchaseOptions = {},
): PurchaseEvaluation {
  const currency = (options.currency ?? 'USD').toUpperCase();
  let byCurrency = compiled.get(policy);
  if (!byCurrency) {
    byCurrency = new Map();
    compiled.set(policy, byCurrency);
  }
  let evaluator = byCurrency.get(currency);
  if (!evaluator) {
    evaluator = compilePurchasePolicy(policy, { currency });
    byCurrency.set(currency, evaluator);
  }
  return evaluator.evaluate(request, facts, asOf);
}
