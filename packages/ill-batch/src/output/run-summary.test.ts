import { defaultPurchasePolicy } from '@liaison/core/batch';
import { describe, expect, it } from 'vitest';
import type { ScoreRun } from '../score-export.js';
import { renderIllReport } from './report-html.js';
import { formatRunSummary, formatSkippedRows, formatWarnings, whyNotBought } from './run-summary.js';

/** A run of one request, one title on the BUY list, one row skipped. */
function runOfOne(overrides: Partial<ScoreRun> = {}): ScoreRun {
  return {
    rowsScored: 1,
    rowsSkipped: 1,
    skipped: [],
    verdictCounts: { buy: 1, review: 0, borrow: 0, owned: 0, free: 0 },
    topTitles: [{ title: 'Climate Migration and the City', author: 'Okafor, Amara', isbn: '9780306406157', requests: 1, peakDemand: 1 }],
    demandBuckets: [1, 0, 0, 0, 0, 0, 0],
    buy: { titles: 1, priced: 1, unpriced: 0, cost: 45 },
    review: { titles: 0, priceUnknown: 0, yearUnknown: 0, availabilityUnknown: 0 },
    warningCount: 0,
    warnings: [],
    buyList: [],
    threads: 1,
    encoding: 'utf-8',
    notUtf8Line: null,
    ...overrides,
  };
}

const context = { asOf: '2025-06-30', currency: 'USD', windowDays: 1, policySource: 'built-in defaults' };

describe('counts of one are written in the singular', () => {
  it('in the summary: "Scored 1 request", "1 row skipped", "The title by demand", "1 day", "1 distinct title"', () => {
    const lines = formatRunSummary(runOfOne(), context);
    expect(lines[0]).toBe('Scored 1 request as of 2025-06-30 with the purchase policy from built-in defaults; 1 row skipped.');
    expect(lines).toContain('The title by demand (most requests within 1 day; requests in the file):');
    expect(lines.at(-1)).toBe('Buying the BUY list: 1 distinct title; the one with a price costs $45.00.');
    expect(lines.join('\n')).not.toMatch(/\b1 (requests|rows|titles|days)\b|Top 1 titles/);
  });

  it('and in the plural otherwise', () => {
    const lines = formatRunSummary(runOfOne({ rowsScored: 2, rowsSkipped: 3, buy: { titles: 2, priced: 2, unpriced: 1, cost: 90 } }), { ...context, windowDays: 365 });
    expect(lines[0]).toBe('Scored 2 requests as of 2025-06-30 with the purchase policy from built-in defaults; 3 rows skipped.');
    expect(lines.at(-1)).toBe('Buying the BUY list: 2 distinct titles; the 2 with a price cost $90.00; 1 has no price.');
  });

  it('in the list of skipped rows: "... and 1 more row skipped"', () => {
    const run = runOfOne({ rowsSkipped: 2, skipped: [{ line: 3, problem: 'has no TransactionNumber' }] });
    expect(formatSkippedRows(run)).toEqual(['line 3: has no TransactionNumber; row skipped', '... and 1 more row skipped']);
  });

  it('in the report: "1 request scored", "1 row … was skipped", "1 distinct title", and an empty BUY list says so', () => {
    const reportContext = { fileName: 'requests.csv', asOf: '2025-06-30', currency: 'USD', policy: { ...defaultPurchasePolicy, demand_window_days: 1 }, policySource: 'built-in defaults' };
    const page = renderIllReport(runOfOne(), reportContext);
    expect(page).toContain('<p>1 request scored; 1 row could not be read and was skipped.');
    expect(page).toContain('1 distinct title on the BUY list; the one with a known price costs <strong>$45.00</strong>.');
    expect(page).toContain('arrived within 1 day up to each request');
    const empty = renderIllReport(runOfOne({ buy: { titles: 0, priced: 0, unpriced: 0, cost: 0 } }), reportContext);
    expect(empty).toContain('<p class="totals">The BUY list is empty.</p>');
    expect(empty).not.toContain('0 distinct titles');
  });
});

