// A file read in byte-range parts (here in the calling thread, one part after another) must score
// exactly as the whole file read at once: same rows, same skipped lines, same summary. The parts
// start at a line break near each share of the file, which may sit inside a quoted field, so the
// generated export is full of what makes that hard: quoted fields with commas, doubled quotes and
// line breaks, non-ASCII text, and bad rows.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportEncoding, PurchasePolicy } from '@liaison/core';
import { defaultPurchasePolicy } from '@liaison/core';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ExportPartModule from './read/export-part.js';
import type { ExportPartOptions } from './read/export-part.js';
import type { ScoredRequest, ScoreRun } from './score-export.js';
import { scoreExport } from './score-export.js';
import { csvField, foreignTitles, isbnsOf, journals, lineAt, randomSource, secondPartStart, titleWords, writtenIsbn } from './test-support/seeded-export.js';

/** Where each part read began and where it was asked to end, in call order (to see the parts happen). */
const partReads = vi.hoisted(() => [] as { start: number; end: number | undefined }[]);
vi.mock('./read/export-part.js', async (importOriginal) => {
  const original = await importOriginal<typeof ExportPartModule>();
  return {
    ...original,
    readExportPart: (options: ExportPartOptions) => {
      partReads.push({ start: options.start ?? 0, end: options.end });
      return original.readExportPart(options);
    },
  };
});
beforeEach(() => {
  partReads.length = 0;
});

