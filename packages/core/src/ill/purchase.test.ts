import { describe, expect, it } from 'vitest';
import { dayNumberFromCivil } from './day-number.js';
import { compilePurchasePolicy, evaluatePurchase, formatMoney, purchaseReasonCodes, purchaseVerdicts } from './purchase.js';
import type { PurchaseReasonCode, PurchaseVerdict } from './purchase.js';
import { defaultPurchasePolicy } from './purchase-policy.js';
import type { PurchasePolicy } from './purchase-policy.js';
import type { BorrowingRequest, PurchaseFacts } from './request.js';

const asOf = dayNumberFromCivil(2025, 6, 1);
const baseRequest: BorrowingRequest = {
  TransactionNumber: '700123',
  RequestType: 'Loan',
  DocumentType: 'Book',
  LoanTitle: 'The Café : a history',
  LoanAuthor: 'Smith, John',
  LoanDate: 'c2023',
  ISSN: '0-306-40615-2 (pbk.)',
  Status: 'Faculty',
};
const baseFacts: PurchaseFacts = {
  held: { value: false, source: 'ILS holdings (FOLIO)', asOf: '2025-06-01' },
  price: { value: 45, source: 'vendor price file' },
  available: { value: true, source: 'vendor price file' },
  demand: { value: 3, source: 'request history' },
};
const openAccess: PurchaseFacts['openAccess'] = { value: { url: 'https://doi.org/10.5555/oa' }, source: 'Unpaywall' };

function evaluate(request: Partial<BorrowingRequest>, facts: Partial<PurchaseFacts> & { drop?: (keyof PurchaseFacts)[] }, policy: Partial<PurchasePolicy> = {}) {
  const allFacts: PurchaseFacts = { ...baseFacts, ...facts };
  for (const key of facts.drop ?? []) delete allFacts[key];
  delete (allFacts as { drop?: unknown }).drop;
  return evaluatePurchase({ ...baseRequest, ...request }, { ...defaultPurchasePolicy, ...policy }, allFacts, asOf);
}

type Row = [string, Partial<BorrowingRequest>, Partial<PurchaseFacts> & { drop?: (keyof PurchaseFacts)[] }, Partial<PurchasePolicy>, PurchaseVerdict, PurchaseReasonCode[]];

