/**
 * The demo library's ILL borrowing transactions, as ILLiad would hold them: statuses that fit
 * their age, ISBNs written the many ways forms and cataloguers write them, and a handful of titles
 * requested several times, so demand counts and buy-or-borrow badges have something to show.
 */
import type { DemoArticle, DemoBook } from './catalogue.js';
import type { DemoPatron } from './patrons.js';
import type { Random } from './random.js';

export const illStatuses = {
  awaiting: 'Awaiting Request Processing',
  sent: 'Request Sent',
  inTransit: 'In Transit to Pickup Location',
  checkedOut: 'Checked Out to Customer',
  cancelled: 'Cancelled by ILL Staff',
  deliveredToWeb: 'Delivered to Web',
} as const;
export type IllStatus = (typeof illStatuses)[keyof typeof illStatuses];

export interface DemoTransaction {
  transactionNumber: string;
  patronId: string;
  requestType: 'Loan' | 'Article';
  bookId?: string;
  articleId?: string;
  status: IllStatus;
  /** Days (with a fraction for the time of day) since the request was made. */
  createdDaysAgo: number;
  updatedDaysAgo: number;
  /** For a loan checked out to the patron: days to its due date. */
  dueInDays?: number;
  /** How the ISSN field is written: one ISBN-13, hyphenated, ISBN-10, with a qualifier, or both forms. */
  isbnStyle: 'isbn13' | 'hyphenated' | 'isbn10' | 'qualified' | 'both';
  /** How the publication date is written: "2019", "c2019", "2019." or "[2019]". */
  dateStyle: 'plain' | 'copyright' | 'period' | 'bracketed';
}

// How old a request in each status is, in days.
const ageOf: Record<IllStatus, [number, number]> = {
  'Awaiting Request Processing': [0, 3],
  'Request Sent': [1, 14],
  'In Transit to Pickup Location': [7, 21],
  'Checked Out to Customer': [14, 60],
  'Cancelled by ILL Staff': [1, 90],
  'Delivered to Web': [2, 30],
};