const folder = mkdtempSync(join(tmpdir(), 'liaison-score-parts-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
let files = 0;
function writeExport(text: string | Buffer): string {
  const path = join(folder, `export-${++files}.csv`);
  writeFileSync(path, text);
  return path;
}

// Every verdict but FREE (which needs an open-access look-up) is reachable with this policy.
const policy: PurchasePolicy = {
  ...defaultPurchasePolicy,
  eligible_patron_statuses: ['Faculty', 'Graduate', 'Staff'],
  min_requests: 2,
  demand_window_days: 180,
};

const columns = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanDate', 'ISSN', 'CreationDate',
  'Status', 'PhotoJournalTitle', 'PhotoArticleTitle', 'SpecIns', 'Held', 'Price', 'Available',
];
const header = columns.join(',');

const surnames = ['Smith', 'García', 'Nguyen', 'Müller', 'Okafor', "O'Brien", 'Tanaka'];
const givenNames = ['Ana', 'John', 'Mei', 'Kwame', 'Sofia', 'José'];
const statuses = ['Faculty', 'Graduate', 'Undergraduate', 'Staff', 'Alumni', ''];

interface Book {
  title: string;
  surname: string;
  given: string;
  /** Empty for a book known only by title and author. */
  isbn13: string;
  isbn10: string;
  year: number;
}

/**
 * `count` records of an ILLiad borrowing export (no header, no line endings; line breaks inside
 * quoted fields are "\n"), about 1 in 80 of them bad. Titles repeat with a long tail, so demand
 * builds up and some titles are bought.
 */
function illiadRecords(count: number, seed: number): string[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const books: Book[] = Array.from({ length: Math.max(10, Math.floor(count / 10)) }, (_, index) => {
    const w1 = pick(titleWords);
    let title = `${w1[0]!.toUpperCase()}${w1.slice(1)} and ${pick(titleWords)} ${index}`;
    const style = random();
    if (style < 0.08) title = `${pick(foreignTitles)} ${index}`;
    else if (style < 0.14) title = `${title}, a history`;
    else if (style < 0.18) title = `The "${pick(titleWords)}" question ${index}`;
    else if (style < 0.21) title = `${title}\nvolume ${1 + (index % 3)}`;
    const nine = String(100_000_000 + index * 7919).slice(-9);
    const hasIsbn = random() < 0.8;
    return {
      title,
      surname: pick(surnames),
      given: pick(givenNames),
      ...(hasIsbn ? isbnsOf(nine) : { isbn13: '', isbn10: '' }),
      year: 2005 + Math.floor(random() * 21),
    };
  });
  const firstDay = Date.UTC(2023, 6, 1);
  const records: string[] = [];
  for (let i = 0; i < count; i++) {
    // Roughly in date order, as exports are, with some going back.
    const day = Math.max(0, Math.floor((i / count) * 730) + Math.floor(random() * 41) - 20);
    const when = new Date(firstDay + day * 86_400_000 + Math.floor(random() * 86_400_000));
    const [y, mo, d, h] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate(), when.getUTCHours()];
    const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const dateStyle = random();
    let creationDate =
      dateStyle < 0.6 ? `${mo}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:05:09 ${h < 12 ? 'AM' : 'PM'}` : dateStyle < 0.85 ? iso : `${iso} ${String(h).padStart(2, '0')}:30:00`;
    const numberStyle = random();
    let transactionNumber = numberStyle < 0.02 ? `ILL-${i}` : numberStyle < 0.03 ? `0${700_000 + i}` : String(700_000 + i);
    const notesStyle = random();
    const notes =
      notesStyle < 0.05 ? 'Please scan chapter 3, pages 10-20' : notesStyle < 0.09 ? `Need it by Friday.\nThanks,\n${pick(givenNames)}` : notesStyle < 0.11 ? 'Patron says "urgent"' : notesStyle < 0.12 ? 'Bitte bis Montag — danke' : '';
    const held = random() < 0.08 ? 'yes' : random() < 0.65 ? 'no' : random() < 0.1 ? 'Y' : '';
    const priceStyle = random();
    const price = priceStyle < 0.3 ? '' : priceStyle < 0.34 ? `$1,${String(Math.floor(random() * 1000)).padStart(3, '0')}.50` : (10 + random() * 200).toFixed(2);
    const available = random() < 0.8 ? 'yes' : random() < 0.5 ? 'no' : '';
    const status = pick(statuses);
    const kind = random();
    let fields: string[];
    if (kind < 0.16) {
      const title = random() < 0.1 ? `Über „Daten“ und ${pick(titleWords)}` : `On ${pick(titleWords)}, ${pick(titleWords)} and "${pick(titleWords)}"`;
      const issn = `${1000 + Math.floor(random() * 9000)}-${1000 + Math.floor(random() * 9000)}`;
      fields = [transactionNumber, 'Article', 'Article', '', '', String(2000 + Math.floor(random() * 26)), issn, creationDate, status, pick(journals), title, notes, '', '', ''];
    } else if (kind < 0.18) {
      // Neither title nor ISBN: the request counts alone, by its transaction number.
      fields = [transactionNumber, 'Loan', 'Book', '', '', '', '', creationDate, status, '', '', notes, held, price, available];
    } else {
      // Long tail: u² piles the draws onto the first books.
      const u = random();
      const book = books[Math.floor(books.length * u * u)]!;
      const isbn = writtenIsbn(book, random());
      const author = random() < 0.8 ? `${book.surname}, ${book.given}` : `${book.given} ${book.surname}`;
      const yearStyle = random();
      const loanDate = yearStyle < 0.4 ? String(book.year) : yearStyle < 0.6 ? `c${book.year}` : yearStyle < 0.75 ? `[${book.year}]` : yearStyle < 0.9 ? `${book.year}.` : yearStyle < 0.95 ? 'n.d.' : '';
      const documentType = random() < 0.9 ? 'Book' : pick(['Book Chapter', 'Thesis', 'Dissertation']);
      fields = [transactionNumber, 'Loan', documentType, book.title, author, loanDate, isbn, creationDate, status, '', '', notes, held, price, available];
    }
    let record = fields.map(csvField).join(',');
    const badness = random();
    if (badness < 0.0125) {
      // A badly quoted field is left to its own test below: its problem quotes line numbers.
      const bad = Math.floor(random() * 5);
      if (bad === 0) transactionNumber = '';
      else if (bad === 1) creationDate = '2025-13-45';
      else if (bad === 2) creationDate = 'next Tuesday';
      fields[0] = transactionNumber;
      fields[7] = creationDate;
      if (bad === 3) fields[12] = 'maybe';
      record = fields.map(csvField).join(',');
      if (bad === 4) record = fields.slice(0, 9).map(csvField).join(',');
    }
    records.push(record);
  }
  return records;
}

