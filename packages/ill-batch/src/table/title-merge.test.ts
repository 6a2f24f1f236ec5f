// `ill score` groups requests into titles as core's mergedTitleKeys does (docs/title-merge.md):
// on generated exports where many book requests carry no ISBN, each request's demand is what
// core's countDemand gives over the merged keys, read in one part or in several.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BorrowingRequest } from '@liaison/core/batch';
import { countDemand, defaultPurchasePolicy, mergedTitleKeys, parseCreationDate } from '@liaison/core/batch';
import { afterAll, describe, expect, it } from 'vitest';
import { scoreExport } from '../score-export.js';
import { csvField, isbnsOf, randomSource, writtenIsbn } from '../test-support/seeded-export.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-title-merge-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const columns = ['TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanDate', 'ISSN', 'Status', 'CreationDate'] as const;

/** `count` requests: books asked for under ISBN-10, ISBN-13, both, or none, titles and authors written several ways; editions; articles. */
function generatedRequests(count: number, seed: number): BorrowingRequest[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const books = Array.from({ length: 60 }, (_, n) => ({
    title: `Climate and ${['memory', 'migration', 'the city', 'water', 'empire'][n % 5]} ${n}`,
    surname: ['Okafor', 'García Márquez', 'Smith', 'Nguyen'][n % 4]!,
    forename: ['Amara', 'Gabriel', 'John', 'Mei'][n % 4]!,
    // Every fifth book has a second edition under another ISBN; every seventh has none at all.
    editions: n % 7 === 0 ? [] : n % 5 === 0 ? [isbnsOf(String(300_000_000 + n)), isbnsOf(String(400_000_000 + n))] : [isbnsOf(String(300_000_000 + n))],
  }));
  return Array.from({ length: count }, (_, i): BorrowingRequest => {
    const day = 1 + Math.floor(random() * 28);
    const creation = `2025-0${1 + Math.floor(random() * 6)}-${String(day).padStart(2, '0')} 10:15:00`;
    if (random() < 0.1) return { TransactionNumber: String(1000 + i), RequestType: 'Article', DocumentType: 'Article', LoanTitle: '', LoanAuthor: '', LoanDate: '2024', ISSN: '0378-5955', Status: 'Faculty', CreationDate: creation };
    const book = pick(books);
    const edition = book.editions.length === 0 ? { isbn13: '', isbn10: '' } : pick(book.editions);
    const title = pick([book.title, book.title.toUpperCase(), `The ${book.title} : a reader`, `${book.title}.`]);
    const author = pick([`${book.surname}, ${book.forename}`, `${book.forename} ${book.surname}`, `${book.surname}, ${book.forename[0]}. (ed.)`]);
    // Over a third without an ISBN: a patron typed the title.
    const isbn = random() < 0.35 ? '' : writtenIsbn(edition, random());
    return { TransactionNumber: String(1000 + i), RequestType: 'Loan', DocumentType: 'Book', LoanTitle: title, LoanAuthor: author, LoanDate: '2023', ISSN: isbn, Status: 'Faculty', CreationDate: creation };
  });
}

function exportOf(requests: BorrowingRequest[]): string {
  const lines = requests.map((request) => columns.map((column) => csvField(request[column] ?? '')).join(','));
  return [columns.join(','), ...lines].join('\n') + '\n';
}

describe('ill score groups titles as core mergedTitleKeys does', () => {
  it.each([1, 3])('on 2,000 generated requests read in %i part(s): each request\'s demand is core\'s over the merged titles', async (parts) => {
    const requests = generatedRequests(2000, 20251202);
    const path = join(folder, `requests-${parts}.csv`);
    writeFileSync(path, exportOf(requests));
    const demandOf = new Map<string, number>();
    const run = await scoreExport({ path, policy: defaultPurchasePolicy, asOf: '2025-06-30', threads: 1, parts, onScored: (scored) => demandOf.set(scored.transactionNumber, scored.demand) });
    expect(run.rowsScored).toBe(2000);

    const keys = mergedTitleKeys(requests);
    const expected = countDemand(keys, requests.map((request) => parseCreationDate(request.CreationDate)!), defaultPurchasePolicy.demand_window_days);
    const disagreements = requests.filter((request, i) => demandOf.get(request.TransactionNumber) !== expected[i]).map((request) => request.TransactionNumber);
    expect(disagreements).toEqual([]);
    // The merge must have had work to do: requests without an ISBN that joined an ISBN title.
    const joined = requests.filter((request, i) => request.ISSN === '' && keys[i]!.startsWith('isbn:')).length;
    expect(joined).toBeGreaterThan(300);
    // And the titles most in demand are each listed once.
    const listed = run.topTitles.map((title) => `${title.title.toLowerCase()}|${title.author}`);
    expect(new Set(run.topTitles.map((title) => title.isbn || title.title)).size).toBe(listed.length);
  });
});