describe('what kept titles from BUY', () => {
  const noPrices = runOfOne({
    verdictCounts: { buy: 0, review: 204, borrow: 133, owned: 0, free: 0 },
    buy: { titles: 0, priced: 0, unpriced: 0, cost: 0 },
    review: { titles: 171, priceUnknown: 171, yearUnknown: 12, availabilityUnknown: 171 },
  });

  it('is said in the summary, the missing fact for the most titles first, with what to do', () => {
    const lines = formatRunSummary(noPrices, { ...context, windowDays: 365 });
    const at = lines.indexOf('171 titles are at REVIEW, kept from BUY by what is not known:');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  price unknown for 171 titles: add a Price column, a vendor price file (connectors.price), or --enrich',
      '  availability to buy unknown for 171 titles: add an Available column, a vendor price file, or --enrich',
      "  no publication year for 12 titles: the export's LoanDate is empty or has no whole year; --enrich can ask Google Books",
    ]);
    expect(lines.at(-1)).toBe('The BUY list is empty.');
  });

  it('is said in the report, and an empty list of eligible statuses reads as every patron', () => {
    const page = renderIllReport(noPrices, { fileName: 'requests.csv', asOf: '2025-06-30', currency: 'USD', policy: defaultPurchasePolicy, policySource: 'built-in defaults' });
    expect(page).toContain('<h2>What kept titles from BUY</h2>\n<p>171 titles are at REVIEW, kept from BUY by what is not known:</p>');
    expect(page).toContain('<li>price unknown for 171 titles: add a Price column, a vendor price file (connectors.price), or --enrich</li>');
    expect(page).toContain('<th scope="row">eligible_patron_statuses</th><td>every patron (no status is excluded)</td>');
  });

  it('says nothing when no title is at REVIEW', () => {
    expect(whyNotBought(runOfOne())).toEqual([]);
    expect(renderIllReport(runOfOne(), { fileName: 'f.csv', asOf: '2025-06-30', currency: 'USD', policy: defaultPurchasePolicy, policySource: 'x' })).not.toContain('What kept titles from BUY');
  });
});

describe('warnings: rows scored but worth a look', () => {
  it('are listed with their lines, then how many more', () => {
    const run = runOfOne({
      warningCount: 3,
      warnings: [
        { line: 4, problem: 'publication year 2031 is after 2025, the year scored as of; check LoanDate (or the year looked up)' },
        { line: null, problem: 'TransactionNumber 7 appears 2 times; each row is scored (a row exported twice, or two requests under one number?)' },
      ],
    });
    expect(formatWarnings(run)).toEqual([
      'line 4: publication year 2031 is after 2025, the year scored as of; check LoanDate (or the year looked up); row scored',
      'TransactionNumber 7 appears 2 times; each row is scored (a row exported twice, or two requests under one number?)',
      '... and 1 more warning',
    ]);
    expect(formatWarnings(runOfOne())).toEqual([]);
  });
});

describe('the report lists the rows to check', () => {
  it('skipped rows with their lines and why, and the warnings', () => {
    const run = runOfOne({
      rowsSkipped: 1,
      skipped: [{ line: 3, problem: 'has no TransactionNumber' }],
      warningCount: 1,
      warnings: [{ line: 5, problem: 'publication year 2031 is after 2025, the year scored as of; check LoanDate (or the year looked up)' }],
    });
    const page = renderIllReport(run, { fileName: 'f.csv', asOf: '2025-06-30', currency: 'USD', policy: defaultPurchasePolicy, policySource: 'x' });
    expect(page).toContain('<h2>Rows to check in the export</h2>');
    expect(page).toContain('<p>1 row could not be read and was left out:</p>\n<ul><li>line 3: has no TransactionNumber; row skipped</li></ul>');
    expect(page).toContain('<p>1 row was scored but deserves a look:</p>');
    expect(page).toContain('<li>line 5: publication year 2031 is after 2025');
  });
});
