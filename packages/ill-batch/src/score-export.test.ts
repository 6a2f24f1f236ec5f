import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPurchasePolicy } from '@liaison/core';
import { describe, expect, it } from 'vitest';
import type { ScoredRequest } from './score-export.js';
import { ExportFormatError, scoreExport } from './score-export.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-score-'));
let files = 0;
/** Writes a CSV file from lines; returns its path. */
function csvFile(lines: string[], lineEnding = '\n'): string {
  const path = join(folder, `export-${++files}.csv`);
  writeFileSync(path, lines.join(lineEnding) + lineEnding, 'utf8');
  return path;
}

const header = 'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,CreationDate';

async function score(path: string, windowDays = 365, extra: { highWaterMark?: number } = {}) {
  const scored: ScoredRequest[] = [];
  const run = await scoreExport({
    path,
    policy: { ...defaultPurchasePolicy, demand_window_days: windowDays },
    asOf: '2025-06-30',
    onScored: (row) => scored.push({ ...row }),
    ...extra,
  });
  return { run, scored, demand: Object.fromEntries(scored.map((s) => [s.transactionNumber, s.demand])) };
}

describe('demand in a batch', () => {
  const cases: { name: string; windowDays?: number; rows: string[]; expected: Record<string, number> }[] = [
    {
      name: 'the ISBN-10 and ISBN-13 of one book, hyphens or not, are one title',
      rows: [
        '1,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,0262044005,2025-03-01',
        '2,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,978-0-262-04400-4,2025-03-02',
        '3,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,"9780262044004 (pbk.)",2025-03-03',
      ],
      expected: { '1': 1, '2': 2, '3': 3 },
    },
    {
      name: 'the window of 365 days ends on the request\'s own day and reaches back 364 days',
      rows: [
        '1,Loan,Book,T,A,2020,9780262044004,2024-01-01',
        '2,Loan,Book,T,A,2020,9780262044004,2024-12-30', // day 364 after: still in the window
        '3,Loan,Book,T,A,2020,9780262044004,2024-12-31', // day 365 after: request 1 has left
      ],
      expected: { '1': 1, '2': 2, '3': 2 },
    },
    {
      name: 'a one-day window counts only that day, later requests of the same day included',
      windowDays: 1,
      rows: [
        '1,Loan,Book,T,A,2020,9780262044004,3/4/2025 4:00:00 PM',
        '2,Loan,Book,T,A,2020,9780262044004,3/4/2025 9:00:00 AM',
        '3,Loan,Book,T,A,2020,9780262044004,3/5/2025 9:00:00 AM',
      ],
      expected: { '1': 2, '2': 2, '3': 1 },
    },
    {
      name: 'without an ISBN, the same normalised title and author are one title',
      rows: [
        '1,Loan,Book,"The Café : a history","Smith, John",2019,,2025-01-10',
        '2,Loan,Book,"cafe","John Smith (ed.)",c2019,,2025-01-11',
        '3,Loan,Book,"cafe","Jones, Ann",2019,,2025-01-12',
      ],
      expected: { '1': 1, '2': 2, '3': 1 },
    },
    {
      name: 'requests in the file out of date order still count only earlier days',
      rows: [
        '1,Loan,Book,T,A,2020,9780262044004,2025-05-01',
        '2,Loan,Book,T,A,2020,9780262044004,2025-01-01',
        '3,Loan,Book,T,A,2020,9780262044004,2025-03-01',
      ],
      expected: { '1': 3, '2': 1, '3': 2 },
    },
  ];
  for (const { name, windowDays, rows, expected } of cases) {
    it(name, async () => {
      const { demand } = await score(csvFile([header, ...rows]), windowDays);
      expect(demand).toEqual(expected);
    });
  }
});