/** An export's text: header and records with `lineEnding` (also inside quoted fields), ending with one. */
function exportText(records: readonly string[], lineEnding: '\n' | '\r\n' = '\n', byteOrderMark = ''): string {
  const text = [header, ...records].join('\n') + '\n';
  return byteOrderMark + (lineEnding === '\n' ? text : text.replaceAll('\n', '\r\n'));
}

interface Scoring {
  run: Omit<ScoreRun, 'threads'>;
  scored: ScoredRequest[];
}

/** Scores `path` in this thread in `parts` parts; the run without its thread count. */
async function scoreInParts(path: string, parts: number, extra: { highWaterMark?: number; encoding?: ExportEncoding } = {}): Promise<Scoring> {
  const scored: ScoredRequest[] = [];
  const { threads, ...run } = await scoreExport({
    path,
    policy,
    asOf: '2025-06-30',
    threads: 1,
    parts,
    collectBuyList: true,
    // The object (and its reasons) is reused for the next row.
    onScored: (row) => scored.push(structuredClone(row)),
    ...extra,
  });
  expect(threads).toBe(1);
  return { run, scored };
}

const partCounts = [2, 3, 4, 5, 6, 7];
const variants = [
  { name: 'LF line endings', lineEnding: '\n' as const, byteOrderMark: '' },
  { name: 'CRLF line endings and a byte-order mark', lineEnding: '\r\n' as const, byteOrderMark: '\uFEFF' },
];

describe.each(variants)('3,000 generated requests with $name, read in parts', ({ lineEnding, byteOrderMark }) => {
  let path: string;
  let whole: Scoring;
  beforeAll(async () => {
    path = writeExport(exportText(illiadRecords(3000, 20250304), lineEnding, byteOrderMark));
    whole = await scoreInParts(path, 1);
  });

  it('holds what the parts must agree on: bad rows, BUY titles, several verdicts, line breaks in fields', () => {
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n').length - 1).toBeGreaterThan(3001); // line breaks inside quoted fields
    expect(whole.run.rowsSkipped).toBeGreaterThanOrEqual(20);
    expect(whole.run.skipped.length).toBe(whole.run.rowsSkipped);
    expect(whole.run.rowsScored + whole.run.rowsSkipped).toBeGreaterThan(2950);
    const { buy, review, borrow, owned } = whole.run.verdictCounts;
    expect(Math.min(buy, review, borrow, owned)).toBeGreaterThan(20);
    expect(whole.run.buyList!.length).toBeGreaterThan(10);
    expect(whole.run.topTitles).toHaveLength(10);
    expect(whole.scored.some((row) => row.transactionNumber.startsWith('ILL-'))).toBe(true);
    expect(whole.scored.some((row) => row.transactionNumber.startsWith('0'))).toBe(true);
  });

  it.each(partCounts)('%i parts give the same rows, skipped lines, top titles and BUY list as one', async (parts) => {
    const inParts = await scoreInParts(path, parts);
    expect(partReads.length).toBeGreaterThanOrEqual(parts);
    expect(partReads[0]).toEqual({ start: 0, end: partReads[1]!.start });
    expect(inParts.scored.length).toBe(whole.scored.length);
    expect(inParts.scored).toStrictEqual(whole.scored);
    expect(inParts.run.skipped).toStrictEqual(whole.run.skipped);
    expect(inParts.run).toStrictEqual(whole.run);
  });

  it('gives the same result when the parts are read in small pieces', async () => {
    for (const parts of [2, 5]) {
      const inParts = await scoreInParts(path, parts, { highWaterMark: 4099 });
      expect(inParts.scored).toStrictEqual(whole.scored);
      expect(inParts.run).toStrictEqual(whole.run);
    }
  });
});

