/**
 * The demo library: Northfield University Library, fictional from end to end, answering every
 * source interface offline so `npm start` shows real-looking patrons, loans, holdings, prices and
 * ILL requests on a fresh machine. The same seed and the same `now` give the same library.
 */
import { normalizeIsbn, type BorrowingRequest, type Fact, type PatronContext } from '@liaison/core';
import type { HoldingsSource, IllRequestSource, OpenAccessSource, PatronSource, PriceSource } from '../sources.js';
import { makeCatalogue, type DemoArticle, type DemoBook } from './catalogue.js';
import { makePatrons, type DemoPatron } from './patrons.js';
import { seededRandom } from './random.js';
import { isbnFieldOf, loanDateOf, makeTransactions, type DemoTransaction } from './transactions.js';

/** The seed the README's examples were written with. */
export const defaultDemoSeed = 1874;

export interface DemoLibraryOptions {
  seed?: number;
  /** The current time; loans fall due and requests age relative to it. */
  now: () => Date;
}

export interface DemoLibrary {
  readonly seed: number;
  readonly patrons: PatronSource;
  readonly holdings: HoldingsSource;
  readonly prices: PriceSource;
  readonly illRequests: IllRequestSource;
  readonly openAccess: OpenAccessSource;
  /** Every patron as the patron source would answer for them now, the three featured first. */
  listPatrons(): PatronContext[];
  /** Every ILL borrowing transaction, oldest first. */
  listTransactions(): BorrowingRequest[];
  /** The catalogue's books (with holdings, vendor price and open-access copy). */
  listBooks(): DemoBook[];
  listArticles(): DemoArticle[];
}

const day = 86_400_000; // milliseconds
const currency = 'USD';