/** Makes about `count` transactions besides the featured patrons' own. */
export function makeTransactions(
  random: Random,
  patrons: DemoPatron[],
  books: DemoBook[],
  articles: DemoArticle[],
  count = 72,
): DemoTransaction[] {
  type Draft = Omit<DemoTransaction, 'transactionNumber' | 'isbnStyle' | 'dateStyle' | 'createdDaysAgo' | 'updatedDaysAgo'> & {
    createdDaysAgo?: number;
  };
  const drafts: Draft[] = [];
  const notHeld = books.filter((book) => !book.isHeld);
  const held = books.filter((book) => book.isHeld);
  const buyable = notHeld.filter((book) => book.price !== undefined);
  // Titles several patrons want: each requested two to four times within the last two months.
  const popular = random.sample(buyable, 8);
  const [amara, mateo, meiLin] = patrons;
  // The featured patrons get exactly the requests the README describes, and no others.
  const requesters = patrons.slice(3).filter((patron) => patron.patronType !== 'Community borrower');

  const loanStatus = () =>
    random.weighted<IllStatus>([
      [illStatuses.awaiting, 30],
      [illStatuses.sent, 25],
      [illStatuses.inTransit, 10],
      [illStatuses.checkedOut, 20],
      [illStatuses.cancelled, 8],
    ]);
  const articleStatus = () =>
    random.weighted<IllStatus>([
      [illStatuses.awaiting, 35],
      [illStatuses.sent, 30],
      [illStatuses.deliveredToWeb, 25],
      [illStatuses.cancelled, 10],
    ]);
  const requester = () =>
    random.weighted(
      requesters.map((patron) => [patron, { Graduate: 3, Faculty: 3, Undergraduate: 2, Staff: 1, Alumni: 0.5, 'Community borrower': 0 }[patron.patronType]] as const),
    );

  // The featured patrons' requests, so the README can promise them.
  const popularForAmara = popular[0]!;
  drafts.push(
    { patronId: amara!.id, requestType: 'Loan', bookId: popularForAmara.id, status: illStatuses.awaiting, createdDaysAgo: 0.2 },
    { patronId: amara!.id, requestType: 'Loan', bookId: random.pick(notHeld).id, status: illStatuses.inTransit },
    { patronId: amara!.id, requestType: 'Loan', bookId: random.pick(notHeld).id, status: illStatuses.checkedOut, dueInDays: 12 },
    { patronId: mateo!.id, requestType: 'Loan', bookId: random.pick(notHeld).id, status: illStatuses.cancelled },
    { patronId: meiLin!.id, requestType: 'Loan', bookId: random.pick(held).id, status: illStatuses.awaiting, createdDaysAgo: 0.6 },
    {
      patronId: meiLin!.id,
      requestType: 'Article',
      articleId: articles.find((article) => article.openAccessUrl)!.id,
      status: illStatuses.awaiting,
      createdDaysAgo: 1.3,
    },
    { patronId: meiLin!.id, requestType: 'Loan', bookId: random.pick(notHeld).id, status: illStatuses.sent },
    { patronId: meiLin!.id, requestType: 'Loan', bookId: random.pick(notHeld).id, status: illStatuses.checkedOut, dueInDays: 20 },
  );

  for (const [index, book] of popular.entries()) {
    // Amara's title is asked for by others too: her request is one of several.
    const repeats = index === 0 ? 3 : random.integer(2, 4);
    for (let time = 0; time < repeats; time += 1) {
      const status = loanStatus();
      drafts.push({
        patronId: requester().id,
        requestType: 'Loan',
        bookId: book.id,
        status,
        createdDaysAgo: Math.min(60, random.integer(...ageOf[status]) + random.next()),
        ...(status === illStatuses.checkedOut ? { dueInDays: random.integer(-4, 28) } : {}),
      });
    }
  }

  while (drafts.length < count) {
    if (random.chance(0.35)) {
      drafts.push({ patronId: requester().id, requestType: 'Article', articleId: random.pick(articles).id, status: articleStatus() });
    } else {
      const status = loanStatus();
      drafts.push({
        patronId: requester().id,
        requestType: 'Loan',
        // Mostly titles the library lacks; some it owns, which staff should catch before borrowing.
        bookId: (random.chance(0.85) ? random.pick(notHeld) : random.pick(held)).id,
        status,
        ...(status === illStatuses.checkedOut ? { dueInDays: random.integer(-4, 28) } : {}),
      });
    }
  }

  const dated = drafts.map((draft) => {
    const createdDaysAgo = draft.createdDaysAgo ?? random.integer(...ageOf[draft.status]) + random.next();
    // A request awaiting processing has not been touched since it was made.
    const updatedDaysAgo = draft.status === illStatuses.awaiting ? createdDaysAgo : createdDaysAgo * random.next();
    return {
      ...draft,
      createdDaysAgo,
      updatedDaysAgo,
      isbnStyle: random.weighted<DemoTransaction['isbnStyle']>([
        ['isbn13', 40],
        ['hyphenated', 20],
        ['isbn10', 15],
        ['qualified', 15],
        ['both', 10],
      ]),
      dateStyle: random.weighted<DemoTransaction['dateStyle']>([
        ['plain', 40],
        ['copyright', 30],
        ['period', 20],
        ['bracketed', 10],
      ]),
    };
  });

  // ILLiad numbers transactions in the order they are made, with gaps left by other libraries' lending.
  dated.sort((a, b) => b.createdDaysAgo - a.createdDaysAgo);
  let number = 482_000;
  return dated.map((transaction) => {
    number += random.integer(1, 9);
    return { ...transaction, transactionNumber: String(number) };
  });
}

/** The ISBN field of a request for `book`, written in `style`. */
export function isbnFieldOf(book: DemoBook, style: DemoTransaction['isbnStyle']): string {
  const isbn10 = isbn10Of(book.isbn);
  switch (style) {
    case 'isbn13':
      return book.isbn;
    case 'hyphenated':
      // 978-1-RRRRR-PPP-C: our publishers' registrants are five digits.
      return `${book.isbn.slice(0, 3)}-${book.isbn.slice(3, 4)}-${book.isbn.slice(4, 9)}-${book.isbn.slice(9, 12)}-${book.isbn.slice(12)}`;
    case 'isbn10':
      return isbn10;
    case 'qualified':
      return `${book.isbn} (pbk.)`;
    case 'both':
      return `${isbn10}; ${book.isbn}`;
  }
}

/** The publication date of `year` as a cataloguer writes it in `style`. */
export function loanDateOf(year: number, style: DemoTransaction['dateStyle']): string {
  return { plain: `${year}`, copyright: `c${year}`, period: `${year}.`, bracketed: `[${year}]` }[style];
}

function isbn10Of(isbn13: string): string {
  const nine = isbn13.slice(3, 12);
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(nine[index]) * (10 - index);
  const check = (11 - (sum % 11)) % 11;
  return nine + (check === 10 ? 'X' : String(check));
}