describe('a quoted field with many line breaks across the middle of the file', () => {
  // Each line of the note looks like a good record, so a part started inside the note would
  // score rows that are not in the file.
  const noteLines = Array.from({ length: 400 }, (_, j) => `${880_000 + j},Loan,Book,Phantom row ${j},Nobody,2024,9780262044004,2025-06-01,Faculty,,,,no,20,yes`);
  const noted = `880999,Loan,Book,Notes in a long field,"Doe, Jane",2023,,2025-05-05,Faculty,,,"BEGIN-NOTES\n${noteLines.join('\n')}\nEND-NOTES",no,30,yes`;

  /** The records with the noted one placed so that as many bytes come before it (header included) as after. */
  function withNoteInTheMiddle(records: readonly string[]): string[] {
    const bytes = records.map((record) => Buffer.byteLength(record + '\n'));
    let before = Buffer.byteLength(header + '\n');
    let after = bytes.reduce((sum, size) => sum + size, 0);
    let at = 0;
    while (before + bytes[at]! < after - bytes[at]!) {
      before += bytes[at]!;
      after -= bytes[at++]!;
    }
    return [...records.slice(0, at), noted, ...records.slice(at)];
  }

  it('with two parts, the second would start inside the quotes; the rest is read again from the record after', async () => {
    const text = exportText(withNoteInTheMiddle(illiadRecords(3000, 7)));
    const path = writeExport(text);
    const bytes = Buffer.from(text, 'utf8');
    const opening = bytes.indexOf('"BEGIN-NOTES');
    const closing = bytes.indexOf('END-NOTES"');
    const middleStart = secondPartStart(bytes);
    expect(middleStart).toBeGreaterThan(opening);
    expect(middleStart).toBeLessThan(closing);
    expect(bytes.subarray(middleStart, middleStart + 40).toString()).toMatch(/^88\d{4},Loan,Book,Phantom row \d+,/);
    const afterNoted = bytes.indexOf('\n', closing) + 1;

    const whole = await scoreInParts(path, 1);
    partReads.length = 0;
    const inTwo = await scoreInParts(path, 2);
    expect(partReads).toEqual([
      { start: 0, end: middleStart },
      { start: middleStart, end: undefined },
      { start: afterNoted, end: undefined },
    ]);
    expect(inTwo.scored.some((row) => row.transactionNumber !== '880999' && row.transactionNumber.startsWith('880'))).toBe(false);
    expect(inTwo.scored.map((row) => row.transactionNumber)).toContain('880999');
    expect(inTwo.scored).toStrictEqual(whole.scored);
    expect(inTwo.run).toStrictEqual(whole.run);
    for (const parts of [3, 4, 7]) {
      const inParts = await scoreInParts(path, parts);
      expect(inParts.scored).toStrictEqual(whole.scored);
      expect(inParts.run).toStrictEqual(whole.run);
    }
  });
});

describe('blank lines where a part would start', () => {
  it('are passed over, so the part is kept and nothing is read again', async () => {
    const records = illiadRecords(3000, 11);
    const plain = exportText(records);
    // Blank lines (LF and CRLF) right after the line break the second part would start at.
    const breakAt = Buffer.from(plain, 'utf8').indexOf(10, Math.floor(Buffer.byteLength(plain) / 2));
    const bytes = Buffer.concat([Buffer.from(plain, 'utf8').subarray(0, breakAt + 1), Buffer.from('\n\r\n\n'), Buffer.from(plain, 'utf8').subarray(breakAt + 1)]);
    const path = writeExport(bytes.toString('utf8'));
    const start = secondPartStart(bytes);
    expect(bytes.subarray(start, start + 4).toString()).toBe('\n\r\n\n');

    const whole = await scoreInParts(path, 1);
    partReads.length = 0;
    const inTwo = await scoreInParts(path, 2);
    expect(partReads).toEqual([
      { start: 0, end: start + 4 },
      { start: start + 4, end: undefined },
    ]);
    expect(inTwo.scored).toStrictEqual(whole.scored);
    expect(inTwo.run).toStrictEqual(whole.run);
  });
});