/** Builds the demo library for `seed` (default 1874); times are computed from `now()` at each call. */
export function createDemoLibrary({ seed = defaultDemoSeed, now }: DemoLibraryOptions): DemoLibrary {
  const currentYear = now().getUTCFullYear();
  const { books, articles } = makeCatalogue(seededRandom(seed, 'catalogue'), currentYear);
  const patrons = makePatrons(seededRandom(seed, 'patrons'), books, currentYear);
  const transactions = makeTransactions(seededRandom(seed, 'transactions'), patrons, books, articles);

  const bookById = new Map(books.map((book) => [book.id, book]));
  const bookByIsbn = new Map(books.map((book) => [book.isbn, book]));
  const bookByOclc = new Map(books.map((book) => [book.oclcNumber, book]));
  const articleById = new Map(articles.map((article) => [article.id, article]));
  const articleByDoi = new Map(articles.map((article) => [article.doi.toLowerCase(), article]));
  const patronById = new Map(patrons.map((patron) => [patron.id, patron]));
  const transactionByNumber = new Map(transactions.map((transaction) => [transaction.transactionNumber, transaction]));

  const book = (id: string) => bookById.get(id)!;
  const booksFor = (isbns: string[]) =>
    isbns.map((isbn) => bookByIsbn.get(normalizeIsbn(isbn) ?? isbn)).filter((found): found is DemoBook => found !== undefined);

  function contextOf(patron: DemoPatron, at: Date): PatronContext {
    return {
      identity: {
        id: patron.id,
        name: patron.name,
        email: patron.email,
        barcode: patron.barcode,
        username: patron.username,
        patronType: patron.patronType,
        affiliation: patron.affiliation,
        liaisonLibrarian: patron.liaisonLibrarian,
        expiresOn: dateOnly(daysFrom(at, patron.expiresInDays)),
      },
      standing: {
        blocks: patron.blocks.map((block) => ({ ...block })),
        fines: patron.fines.map((fine) => ({
          amount: fine.amount,
          reason: fine.reason,
          ...(fine.bookId ? { title: book(fine.bookId).title } : {}),
          createdAt: daysFrom(at, -fine.daysAgo).toISOString(),
        })),
        currency,
      },
      loans: patron.loans.map((loan) => {
        const dueAt = dueAtEndOfDay(at, loan.dueInDays);
        return {
          title: book(loan.bookId).title,
          author: book(loan.bookId).author,
          barcode: loan.itemBarcode,
          dueAt: dueAt.toISOString(),
          isOverdue: dueAt.getTime() < at.getTime(),
          renewals: loan.renewals,
        };
      }),
      holds: patron.holds.map((hold) => ({
        title: book(hold.bookId).title,
        status: hold.status,
        placedAt: daysFrom(at, -hold.placedDaysAgo).toISOString(),
        pickupLocation: hold.pickupLocation,
        ...(hold.expiresInDays !== undefined ? { expiresAt: dueAtEndOfDay(at, hold.expiresInDays).toISOString() } : {}),
      })),
      illRequests: transactions
        .filter((transaction) => transaction.patronId === patron.id)
        .map((transaction) => ({
          transactionNumber: transaction.transactionNumber,
          title: titleOf(transaction),
          requestType: transaction.requestType,
          status: transaction.status,
          updatedAt: daysFrom(at, -transaction.updatedDaysAgo).toISOString(),
          ...(transaction.dueInDays !== undefined ? { dueAt: dueAtEndOfDay(at, transaction.dueInDays).toISOString() } : {}),
        })),
      handoffs: [],
      tickets: [],
      missing: [],
    };
  }

  function titleOf(transaction: DemoTransaction): string {
    return transaction.bookId ? book(transaction.bookId).title : articleById.get(transaction.articleId!)!.title;
  }

  function requestOf(transaction: DemoTransaction, at: Date): BorrowingRequest {
    const patron = patronById.get(transaction.patronId)!;
    const common = {
      TransactionNumber: transaction.transactionNumber,
      RequestType: transaction.requestType,
      Status: patron.patronType,
      CreationDate: daysFrom(at, -transaction.createdDaysAgo).toISOString(),
    };
    if (transaction.bookId) {
      const requested = book(transaction.bookId);
      return {
        ...common,
        DocumentType: 'Book',
        LoanTitle: requested.title,
        LoanAuthor: requested.author,
        LoanPublisher: requested.publisher,
        LoanDate: loanDateOf(requested.year, transaction.dateStyle),
        ISSN: isbnFieldOf(requested, transaction.isbnStyle),
        ESPNumber: requested.oclcNumber,
      };
    }
    const article = articleById.get(transaction.articleId!)!;
    return {
      ...common,
      DocumentType: 'Article',
      PhotoJournalTitle: article.journal,
      PhotoArticleTitle: article.title,
      ISSN: article.issn,
      DOI: article.doi,
    };
  }

  const patronSource: PatronSource = {
    system: 'Demo ILS',
    async findPatron(by, options) {
      if (options?.signal?.aborted) throw options.signal.reason;
      const email = by.email?.trim().toLowerCase();
      const barcode = by.barcode?.trim();
      const patron = patrons.find((candidate) => (email && candidate.email === email) || (barcode && candidate.barcode === barcode));
      return patron ? contextOf(patron, now()) : null;
    },
  };

  const holdings: HoldingsSource = {
    system: 'Demo ILS',
    async isHeld({ isbns, oclcNumber }) {
      if (isbns.length === 0 && !oclcNumber) return undefined;
      const found = [...booksFor(isbns), ...(oclcNumber ? [bookByOclc.get(oclcNumber)] : [])].filter(
        (candidate): candidate is DemoBook => candidate !== undefined,
      );
      // A catalogue search with no hits is an answer: the library does not hold it.
      return { value: found.some((candidate) => candidate.isHeld), source: 'ILS holdings (demo)', asOf: now().toISOString() };
    },
  };

  const prices: PriceSource = {
    system: 'Demo vendor',
    async priceOf(isbns) {
      const listed = booksFor(isbns).find((candidate) => candidate.isInPrint !== undefined);
      if (!listed) return undefined;
      const asOf = priceListDate(now()).toISOString();
      const source = 'vendor price list (demo)';
      return {
        ...(listed.price !== undefined ? { price: { value: listed.price, currency, source, asOf } } : {}),
        available: { value: listed.isInPrint === true, source, asOf },
      };
    },
  };

  const illRequests: IllRequestSource = {
    system: 'Demo ILLiad',
    async getTransaction(transactionNumber) {
      const transaction = transactionByNumber.get(transactionNumber.trim());
      return transaction ? requestOf(transaction, now()) : null;
    },
  };

  const openAccess: OpenAccessSource = {
    system: 'Demo open access',
    async findOpenCopy({ isbns, doi, title }) {
      const wanted = title?.trim().toLowerCase();
      const candidates: { title: string; openAccessUrl?: string }[] = [
        ...booksFor(isbns),
        ...(doi ? [articleByDoi.get(doi.trim().toLowerCase())] : []).filter((found): found is DemoArticle => found !== undefined),
        ...(wanted ? [...books, ...articles].filter((work) => work.title.toLowerCase() === wanted) : []),
      ];
      const open = candidates.find((work) => work.openAccessUrl);
      if (!open) return undefined;
      const fact: Fact<{ url: string; title?: string }> = {
        value: { url: open.openAccessUrl!, title: open.title },
        source: 'open-access index (demo)',
        asOf: now().toISOString(),
      };
      return fact;
    },
  };

  return {
    seed,
    patrons: patronSource,
    holdings,
    prices,
    illRequests,
    openAccess,
    listPatrons: () => {
      const at = now();
      return patrons.map((patron) => contextOf(patron, at));
    },
    listTransactions: () => {
      const at = now();
      return transactions.map((transaction) => requestOf(transaction, at));
    },
    listBooks: () => books.map((entry) => ({ ...entry })),
    listArticles: () => articles.map((entry) => ({ ...entry })),
  };
}

function daysFrom(at: Date, days: number): Date {
  return new Date(at.getTime() + days * day);
}

// Libraries set loans due at the end of a day, not at the minute they were lent.
function dueAtEndOfDay(at: Date, days: number): Date {
  const due = daysFrom(at, days);
  due.setUTCHours(23, 59, 0, 0);
  return due;
}

// The vendor's price list is refreshed every day at 06:00 UTC.
function priceListDate(at: Date): Date {
  const refreshed = new Date(at);
  refreshed.setUTCHours(6, 0, 0, 0);
  return refreshed.getTime() > at.getTime() ? daysFrom(refreshed, -1) : refreshed;
}

function dateOnly(at: Date): string {
  return at.toISOString().slice(0, 10);
}
