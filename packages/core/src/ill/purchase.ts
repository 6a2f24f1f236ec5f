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
 * reasons once the demand is known. A batch finds these for every row as it reads, and judges
 * each row once every row's date is known (demand counts the requests before it).
 */
export interface PurchaseFindings {
  /** Every reason that applies without counting demand, in `purchaseReasonCodes` order (never low-demand or within-policy). */
  reasons: readonly PurchaseReasonCode[];
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
  /** The demand-free part of `evaluate` (facts.demand is not read). */
  findingsOf(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number): PurchaseFindings;
  /** The rest of `evaluate`: the judgement of `findings` with `demand` requests in the window (assumed: none was counted). */
  judge(findings: Readonly<PurchaseFindings>, demand: number, isDemandAssumed: boolean): PurchaseJudgement;
}

/** Where each code stands in `purchaseReasonCodes`. */
const reasonOrder = Object.fromEntries(purchaseReasonCodes.map((code, index) => [code, index])) as Record<PurchaseReasonCode, number>;

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
const fromJournalYear = 'request (PhotoJournalYear)';
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

  function findingsOf(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number): PurchaseFindings {
    const asOfDay = typeof asOf === 'number' ? Math.floor(asOf) : dayNumberOfInstant(asOf);
    if (!Number.isFinite(asOfDay)) throw new RangeError(`evaluatePurchase: as-of ${String(asOf)} is not a date or day number`);
    if (asOfDay !== lastAsOf) {
      lastAsOf = asOfDay;
      lastAsOfYear = civilFromDayNumber(asOfDay).year;
    }
    const openAccess = facts.openAccess;
    const available = facts.available;
    const requestType = request.RequestType;
    const isArticle = requestType === 'Article' || (requestType !== 'Loan' && requestType?.trim().toLowerCase() === 'article');
    // An article's year is its journal issue's (PhotoJournalYear) when LoanDate has none.
    const year = facts.publicationYear ? facts.publicationYear.value : (publicationYear(request.LoanDate) ?? (isArticle ? publicationYear(request.PhotoJournalYear) : null));
    const price = facts.price && Number.isFinite(facts.price.value) ? facts.price : null;
    const priceCurrency = price?.currency ? price.currency.toUpperCase() : currency;
    const isPriceComparable = price !== null && priceCurrency === currency;
    const documentType = request.DocumentType?.trim() ?? '';
    const isExcluded = documentType !== '' && isExcludedType(documentType);
    const status = isEveryoneEligible ? '' : (request.Status?.trim() ?? '');
    const isIneligible = !isEveryoneEligible && (!status || !isEligibleStatus(status));

    // Every reason that applies, in purchaseReasonCodes order.
    const reasons: PurchaseReasonCode[] = [];
    if (openAccess) reasons.push('open-access');
    if (isArticle) reasons.push('article');
    if (facts.held?.value === true) reasons.push('owned');
    if (isExcluded) reasons.push('excluded-type');
    if (isIneligible) reasons.push('patron-ineligible');
    if (year !== null && year < lastAsOfYear - policy.max_age_years) reasons.push('too-old');
    if (isPriceComparable && price.value > maxPrice) reasons.push('over-price');
    if (available?.value === false) reasons.push('unavailable');
    if (year === null) reasons.push('no-year');
    if (!isPriceComparable) reasons.push('price-unknown');
    if (!available) reasons.push('availability-unknown');

    return {
      reasons,
      year,
      price: price ? price.value : null,
      priceCurrency,
      asOfYear: lastAsOfYear,
      documentType: isExcluded ? documentType : '',
      status,
      loanDate: year === null ? (request.LoanDate?.trim() ?? '') : '',
      openAccessUrl: openAccess ? openAccess.value.url : '',
    };
  }

  /** What a reason found before demand was counted says, for these findings. */
  function sentence(code: PurchaseReasonCode, findings: Readonly<PurchaseFindings>): string {
    const { price, priceCurrency } = findings;
    switch (code) {
      case 'open-access':
        return `Free open-access copy: ${findings.openAccessUrl}`;
      case 'article':
        return 'Article request: articles are borrowed, not bought';
      case 'owned':
        return 'Already held by the library';
      case 'excluded-type':
        return excludedTypeText(findings.documentType);
      case 'patron-ineligible':
        return ineligibleText(findings.status);
      case 'too-old':
        return tooOldText(findings.year!);
      case 'over-price':
        return overPriceText(price!);
      case 'unavailable':
        return 'Not available to buy (out of print or not sold)';
      case 'no-year':
        return noYearText(findings.loanDate);
      case 'price-unknown':
        return price === null ? 'Price unknown' : `Price ${formatMoney(price, priceCurrency)} is in ${priceCurrency}; the ${limitText} limit is in ${currency}`;
      case 'availability-unknown':
        return 'Availability to buy unknown';
      default:
        throw new RangeError(`"${code}" is decided by demand, not found before it`);
    }
  }

  function judge(findings: Readonly<PurchaseFindings>, demand: number, isDemandAssumed: boolean): PurchaseJudgement {
    const reasons: PurchaseReason[] = [];
    // This request always counts, so a count below 1 is read as 1.
    const demandCount = Number.isFinite(demand) ? Math.max(1, Math.floor(demand)) : 1;
    const { year, price, priceCurrency } = findings;
    const isPriceComparable = price !== null && priceCurrency === currency;

    // Every reason that applies, in purchaseReasonCodes order: low demand goes in before the first found reason listed after it.
    let isLowDemandToAdd = demandCount < policy.min_requests;
    for (const code of findings.reasons) {
      if (isLowDemandToAdd && reasonOrder[code] > reasonOrder['low-demand']) {
        reasons.push(reason('low-demand', lowDemandText(isDemandAssumed ? -demandCount : demandCount)));
        isLowDemandToAdd = false;
      }
      reasons.push(reason(code, sentence(code, findings)));
    }
    if (isLowDemandToAdd) reasons.push(reason('low-demand', lowDemandText(isDemandAssumed ? -demandCount : demandCount)));

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
    if (findings.reasons[0] === 'open-access' && deciding.code !== 'owned') deciding = reasons[0]!;
    deciding.isDeciding = true;
    if (reasons[0] !== deciding) {
      reasons.splice(reasons.indexOf(deciding), 1);
      reasons.unshift(deciding);
    }
    const verdict = verdictOf[deciding.code];
    return {
      verdict,
      score: score(verdict, findings.asOfYear, year ?? undefined, isPriceComparable ? price : undefined, demandCount),
      decidingReason: deciding,
      reasons,
    };
  }

  function evaluate(request: BorrowingRequest, facts: PurchaseFacts, asOf: Date | number): PurchaseEvaluation {
    const findings = findingsOf(request, facts, asOf);
    const givenDemand = facts.demand && Number.isFinite(facts.demand.value) ? facts.demand : null;
    const demandCount = givenDemand ? Math.max(1, Math.floor(givenDemand.value)) : 1;
    const judgement = judge(findings, demandCount, givenDemand === null);
    let year: Fact<number> | null = facts.publicationYear ?? null;
    if (year === null && findings.year !== null) year = { value: findings.year, source: publicationYear(request.LoanDate) === null ? fromJournalYear : fromLoanDate };
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

  return { policy, currency, evaluate, findingsOf, judge };
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