describe('a bad row in the second part', () => {
  it('is listed with its physical line in the file, counting the line breaks inside quoted fields of the first part', async () => {
    const records = illiadRecords(3000, 99);
    const at = Math.floor(records.length * 0.75);
    const bad = '777777,Loan,Book,A row with a bad date,"Roe, Richard",2021,,the Ides of March,Faculty,,,,no,25,yes';
    const text = exportText([...records.slice(0, at), bad, ...records.slice(at)]);
    const path = writeExport(text);
    const bytes = Buffer.from(text, 'utf8');
    const offset = bytes.indexOf(bad);
    expect(offset).toBeGreaterThan(secondPartStart(bytes));
    const line = lineAt(bytes, offset);
    // The line differs from the record's place: line breaks in quoted fields come before it.
    expect(line).toBeGreaterThan(at + 2);
    const listed = { line, problem: 'CreationDate "the Ides of March" is not a date' };

    const whole = await scoreInParts(path, 1);
    const inTwo = await scoreInParts(path, 2);
    expect(whole.run.skipped).toContainEqual(listed);
    expect(inTwo.run.skipped).toContainEqual(listed);
    expect(inTwo.run.skipped).toStrictEqual(whole.run.skipped);
    expect(inTwo.run).toStrictEqual(whole.run);
  });
});

describe('badly quoted rows after the first part', () => {
  it('are listed with the lines in the file they were read across, as when read in one part', async () => {
    // Papa Parse reads a badly quoted field on to the next quote that can close it: here the
    // quote before the next row's "Title, with a comma", two lines down.
    const badlyQuoted = (n: number) => [
      `QUOTE-${n},Loan,Book,"A "badly" quoted title,X,2020,,2025-02-0${1 + (n % 9)},Faculty,,,,no,,yes`,
      `PLAIN-${n},Loan,Book,Plain title,X,2020,,2025-02-01,Faculty,,,,no,,yes`,
      `COMMA-${n},Loan,Book,"Title, with a comma",X,2020,,2025-02-01,Faculty,,,,no,,yes`,
    ];
    const records = illiadRecords(3000, 5);
    const placed = [...records.slice(0, 300), ...badlyQuoted(1), ...records.slice(300, 2200), ...badlyQuoted(2), ...records.slice(2200)];
    const text = exportText(placed);
    const path = writeExport(text);
    const bytes = Buffer.from(text, 'utf8');
    const offset = bytes.indexOf('QUOTE-2,');
    expect(offset).toBeGreaterThan(secondPartStart(bytes));
    const line = lineAt(bytes, offset);
    const listed = { line, problem: `a quoted field has text after its closing quote (lines ${line}–${line + 2} were read as one row); check the quotes` };

    const whole = await scoreInParts(path, 1);
    expect(whole.run.skipped).toContainEqual(listed);
    for (const parts of partCounts) {
      const inParts = await scoreInParts(path, parts);
      expect(inParts.scored).toStrictEqual(whole.scored);
      expect(inParts.run.skipped).toContainEqual(listed);
      expect(inParts.run).toStrictEqual(whole.run);
    }
  });
});

