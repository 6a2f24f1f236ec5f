import { describe, expect, it } from 'vitest';
import { createDemoLibrary, featuredPatrons } from './index.js';
import { gatherPurchaseFacts } from '../sources.js';
import { extractIsbns, normalizeIsbn } from '@liaison/core';

const march = () => new Date('2025-03-10T15:00:00Z');

// Mod-10 check of a 14-digit library barcode: odd positions doubled (less 9 over 9).
function isValidLibraryBarcode(barcode: string): boolean {
  if (!/^[23]1234\d{9}$/.test(barcode)) return false;
  const total = [...barcode].reduce((sum, character, index) => {
    const digit = Number(character);
    if (index === 13 || index % 2 === 1) return sum + digit;
    return sum + (digit * 2 > 9 ? digit * 2 - 9 : digit * 2);
  }, 0);
  return total % 10 === 0;
}

describe('createDemoLibrary', () => {
  it('gives the same library for the same seed and time, and another for another seed', () => {
    const first = createDemoLibrary({ seed: 7, now: march });
    const second = createDemoLibrary({ seed: 7, now: march });
    const other = createDemoLibrary({ seed: 8, now: march });
    expect(second.listPatrons()).toEqual(first.listPatrons());
    expect(second.listTransactions()).toEqual(first.listTransactions());
    expect(second.listBooks()).toEqual(first.listBooks());
    expect(other.listBooks()).not.toEqual(first.listBooks());
    expect(other.listPatrons().slice(3)).not.toEqual(first.listPatrons().slice(3));
  });

  it('does not use Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('the demo library must not use Math.random');
    };
    try {
      expect(() => createDemoLibrary({ now: march }).listPatrons()).not.toThrow();
    } finally {
      Math.random = original;
    }
  });

  it('has 40 or more patrons of every type, with unique e-mails and valid barcodes', () => {
    const patrons = createDemoLibrary({ now: march }).listPatrons();
    expect(patrons.length).toBeGreaterThanOrEqual(40);
    const types = new Set(patrons.map((patron) => patron.identity.patronType));
    for (const type of ['Undergraduate', 'Graduate', 'Faculty', 'Staff', 'Community borrower', 'Alumni']) expect(types).toContain(type);
    const emails = patrons.map((patron) => patron.identity.email!);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/^[a-z-]+\.[a-z]+\d*@(northfield\.edu|alumni\.northfield\.edu|example\.net)$/);
    for (const patron of patrons) {
      expect(isValidLibraryBarcode(patron.identity.barcode!), patron.identity.barcode).toBe(true);
      for (const loan of patron.loans) expect(isValidLibraryBarcode(loan.barcode!), loan.barcode).toBe(true);
    }
  });

  it('has about 200 books, every ISBN-13 valid and unique, most priced, some held, a few free', () => {
    const books = createDemoLibrary({ now: march }).listBooks();
    expect(books.length).toBeGreaterThanOrEqual(180);
    // Checked by core's reading of ISBNs (ISO 2108), not by the demo's own check-digit code.
    for (const book of books) expect(normalizeIsbn(book.isbn), book.isbn).toBe(book.isbn);
    expect(new Set(books.map((book) => book.isbn)).size).toBe(books.length);
    expect(new Set(books.map((book) => book.title)).size).toBe(books.length);
    const share = (count: number) => count / books.length;
    expect(share(books.filter((book) => book.price !== undefined).length)).toBeGreaterThan(0.6);
    expect(share(books.filter((book) => book.isHeld).length)).toBeGreaterThan(0.15);
    expect(books.filter((book) => book.openAccessUrl).length).toBeGreaterThanOrEqual(2);
    for (const book of books) expect(book.year).toBeLessThanOrEqual(2025);
  });

  it('loans fall due relative to now: overdue ones are past, and their flag says so', () => {
    const patrons = createDemoLibrary({ now: march }).listPatrons();
    const loans = patrons.flatMap((patron) => patron.loans);
    for (const loan of loans) expect(loan.isOverdue).toBe(new Date(loan.dueAt).getTime() < march().getTime());
    expect(loans.filter((loan) => loan.isOverdue).length).toBeGreaterThan(3);
    const soon = loans.filter((loan) => !loan.isOverdue && new Date(loan.dueAt).getTime() - march().getTime() < 3 * 86_400_000);
    expect(soon.length).toBeGreaterThan(3);
  });

  it('moves with the clock: a week later the same loan is due a week later', () => {
    const later = () => new Date('2025-03-17T15:00:00Z');
    const [amaraNow] = createDemoLibrary({ now: march }).listPatrons();
    const [amaraLater] = createDemoLibrary({ now: later }).listPatrons();
    const shift = new Date(amaraLater!.loans[0]!.dueAt).getTime() - new Date(amaraNow!.loans[0]!.dueAt).getTime();
    expect(shift).toBe(7 * 86_400_000);
  });

  it('finds a patron by e-mail (any case) or barcode, and answers null for anyone else', async () => {
    const library = createDemoLibrary({ now: march });
    const amara = await library.patrons.findPatron({ email: ' Amara.Okafor@Northfield.edu ' });
    expect(amara?.identity.name).toBe('Amara Okafor');
    expect(await library.patrons.findPatron({ barcode: amara!.identity.barcode })).toEqual(amara);
    expect(await library.patrons.findPatron({ email: 'someone.else@northfield.edu' })).toBeNull();
    expect(await library.patrons.findPatron({})).toBeNull();
  });

  it('gives the featured patrons the situations the README promises, for any seed', async () => {
    for (const seed of [1874, 2, 99]) {
      const library = createDemoLibrary({ seed, now: march });
      const amara = (await library.patrons.findPatron({ email: featuredPatrons.withLoansFinesAndIll }))!;
      expect(amara.identity.barcode).toBe('21234004000006');
      expect(amara.loans).toHaveLength(4);
      expect(amara.loans.filter((loan) => loan.isOverdue)).toHaveLength(1);
      expect(amara.standing.fines.reduce((sum, fine) => sum + fine.amount, 0)).toBe(6.5);
      expect(amara.standing.blocks).toEqual([]);
      expect(amara.illRequests.map((request) => request.status).sort()).toEqual([
        'Awaiting Request Processing',
        'Checked Out to Customer',
        'In Transit to Pickup Location',
      ]);

      const mateo = (await library.patrons.findPatron({ email: featuredPatrons.blocked }))!;
      expect(mateo.standing.blocks.map((block) => block.code)).toEqual(['max-outstanding-fee-fine-balance']);
      expect(mateo.illRequests.map((request) => request.status)).toEqual(['Cancelled by ILL Staff']);

      const meiLin = (await library.patrons.findPatron({ email: featuredPatrons.faculty }))!;
      expect(meiLin.identity.patronType).toBe('Faculty');
      expect(meiLin.identity.liaisonLibrarian).toBe('Tomasz Nowak');
      expect(meiLin.loans).toHaveLength(9);
      expect(meiLin.illRequests).toHaveLength(4);
    }
  });

  it('blocks exactly the patrons who owe $25 or more, automatically', () => {
    for (const patron of createDemoLibrary({ now: march }).listPatrons()) {
      const owed = patron.standing.fines.reduce((sum, fine) => sum + fine.amount, 0);
      const isFeeBlocked = patron.standing.blocks.some((block) => block.code === 'max-outstanding-fee-fine-balance');
      expect(isFeeBlocked, patron.identity.name).toBe(owed >= 25);
    }
  });

  it('ILL transactions can be looked up by number, use ILLiad statuses and repeat some titles', async () => {
    const library = createDemoLibrary({ now: march });
    const transactions = library.listTransactions();
    expect(transactions.length).toBeGreaterThanOrEqual(60);
    const numbers = transactions.map((transaction) => Number(transaction.TransactionNumber));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);

    const books = new Map(library.listBooks().map((book) => [book.title, book]));
    for (const transaction of transactions) {
      expect(['Undergraduate', 'Graduate', 'Faculty', 'Staff', 'Alumni']).toContain(transaction.Status);
      expect(Number.isNaN(Date.parse(transaction.CreationDate!))).toBe(false);
      if (transaction.RequestType === 'Loan') {
        // However the ISBN is written, it is the requested book's.
        expect(extractIsbns(transaction.ISSN)).toContain(books.get(transaction.LoanTitle!)!.isbn);
        expect(transaction.LoanDate).toMatch(/^(c?\d{4}\.?|\[\d{4}\])$/);
      } else {
        expect(transaction.RequestType).toBe('Article');
        expect(transaction.PhotoArticleTitle).toBeTruthy();
      }
    }
    const titles = transactions.map((transaction) => transaction.LoanTitle).filter(Boolean);
    const requestedSeveralTimes = [...new Set(titles)].filter((title) => titles.filter((other) => other === title).length >= 3);
    expect(requestedSeveralTimes.length).toBeGreaterThanOrEqual(2);

    const one = transactions[5]!;
    expect(await library.illRequests.getTransaction(one.TransactionNumber)).toEqual(one);
    expect(await library.illRequests.getTransaction('1')).toBeNull();

    const patronStatuses = new Set(library.listPatrons().flatMap((patron) => patron.illRequests.map((request) => request.status)));
    for (const status of ['Awaiting Request Processing', 'Request Sent', 'In Transit to Pickup Location', 'Checked Out to Customer', 'Cancelled by ILL Staff']) {
      expect(patronStatuses).toContain(status);
    }
  });

  it('answers purchase facts for its own requests: Amara\'s title is buyable, Mei-Lin\'s is owned or free', async () => {
    const library = createDemoLibrary({ now: march });
    const sources = { holdings: [library.holdings], prices: [library.prices], openAccess: [library.openAccess] };
    const requestOf = async (email: string, status: string, type: string) => {
      const patron = (await library.patrons.findPatron({ email }))!;
      const entry = patron.illRequests.find((request) => request.status === status && request.requestType === type)!;
      return (await library.illRequests.getTransaction(entry.transactionNumber))!;
    };

    const amaraRequest = await requestOf(featuredPatrons.withLoansFinesAndIll, 'Awaiting Request Processing', 'Loan');
    const amaraFacts = await gatherPurchaseFacts(amaraRequest, sources, { now: march });
    expect(amaraFacts.missing).toEqual([]);
    expect(amaraFacts.facts.held?.value).toBe(false);
    expect(amaraFacts.facts.price?.value).toBeGreaterThan(0);
    expect(amaraFacts.facts.available?.value).toBe(true);
    const sameTitle = library.listTransactions().filter((transaction) => transaction.LoanTitle === amaraRequest.LoanTitle);
    expect(sameTitle.length).toBeGreaterThanOrEqual(4);

    const owned = await requestOf(featuredPatrons.faculty, 'Awaiting Request Processing', 'Loan');
    expect((await gatherPurchaseFacts(owned, sources, { now: march })).facts.held?.value).toBe(true);

    const article = await requestOf(featuredPatrons.faculty, 'Awaiting Request Processing', 'Article');
    expect(article.DOI).toMatch(/^10\.5555\//);
    const free = await gatherPurchaseFacts(article, sources, { now: march });
    expect(free.facts.openAccess?.value.url).toMatch(/^https:\/\//);
  });

  it('finds prices and holdings whichever way the ISBN is written', async () => {
    const library = createDemoLibrary({ now: march });
    const book = library.listBooks().find((entry) => entry.price !== undefined)!;
    expect((await library.prices.priceOf([book.isbn]))?.price?.value).toBe(book.price);
    const written10 = library.listTransactions().find((transaction) => /^\d{9}[\dX]$/.test(transaction.ISSN ?? ''))!;
    const requested = library.listBooks().find((entry) => entry.title === written10.LoanTitle)!;
    expect((await library.holdings.isHeld({ isbns: [written10.ISSN!] }))?.value).toBe(requested.isHeld);
    expect(await library.prices.priceOf(['9780306406157'])).toBeUndefined();
    expect(await library.holdings.isHeld({ isbns: [] })).toBeUndefined();
    expect((await library.holdings.isHeld({ isbns: [], oclcNumber: book.oclcNumber }))?.value).toBe(book.isHeld);
  });
});
