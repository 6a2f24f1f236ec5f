// `liaison ill score` from the built @liaison/server on exports large enough to be read in two
// parts by two worker threads (8 MiB a part at least): `--threads 2` must write byte for byte
// what `--threads 1` writes, and the same summary, also when the line break in the middle of the
// file sits inside a quoted field, and a bad row in the second part must be named by its line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { CommandIO } from '@liaison/server';
import { main } from '@liaison/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, foreignTitles, isbnsOf, journals, lineAt, randomSource, secondPartStart, titleWords, writtenIsbn } from '../../packages/ill-batch/src/test-support/seeded-export.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-ill-threads-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** Two parts need at least this many bytes (score-export.ts reads 8 MiB a part at least). */
const twoPartsBytes = 16 << 20;

const columns = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanPublisher', 'LoanPlace', 'LoanDate', 'ISSN',
  'ESPNumber', 'PhotoJournalTitle', 'PhotoArticleTitle', 'Status', 'TransactionStatus', 'CreationDate', 'SpecIns',
  'Held', 'Price', 'Available',
];
const header = columns.join(',');

const authors = ['Smith, Ana', 'García, José', 'Nguyen, Mei', 'Müller, Lars', "O'Brien, Hannah", 'Okafor, Kwame'];
const publishers = ['Oxford University Press', 'Routledge', 'MIT Press', 'Éditions Gallimard', 'University of Chicago Press'];
const places = ['Oxford', 'New York', 'London', 'Chicago, IL', 'Cambridge, Mass.', 'Paris'];
const statuses = ['Faculty', 'Graduate', 'Undergraduate', 'Staff', 'Distance Education'];
const transactionStatuses = ['Request Finished', 'Checked Out to Customer', 'Awaiting Request Processing'];

/**
 * `count` good records of an ILLiad borrowing export (no header, no line endings; line breaks
 * inside quoted fields are "\n"): books asked for again and again under ISBNs written several
 * ways or under title and author alone, articles, quoted fields with commas, doubled quotes and
 * line breaks, non-ASCII titles.
 */