describe('a file with fewer lines than parts', () => {
  it('is read in as many parts as it has line breaks to start them at, with the same result', async () => {
    const records = [
      '1,Loan,Book,"Two\nlines",X,2022,9780262044004,2025-03-01,Faculty,,,,no,40,yes',
      ',Loan,Book,No number,X,2022,,2025-03-02,Faculty,,,,no,,yes',
      '2,Loan,Book,Data feminism,X,2022,0262044005,2025-03-02,Faculty,,,,no,40,yes',
    ];
    // Without a final line break: the last record ends at the end of the file.
    const path = writeExport(exportText(records).slice(0, -1));
    const whole = await scoreInParts(path, 1);
    expect(whole.scored.map((row) => row.transactionNumber)).toEqual(['1', '2']);
    expect(whole.run.skipped).toEqual([{ line: 4, problem: 'has no TransactionNumber' }]);
    for (const parts of [2, 7, 40]) {
      const inParts = await scoreInParts(path, parts);
      expect(inParts.scored).toStrictEqual(whole.scored);
      expect(inParts.run).toStrictEqual(whole.run);
    }
  });
});

describe('the same export in other encodings', () => {
  // Windows-1252 holds only some characters: the text keeps those and has "?" for the others, in every encoding.
  const isIn1252 = (character: string) => iconv.decode(iconv.encode(character, 'windows-1252'), 'windows-1252') === character;
  const records = illiadRecords(3000, 99).map((record) => [...record].map((character) => (isIn1252(character) ? character : '?')).join(''));
  const text = exportText(records);
  const encoded: [string, Buffer, ExportEncoding | undefined][] = [
    ['UTF-16LE with a byte-order mark', Buffer.from('\ufeff' + text, 'utf16le'), undefined],
    ['UTF-16BE with a byte-order mark', Buffer.from('\ufeff' + text, 'utf16le').swap16(), undefined],
    ['Windows-1252, as asked', iconv.encode(text, 'windows-1252'), 'windows-1252'],
  ];
  let reference: Scoring;
  beforeAll(async () => {
    reference = await scoreInParts(writeExport(text), 1);
  });

  it('holds characters outside ASCII that each encoding writes its own way', () => {
    // Curly quotes and dashes are the bytes 0x80–0x9F of Windows-1252, where it differs from ISO-8859-1.
    expect(text).toMatch(/é/);
    expect(text).toMatch(/[—„“]/);
    expect(reference.run.notUtf8Line).toBeNull();
  });

  it.each(encoded)('%s scores as the UTF-8 file does, in one part or several, read in small pieces or large', async (_name, bytes, encoding) => {
    const path = writeExport(bytes);
    const isUtf16 = encoding === undefined;
    for (const parts of [1, 3]) {
      for (const highWaterMark of [undefined, 4099]) {
        const { run, scored } = await scoreInParts(path, parts, { highWaterMark, encoding });
        expect(scored).toStrictEqual(reference.scored);
        expect(run.encoding).toBe(isUtf16 ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : 'windows-1252');
        expect({ ...run, encoding: 'utf-8' }).toStrictEqual(reference.run);
        // A UTF-16 file cannot be cut at a 0x0A byte, so it is read in one part.
        if (isUtf16) expect(partReads.splice(0)).toHaveLength(1);
      }
    }
  });

  it('a Windows-1252 file, with no encoding named, is read again as Windows-1252 from the first line that is not UTF-8', async () => {
    const bytes = encoded[2]![1];
    const path = writeExport(bytes);
    const firstHighByte = bytes.findIndex((byte) => byte >= 0x80);
    const expectedLine = 1 + bytes.subarray(0, firstHighByte).filter((byte) => byte === 10).length;
    for (const parts of [1, 3]) {
      for (const highWaterMark of [undefined, 4099]) {
        const { run, scored } = await scoreInParts(path, parts, { highWaterMark });
        expect(scored).toStrictEqual(reference.scored);
        expect(run).toStrictEqual({ ...reference.run, encoding: 'windows-1252', notUtf8Line: expectedLine });
      }
    }
  });

  it('a file named as UTF-8 that is not stops, naming the line and how to name its encoding', async () => {
    const path = writeExport(encoded[2]![1]);
    await expect(scoreInParts(path, 3, { encoding: 'utf-8' })).rejects.toThrow(
      /^line \d+ holds bytes that are not UTF-8, but the file was to be read as UTF-8\. Name the encoding it was saved in, e\.g\. --encoding windows-1252/,
    );
  });
});