const precedenceTable: Row[] = [
  ['a recent, cheap, available, wanted book', {}, {}, {}, 'buy', ['within-policy']],
  ['an article request', { RequestType: 'Article', DocumentType: 'Article' }, {}, {}, 'borrow', ['article', 'excluded-type']],
  ['an article request, lower case, no document type', { RequestType: 'article', DocumentType: undefined }, {}, {}, 'borrow', ['article']],
  ['a held book', {}, { held: { value: true, source: 'ILS' } }, {}, 'owned', ['owned']],
  ['a held article: article comes first', { RequestType: 'Article', DocumentType: undefined }, { held: { value: true, source: 'ILS' } }, {}, 'borrow', ['article', 'owned']],
  ['an excluded type', { DocumentType: 'Thesis' }, {}, {}, 'borrow', ['excluded-type']],
  ['an excluded type in other case', { DocumentType: 'BOOK chapter' }, {}, {}, 'borrow', ['excluded-type']],
  ['an excluded type the library wrote in lower case', { DocumentType: 'Score' }, {}, { exclude_document_types: ['score'] }, 'borrow', ['excluded-type']],
  ['an ineligible patron', { Status: 'Undergraduate' }, {}, { eligible_patron_statuses: ['Faculty', 'Graduate'] }, 'borrow', ['patron-ineligible']],
  ['an eligible patron in other case', { Status: 'FACULTY' }, {}, { eligible_patron_statuses: ['faculty'] }, 'buy', ['within-policy']],
  ['a patron of unknown status when statuses are limited', { Status: undefined }, {}, { eligible_patron_statuses: ['Faculty'] }, 'borrow', ['patron-ineligible']],
  ['any patron when no statuses are listed', { Status: 'Community borrower' }, {}, { eligible_patron_statuses: [] }, 'buy', ['within-policy']],
  ['any patron, even of unknown status, when no statuses are listed', { Status: undefined }, {}, {}, 'buy', ['within-policy']],
  ['published before the window (2019 < 2025 − 5)', { LoanDate: '2019' }, {}, {}, 'borrow', ['too-old']],
  ['published on the window edge (2020)', { LoanDate: '[2020]' }, {}, {}, 'buy', ['within-policy']],
  ['a shorter window', { LoanDate: '2022' }, {}, { max_age_years: 2 }, 'borrow', ['too-old']],
  ['over the price limit', {}, { price: { value: 182, source: 'vendor' } }, {}, 'borrow', ['over-price']],
  ['exactly the price limit', {}, { price: { value: 150, source: 'vendor' } }, {}, 'buy', ['within-policy']],
  ['not available to buy', {}, { available: { value: false, source: 'vendor' } }, {}, 'borrow', ['unavailable']],
  ['fewer requests than the minimum', {}, { demand: { value: 2, source: 'history' } }, { min_requests: 3 }, 'borrow', ['low-demand']],
  ['exactly the minimum of requests', {}, { demand: { value: 3, source: 'history' } }, { min_requests: 3 }, 'buy', ['within-policy']],
  ['no demand count: this request alone, enough for 1', {}, { drop: ['demand'] }, {}, 'buy', ['within-policy']],
  ['no demand count: this request alone, not enough for 2', {}, { drop: ['demand'] }, { min_requests: 2 }, 'borrow', ['low-demand']],
  ['no publication year', { LoanDate: 'n.d.' }, {}, {}, 'review', ['no-year']],
  ['no price', {}, { drop: ['price'] }, {}, 'review', ['price-unknown']],
  ['price in another currency', {}, { price: { value: 40, currency: 'EUR', source: 'vendor' } }, {}, 'review', ['price-unknown']],
  ['price in the same currency, written in lower case', {}, { price: { value: 40, currency: 'usd', source: 'vendor' } }, {}, 'buy', ['within-policy']],
  ['availability unknown', {}, { drop: ['available'] }, {}, 'review', ['availability-unknown']],
  ['held unknown is not held', {}, { drop: ['held'] }, {}, 'buy', ['within-policy']],
  ['everything unknown', { LoanDate: undefined }, { drop: ['price', 'available'] }, {}, 'review', ['no-year', 'price-unknown', 'availability-unknown']],
  ['every borrow threshold at once', { LoanDate: '2001' }, { price: { value: 300, source: 'v' }, available: { value: false, source: 'v' }, demand: { value: 1, source: 'h' } }, { min_requests: 2 }, 'borrow', ['too-old', 'over-price', 'unavailable', 'low-demand']],
  ['too old and price unknown: borrow, and both said', { LoanDate: '1990' }, { drop: ['price'] }, {}, 'borrow', ['too-old', 'price-unknown']],
  ['excluded, ineligible, no year', { DocumentType: 'Dissertation', Status: 'Alumni', LoanDate: '19--' }, {}, { eligible_patron_statuses: ['Faculty'] }, 'borrow', ['excluded-type', 'patron-ineligible', 'no-year']],
  ['an article whose year is only in PhotoJournalYear has one', { RequestType: 'Article', DocumentType: undefined, LoanDate: undefined, PhotoJournalYear: '2024' }, {}, {}, 'borrow', ['article']],
  ['a book\'s PhotoJournalYear is not its year', { LoanDate: undefined, PhotoJournalYear: '2024' }, {}, {}, 'review', ['no-year']],
  ['a catalogue year beats the request\'s date', { LoanDate: '2010' }, { publicationYear: { value: 2024, source: 'Google Books' } }, {}, 'buy', ['within-policy']],
  // An open-access copy wins over every verdict but owned.
  ['open access over buy', {}, { openAccess }, {}, 'free', ['open-access', 'within-policy']],
  ['open access over an article', { RequestType: 'Article', DocumentType: 'Article' }, { openAccess }, {}, 'free', ['open-access', 'article', 'excluded-type']],
  ['open access over borrow (too old)', { LoanDate: '1950' }, { openAccess }, {}, 'free', ['open-access', 'too-old']],
  ['open access over review', { LoanDate: undefined }, { openAccess }, {}, 'free', ['open-access', 'no-year']],
  ['owned over open access', {}, { openAccess, held: { value: true, source: 'ILS' } }, {}, 'owned', ['owned', 'open-access']],
  ['open access over a held article (the article verdict is borrow, not owned)', { RequestType: 'Article', DocumentType: undefined }, { openAccess, held: { value: true, source: 'ILS' } }, {}, 'free', ['open-access', 'article', 'owned']],
];