function illiadRecords(count: number, seed: number): string[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const books = Array.from({ length: Math.floor(count / 8) }, (_, index) => {
    const style = random();
    const base = `${pick(titleWords)} and ${pick(titleWords)}: the ${pick(titleWords)} of ${pick(titleWords)} ${index}`;
    const title = style < 0.05 ? `${pick(foreignTitles)} ${index}` : style < 0.1 ? `${base}, revisited` : style < 0.13 ? `The "${pick(titleWords)}" question ${index}` : style < 0.15 ? `${base}\nvolume ${1 + (index % 3)}` : base;
    const nine = String(100_000_000 + index * 7919).slice(-9);
    const isbns = random() < 0.8 ? isbnsOf(nine) : { isbn13: '', isbn10: '' };
    return { title, author: pick(authors), publisher: pick(publishers), place: pick(places), ...isbns, year: 2005 + Math.floor(random() * 21) };
  });
  const firstDay = Date.UTC(2023, 6, 1);
  const records: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = Math.max(0, Math.floor((i / count) * 730) + Math.floor(random() * 41) - 20);
    const when = new Date(firstDay + day * 86_400_000 + Math.floor(random() * 86_400_000));
    const [y, mo, d, h] = [when.getUTCFullYear(), when.getUTCMonth() + 1, when.getUTCDate(), when.getUTCHours()];
    const creationDate =
      random() < 0.75 ? `${mo}/${d}/${y} ${h % 12 === 0 ? 12 : h % 12}:05:09 ${h < 12 ? 'AM' : 'PM'}` : `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const notesStyle = random();
    const notes = notesStyle < 0.04 ? 'Please scan chapter 3, pages 10-20' : notesStyle < 0.07 ? 'Need it by Friday.\nThanks' : notesStyle < 0.09 ? 'Patron says "urgent"' : '';
    const held = random() < 0.08 ? 'yes' : random() < 0.7 ? 'no' : '';
    const priceStyle = random();
    const price = priceStyle < 0.3 ? '' : priceStyle < 0.33 ? '$1,045.50' : (10 + random() * 200).toFixed(2);
    const available = random() < 0.85 ? 'yes' : 'no';
    const fields =
      random() < 0.18
        ? [String(300_000 + i), 'Article', 'Article', '', '', '', '', String(2000 + (i % 26)), `${1000 + (i % 9000)}-${2000 + (i % 7000)}`, String(10_000_000 + i), pick(journals), `On ${pick(titleWords)}, ${pick(titleWords)} and "${pick(titleWords)}"`, pick(statuses), pick(transactionStatuses), creationDate, notes, '', '', '']
        : (() => {
            const u = random();
            const book = books[Math.floor(books.length * u * u)]!;
            const isbn = writtenIsbn(book, random());
            const loanDate = random() < 0.5 ? String(book.year) : `c${book.year}`;
            return [String(300_000 + i), 'Loan', 'Book', book.title, book.author, book.publisher, book.place, loanDate, isbn, String(10_000_000 + i), '', '', pick(statuses), pick(transactionStatuses), creationDate, notes, held, price, available];
          })();
    records.push(fields.map(csvField).join(','));
  }
  return records;
}

/** The bad rows of the large file: no number, a date that is none, too few fields. */
function badRecord(n: number): string {
  const good = ['', 'Loan', 'Book', `Bad row ${n}`, 'Roe, Richard', 'Routledge', 'London', '2021', '', '1', '', '', 'Faculty', 'Request Finished', '2025-03-03', '', 'no', '30', 'yes'];
  if (n % 3 === 1) return [`BAD${n}`, ...good.slice(1, 14), 'the Ides of March', ...good.slice(15)].map(csvField).join(',');
  if (n % 3 === 2) return [`BAD${n}`, ...good.slice(1, 6)].map(csvField).join(',');
  return good.map(csvField).join(',');
}

/** Writes an export (header, records, `lineEnding` after each, also inside quoted fields); returns its path and bytes. */
function writeExport(name: string, records: readonly string[], lineEnding: '\n' | '\r\n' = '\n'): { path: string; bytes: Buffer } {
  const text = [header, ...records].join('\n') + '\n';
  const bytes = Buffer.from(lineEnding === '\n' ? text : text.replaceAll('\n', '\r\n'), 'utf8');
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

interface Scored {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** Worker threads started during the run. */
  workers: number;
}

/** Runs `liaison ill score path --threads N` in-process with the built-in policy. */
async function score(path: string, threads: number, format: 'csv' | 'json' = 'csv'): Promise<Scored> {
  const stdout: Buffer[] = [];
  let stderr = '';
  let workers = 0;
  const io: CommandIO = {
    stdout: Object.assign(new Writable({ write: (chunk: Buffer, _encoding, done) => (stdout.push(Buffer.from(chunk)), done()) }), { isTTY: false }),
    stderr: Object.assign(new Writable({ write: (chunk, _encoding, done) => ((stderr += chunk), done()) }), { isTTY: false }),
    cwd: folder,
    env: {},
  };
  const countWorker = () => workers++;
  process.on('worker', countWorker);
  try {
    const code = await main(['ill', 'score', path, '--as-of', '2025-06-30', '--format', format, '--threads', String(threads)], io);
    return { code, stdout: Buffer.concat(stdout), stderr, workers };
  } finally {
    process.off('worker', countWorker);
  }
}

let records: string[];
beforeAll(() => {
  records = illiadRecords(90_000, 20250304);
});

describe('a 90,000-request export read by two threads', () => {
  let path: string;
  let bytes: Buffer;
  const bad = [5_000, 30_000, 47_000, 61_000, 88_000];
  beforeAll(() => {
    const withBad = [...records];
    bad.forEach((at, n) => withBad.splice(at + n, 0, badRecord(n)));
    ({ path, bytes } = writeExport('large.csv', withBad, '\r\n'));
  });

  it.each(['csv', 'json'] as const)('writes the same %s bytes and the same summary as one thread', async (format) => {
    expect(bytes.length).toBeGreaterThanOrEqual(twoPartsBytes);
    const one = await score(path, 1, format);
    const two = await score(path, 2, format);
    expect(one.workers).toBe(0);
    expect(two.workers).toBe(2);
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
    expect(one.stderr).toMatch(/^line \d+: has no TransactionNumber; row skipped$/m);
    expect(one.stderr).toMatch(/Scored 90,000 requests as of 2025-06-30 with the purchase policy from .*; 5 rows skipped\./);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.length).toBe(one.stdout.length);
    expect(two.stdout.equals(one.stdout)).toBe(true);
  });

  it('names each bad row by its line in the file, in the second part too', async () => {
    const two = await score(path, 2);
    const lines = bad.map((_, n) => lineAt(bytes, bytes.indexOf(`\n${n % 3 === 0 ? '' : `BAD${n}`},Loan,Book,Bad row ${n},`) + 1));
    expect(bytes.indexOf('Bad row 4,')).toBeGreaterThan(secondPartStart(bytes));
    expect(two.stderr.split('\n').slice(0, 5)).toEqual([
      `line ${lines[0]}: has no TransactionNumber; row skipped`,
      `line ${lines[1]}: CreationDate "the Ides of March" is not a date; row skipped`,
      `line ${lines[2]}: has 6 fields; the header has 19; row skipped`,
      `line ${lines[3]}: has no TransactionNumber; row skipped`,
      `line ${lines[4]}: CreationDate "the Ides of March" is not a date; row skipped`,
    ]);
  });
});

describe('a huge quoted field with many line breaks across the middle of the file', () => {
  it('is read whole: two threads write what one writes, and no line of the field becomes a row', async () => {
    // Each line of the note looks like a good record: a part started inside the note would score them.
    const noteLines = Array.from({ length: 20_000 }, (_, j) => `${800_000 + j},Loan,Book,Phantom row ${j},Nobody,Nowhere,Paris,2024,9780262044004,1,,,Faculty,Request Finished,2025-06-01,,no,20,yes`);
    const noted = `399999,Loan,Book,Notes in a long field,"Doe, Jane",Routledge,London,2023,,1,,,Faculty,Request Finished,2025-05-05,"BEGIN-NOTES\n${noteLines.join('\n')}\nEND-NOTES",no,30,yes`;
    // As many bytes before the noted record as after it, so the middle falls inside its note.
    const middle = records.length / 2;
    const { path, bytes } = writeExport('midpoint.csv', [...records.slice(0, middle), noted, ...records.slice(middle)]);
    expect(bytes.length).toBeGreaterThanOrEqual(twoPartsBytes);
    const start = secondPartStart(bytes);
    expect(start).toBeGreaterThan(bytes.indexOf('"BEGIN-NOTES'));
    expect(start).toBeLessThan(bytes.indexOf('END-NOTES"'));

    const one = await score(path, 1);
    const two = await score(path, 2);
    expect(two.workers).toBe(2);
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(one.stderr).toMatch(/Scored 90,001 requests/);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(one.stdout.toString()).not.toMatch(/^8\d{5},/m);
  });
});

describe('an export with one bad row in its second half', () => {
  it('exits 2 and names the row by its line in the file', async () => {
    const at = 70_000;
    const bad = '399998,Loan,Book,A row with a bad date,"Roe, Richard",Routledge,London,2021,,1,,,Faculty,Request Finished,the Ides of March,,no,25,yes';
    const { path, bytes } = writeExport('bad-row.csv', [...records.slice(0, at), bad, ...records.slice(at)]);
    expect(bytes.length).toBeGreaterThanOrEqual(twoPartsBytes);
    const offset = bytes.indexOf(bad);
    expect(offset).toBeGreaterThan(secondPartStart(bytes));
    const line = lineAt(bytes, offset);
    // Line breaks inside quoted fields before it: its line is not its record's place plus one.
    expect(line).toBeGreaterThan(at + 2);

    const two = await score(path, 2);
    expect(two.workers).toBe(2);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(new RegExp(`^line ${line}: CreationDate "the Ides of March" is not a date; row skipped\n\nScored 90,000 requests as of 2025-06-30 with the purchase policy from [^\n]*; 1 row skipped\\.\n`));
    const one = await score(path, 1);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.equals(one.stdout)).toBe(true);
  });
});

describe('a large export saved by Excel as "CSV (Comma delimited)" (Windows-1252), with no encoding named', () => {
  it('is read again as Windows-1252 in both threads: two threads write what one writes, with the same note', async () => {
    const text = [header, ...records].join('\r\n') + '\r\n';
    // Windows-1252 and ISO-8859-1 agree on ASCII and 0xA0–0xFF; characters past those become "?".
    const bytes = Buffer.from(text.replace(/[^\x00-\x7f\xa0-\xff]/g, '?'), 'latin1');
    expect(bytes.length).toBeGreaterThanOrEqual(twoPartsBytes);
    const path = join(folder, 'windows-1252.csv');
    writeFileSync(path, bytes);
    const firstLine = lineAt(bytes, bytes.findIndex((byte) => byte >= 0x80));
    const utf8Path = join(folder, 'windows-1252-as-utf-8.csv');
    writeFileSync(utf8Path, bytes.toString('latin1'), 'utf8');

    const two = await score(path, 2);
    const one = await score(path, 1);
    const asUtf8 = await score(utf8Path, 2);
    expect(two.workers).toBe(2); // the same two read again
    expect(two.code).toBe(0);
    expect(two.stderr.split('\n')[0]).toMatch(new RegExp(`^Note: line ${firstLine} holds bytes that are not UTF-8, so the file was read as Windows-1252`));
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout.equals(one.stdout)).toBe(true);
    expect(two.stdout.equals(asUtf8.stdout)).toBe(true);
    expect(two.stderr.split('\n').slice(2).join('\n')).toBe(asUtf8.stderr);
  });
});