describe('rows of a batch', () => {
  it('keeps input order and skips bad rows with their physical line numbers', async () => {
    const path = csvFile([
      header,
      '10,Loan,Book,"A title that spans',
      'two lines",X,2020,,2025-01-01', // record on lines 2–3
      ',Loan,Book,No number,X,2020,,2025-01-02', // line 4
      '11,Loan,Book,Bad date,X,2020,,2025-13-45', // line 5
      '12,Loan,Book,Too few fields', // line 6
      '13,Loan,Book,Good,X,2020,,3/4/2025 10:15:00 AM', // line 7
      '14,Loan,Book,Too,many,fields,here,2025-01-01,extra', // line 8
      '9,Article,Article,,,2019,0028-0836,2025-01-03', // line 9
    ]);
    const { run, scored } = await score(path);
    expect(scored.map((s) => s.transactionNumber)).toEqual(['10', '13', '9']);
    expect(run.rowsSkipped).toBe(4);
    expect(run.skipped.map((row) => row.line)).toEqual([4, 5, 6, 8]);
    expect(run.skipped[0]!.problem).toMatch(/TransactionNumber/);
    expect(run.skipped[1]!.problem).toMatch(/CreationDate "2025-13-45"/);
    expect(run.skipped[2]!.problem).toMatch(/has 4 fields; the header has 8/);
  });

  it('reads the same with a byte-order mark and CRLF line endings, in tiny chunks', async () => {
    const rows = [header, '1,Loan,Book,Škola żółwia 日本語,X,2020,9780262044004,2025-01-01', '2,Loan,Book,"Two\nlines",X,2020,,2025-01-02', '3,Loan,Book,T,X,2020,,2025-01-03'];
    const plain = await score(csvFile(rows));
    const windows = await score(csvFile(['\uFEFF' + rows[0], ...rows.slice(1)].map((row) => row.replace('\n', '\r\n')), '\r\n'), 365, {
      highWaterMark: 5,
    });
    expect(windows.scored.map((s) => s.transactionNumber)).toEqual(['1', '2', '3']);
    expect(windows.scored).toEqual(plain.scored);
    // The title is read back from the file for the summary, whole across tiny chunks.
    expect(windows.run.topTitles.map((title) => title.title)).toEqual(plain.run.topTitles.map((title) => title.title.replace('\n', '\r\n')));
    expect(windows.run.topTitles.map((title) => title.title)).toContain('Škola żółwia 日本語');
    expect(windows.run.topTitles.map((title) => title.title)).toContain('Two\r\nlines');
  });

  it('matches header names without regard to case and ignores unknown columns', async () => {
    const path = csvFile(['transactionnumber,Extra,CREATIONDATE,loantitle', '1,x,2025-01-01,A book']);
    const { run, scored } = await score(path);
    expect(scored.map((s) => s.transactionNumber)).toEqual(['1']);
    expect(run.topTitles.map((title) => title.title)).toEqual(['A book']);
  });

  it('names the columns it found when there is no TransactionNumber column', async () => {
    const path = csvFile(['Number,Title,CreationDate', '1,A,2025-01-01']);
    await expect(score(path)).rejects.toThrow(ExportFormatError);
    await expect(score(path)).rejects.toThrow(/no TransactionNumber column; columns found: "Number", "Title", "CreationDate"/);
  });

  it('skips a row whose Held, Price or Available cannot be read', async () => {
    const path = csvFile(['TransactionNumber,CreationDate,Held,Price,Available', '1,2025-01-01,maybe,,', '2,2025-01-01,,12 dollars,', '3,2025-01-01,YES,"$1,045.50",No']);
    const { run, scored } = await score(path);
    expect(run.skipped.map((row) => row.problem)).toEqual(['Held "maybe" is not yes or no', 'Price "12 dollars" is not a number']);
    expect(scored.map((s) => [s.transactionNumber, s.verdict])).toEqual([['3', 'owned']]); // Held = YES
  });
});

describe('what kept titles from BUY', () => {
  it('counts each REVIEW title once, by what its requests lacked', async () => {
    const { run } = await score(
      csvFile([
        header,
        // One title asked for three ways (the merge makes it one), no price column: price and availability unknown.
        '1,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,0262044005,2025-03-01',
        '2,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,,2025-03-02',
        '3,Loan,Book,Data feminism,Catherine D\'Ignazio,2020,9780262044004,2025-03-03',
        // Another, with no year either.
        '4,Loan,Book,Untitled notes,"Roe, Sam",n.d.,,2025-03-04',
        // An article is borrowed, not reviewed.
        '5,Article,Article,On data,"Roe, Sam",2024,,2025-03-05',
      ]),
    );
    expect(run.verdictCounts).toEqual({ buy: 0, review: 4, borrow: 1, owned: 0, free: 0 });
    expect(run.review).toEqual({ titles: 2, priceUnknown: 2, yearUnknown: 1, availabilityUnknown: 2 });
  });
});

describe('quiet wrong data is told, and the row still scored', () => {
  it('warns, with lines, of a year after the as-of year, an ISBN with a wrong check digit and a repeated TransactionNumber; reads an article\'s PhotoJournalYear', async () => {
    const scored: ScoredRequest[] = [];
    const run = await scoreExport({
      path: csvFile([
        'TransactionNumber,RequestType,DocumentType,LoanTitle,LoanAuthor,LoanDate,ISSN,PhotoJournalYear,CreationDate',
        '1,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2031,0262044005,,2025-03-01',
        '2,Loan,Book,Data feminism,"D\'Ignazio, Catherine",2020,0262044006,,2025-03-02', // check digit 6, not 5
        '3,Article,Article,,,,0378-5955,2024,2025-03-03',
        '3,Loan,Book,Gene,"Doe, Jane",2024,,,2025-03-04', // the same TransactionNumber again
        '5,Loan,Book,Gene,"Doe, Jane",2024,"0378-5955 (print)",,2025-03-05', // an ISSN: nothing to say
      ]),
      policy: defaultPurchasePolicy,
      asOf: '2025-06-30',
      onScored: (row) => scored.push(structuredClone(row)),
    });
    expect(run.rowsScored).toBe(5);
    expect(run.warningCount).toBe(3);
    expect(run.warnings).toEqual([
      { line: 2, problem: 'publication year 2031 is after 2025, the year scored as of; check LoanDate (or the year looked up)' },
      { line: 3, problem: 'ISSN field "0262044006" holds no valid ISBN (a check digit is wrong: a digit mistyped?); the request is counted by title and author instead' },
      { line: null, problem: 'TransactionNumber 3 appears 2 times; each row is scored (a row exported twice, or two requests under one number?)' },
    ]);
    // The article's year is its journal issue's: no "No publication year given".
    expect(scored[2]!.reasons.map((reason) => reason.code)).toEqual(['article', 'excluded-type', 'price-unknown', 'availability-unknown']);
  });
});