describe('evaluatePurchase: verdict precedence and every reason that applies', () => {
  it.each<Row>(precedenceTable)('%s -> %s %j', (_what, request, facts, policy, verdict, codes) => {
    const result = evaluate(request, facts, policy);
    expect(result.verdict).toBe(verdict);
    expect(result.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(result.decidingReason).toBe(result.reasons[0]);
    expect(result.reasons.filter((reason) => reason.isDeciding)).toEqual([result.decidingReason]);
  });

  it('the table covers every reason code and every verdict', () => {
    expect(new Set(precedenceTable.flatMap((row) => row[5]))).toEqual(new Set(purchaseReasonCodes));
    expect(new Set(precedenceTable.map((row) => row[4]))).toEqual(new Set(purchaseVerdicts));
  });
});

describe('evaluatePurchase: what the reasons say', () => {
  const message = (code: PurchaseReasonCode, ...args: Parameters<typeof evaluate>) =>
    evaluate(...args).reasons.find((reason) => reason.code === code)?.message;

  it.each<[PurchaseReasonCode, Parameters<typeof evaluate>, string]>([
    ['too-old', [{ LoanDate: '2017' }, {}], 'Published 2017, outside the 5-year window'],
    ['over-price', [{}, { price: { value: 182, source: 'v' } }], 'Price $182.00 is over the $150.00 limit'],
    ['within-policy', [{}, {}], 'Within policy: published 2023, $45.00 within the $150.00 limit, available to buy, requested 3 times in the last 365 days'],
    ['within-policy', [{}, { drop: ['demand'] }], 'Within policy: published 2023, $45.00 within the $150.00 limit, available to buy, requested once in the last 365 days (only this request is known)'],
    ['low-demand', [{}, { demand: { value: 2, source: 'h' } }, { min_requests: 3, demand_window_days: 180 }], 'Requested twice in the last 180 days; the policy buys at 3 or more'],
    ['low-demand', [{}, { drop: ['demand'] }, { min_requests: 2 }], 'Requested once in the last 365 days (only this request is known); the policy buys at 2 or more'],
    ['open-access', [{}, { openAccess }], 'Free open-access copy: https://doi.org/10.5555/oa'],
    ['excluded-type', [{ DocumentType: ' thesis ' }, {}], 'Document type "thesis" is not bought under the policy'],
    ['patron-ineligible', [{ Status: 'Staff' }, {}, { eligible_patron_statuses: ['Faculty', 'Graduate'] }], 'Patron status "Staff" is not eligible; purchases are for Faculty, Graduate only'],
    ['no-year', [{ LoanDate: '19--' }, {}], 'No publication year in "19--"'],
    ['no-year', [{ LoanDate: undefined }, {}], 'No publication year given'],
    ['price-unknown', [{}, { price: { value: 40, currency: 'EUR', source: 'v' } }], 'Price €40.00 is in EUR; the $150.00 limit is in USD'],
  ])('%s: %j', (code, args, expected) => {
    expect(message(code, ...args)).toBe(expected);
  });

  it('formats money in the library\'s currency', () => {
    const result = evaluatePurchase(baseRequest, defaultPurchasePolicy, { ...baseFacts, price: { value: 182, source: 'v' } }, asOf, { currency: 'EUR' });
    expect(result.decidingReason.message).toBe('Price €182.00 is over the €150.00 limit');
    expect(formatMoney(1234.5, 'GBP')).toBe('£1,234.50');
    expect(formatMoney(12, 'XYZ')).toMatch(/^XYZ\s12\.00$/); // well-formed but unknown: Intl writes the code
    expect(formatMoney(12, 'dollars')).toBe('12.00 dollars'); // not a currency code at all
  });
});

describe('evaluatePurchase: the facts it used', () => {
  it('returns each fact with its source, and what it read from the request', () => {
    const { facts } = evaluate({ ISSN: '0-306-40615-2 (pbk.); 978-3-16-148410-0' }, { openAccess });
    expect(facts.held).toEqual(baseFacts.held);
    expect(facts.price).toEqual(baseFacts.price);
    expect(facts.openAccess).toEqual(openAccess);
    expect(facts.demand).toEqual({ value: 3, source: 'request history', isAssumed: false });
    expect(facts.publicationYear).toEqual({ value: 2023, source: 'request (LoanDate)' });
    expect(facts.isbns).toEqual({ value: ['9780306406157', '9783161484100'], source: 'request (ISSN)' });
  });

  it('says when demand was assumed, and unknown facts are null', () => {
    const { facts } = evaluate({ LoanDate: undefined }, { drop: ['demand', 'held', 'price', 'available'] });
    expect(facts.demand).toEqual({ value: 1, source: 'assumed: only this request is known', isAssumed: true });
    expect([facts.held, facts.price, facts.available, facts.openAccess, facts.publicationYear]).toEqual([null, null, null, null, null]);
  });

  it('takes the as-of date as a day number or an instant (its UTC year)', () => {
    const request = { ...baseRequest, LoanDate: '2019' };
    const byDay = (day: number) => evaluatePurchase(request, defaultPurchasePolicy, baseFacts, day).verdict;
    expect(byDay(dayNumberFromCivil(2024, 12, 31))).toBe('buy');
    expect(byDay(dayNumberFromCivil(2025, 1, 1))).toBe('borrow');
    expect(evaluatePurchase(request, defaultPurchasePolicy, baseFacts, new Date('2024-12-31T23:59:59Z')).verdict).toBe('buy');
    expect(evaluatePurchase(request, defaultPurchasePolicy, baseFacts, new Date('2025-01-01T00:00:00Z')).verdict).toBe('borrow');
    expect(() => evaluatePurchase(request, defaultPurchasePolicy, baseFacts, new Date('nonsense'))).toThrow(RangeError);
  });

  it('gives the same answer compiled and uncompiled', () => {
    const evaluator = compilePurchasePolicy(defaultPurchasePolicy);
    for (const LoanDate of ['2024', '2001', 'n.d.']) {
      const request = { ...baseRequest, LoanDate };
      expect(evaluator.evaluate(request, baseFacts, asOf)).toEqual(evaluatePurchase(request, defaultPurchasePolicy, baseFacts, asOf));
    }
  });
});

describe('evaluatePurchase: score', () => {
  const scoreOf = (...args: Parameters<typeof evaluate>) => evaluate(...args).score;
  const strictlyIncreasing = (values: number[]) => values.every((value, i) => i === 0 || value > values[i - 1]!);

  it('rises with demand, all else equal', () => {
    const scores = [1, 2, 3, 5, 10].map((value) => scoreOf({}, { demand: { value, source: 'h' } }));
    expect(scores, String(scores)).toSatisfy(strictlyIncreasing);
  });

  it('rises as the price falls, all else equal', () => {
    const scores = [149, 120, 80, 30, 0].map((value) => scoreOf({}, { price: { value, source: 'v' } }));
    expect(scores, String(scores)).toSatisfy(strictlyIncreasing);
  });

  it('rises as the publication gets newer, all else equal', () => {
    const scores = ['2020', '2021', '2022', '2023', '2024', '2025'].map((LoanDate) => scoreOf({ LoanDate }, {}));
    expect(scores, String(scores)).toSatisfy(strictlyIncreasing);
  });

  it('ranks every buy and review above every borrow, and owned and free at 0', () => {
    const buy = scoreOf({ LoanDate: '2020' }, { price: { value: 149, source: 'v' }, demand: { value: 1, source: 'h' } });
    const review = scoreOf({ LoanDate: undefined }, { drop: ['price', 'available'], demand: { value: 1, source: 'h' } });
    const bestBorrow = scoreOf({}, { available: { value: false, source: 'v' }, price: { value: 0, source: 'v' }, demand: { value: 1000, source: 'h' } });
    expect(Math.min(buy, review)).toBeGreaterThanOrEqual(20);
    expect(bestBorrow).toBeLessThan(20);
    expect(bestBorrow).toBeGreaterThan(scoreOf({}, { available: { value: false, source: 'v' }, demand: { value: 1, source: 'h' } }));
    expect(scoreOf({}, { held: { value: true, source: 'ILS' } })).toBe(0);
    expect(scoreOf({}, { openAccess })).toBe(0);
  });

  it('is an integer from 0 to 100', () => {
    const best = scoreOf({ LoanDate: '2025' }, { price: { value: 0, source: 'v' }, demand: { value: 1e9, source: 'h' } });
    expect(best).toBe(100);
    expect(Number.isInteger(scoreOf({ LoanDate: '2021' }, { price: { value: 77.7, source: 'v' } }))).toBe(true);
  });
});

describe('findingsOf and judge (a batch counts demand after reading every row)', () => {
  const evaluator = compilePurchasePolicy({ ...defaultPurchasePolicy, min_requests: 2 });
  const cases: { name: string; request: BorrowingRequest; facts: PurchaseFacts }[] = [
    { name: 'within policy', request: { TransactionNumber: '1', RequestType: 'Loan', DocumentType: 'Book', LoanDate: '2024' }, facts: { price: { value: 40, source: 't' }, available: { value: true, source: 't' } } },
    { name: 'no year, price unknown', request: { TransactionNumber: '2', RequestType: 'Loan', LoanDate: '[19--]' }, facts: {} },
    { name: 'an article with an open-access copy', request: { TransactionNumber: '3', RequestType: 'Article' }, facts: { openAccess: { value: { url: 'https://example.org/a' }, source: 't' } } },
    { name: 'price in another currency', request: { TransactionNumber: '4', RequestType: 'Loan', LoanDate: '2023' }, facts: { price: { value: 30, currency: 'eur', source: 't' }, available: { value: true, source: 't' } } },
  ];
  for (const { name, request, facts } of cases) {
    it(`${name}: judging the findings with a demand is evaluating with that demand`, () => {
      const findings = evaluator.findingsOf(request, facts, asOf);
      for (const demand of [1, 2, 5]) {
        const { facts: _used, ...expected } = evaluator.evaluate(request, { ...facts, demand: { value: demand, source: 't' } }, asOf);
        expect(evaluator.judge(findings, demand, false)).toEqual(expected);
      }
      const { facts: _used, ...assumed } = evaluator.evaluate(request, facts, asOf);
      expect(evaluator.judge(findings, 1, true)).toEqual(assumed);
    });
  }
});
