/**
 * The demand-grouping key of a borrowing request: requests with one key are requests for one
 * title, and their count is the title's demand. An ISBN is the surest key; without one, the
 * title and the first author's surname, normalised so that "The Café : a history / by J. Smith"
 * and "cafe" by "Smith, John" meet.
 *
 * The key is an opaque string: `isbn:9780306406157`, `title:cafe|smith`, or, when a request has
 * neither an ISBN nor a title, `transaction:<TransactionNumber>`, which counts that request alone.
 * A request for a book without an ISBN ("Climate Migration and the City" typed by a patron) and
 * one with its ISBN get different keys here; `mergedTitleKeys` then joins the first to the
 * second when their normalised title and author are the same (docs/title-merge.md).
 *
 * Readable rather than fast: a batch works each distinct title-and-author text out once
 * (@liaison/ill-batch remembers them), so this runs once per title, not once per request.
 */
import type { BorrowingRequest } from './request.js';
import { extractIsbns } from './isbn.js';

/** A word: letters and digits of any script. */
const wordPattern = /[\p{L}\p{N}]+/gu;
const letter = /\p{L}/u;
const combiningMarks = /\p{M}+/gu;
// The title proper ends at a subtitle (":"), a statement of responsibility (" /") or a parallel title (" =").
const titleProperEnd = /:| [/=]/;
// The first author ends at a comma (before the forenames) or where a second author starts.
const firstAuthorEnd = /[,;|&]| and /;
// "(ed.)", "(Thomas Samuel)", "[from old catalog]": not the surname.
const bracketed = /\([^)]*\)|\[[^\]]*\]/g;

/** Decomposed (NFD), accents dropped, lower-cased: "Café" → "cafe", "Müller" → "muller". */
function fold(text: string): string {
  return text.normalize('NFD').replace(combiningMarks, '').toLowerCase();
}

// Leading articles that do not file, in the languages ILL requests most often arrive in.
// Every request is normalised alike, so dropping one that was not an article ("Die Hard")
// still groups those requests together.
const leadingArticles = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'el', 'los', 'las', 'der', 'die', 'das', 'ein', 'eine', 'il', 'lo', 'gli',
]);

/**
 * The title proper, lower-case, accents removed, punctuation as single spaces, without a
 * leading article: "The Café : a history" → "cafe"; "Pride & Prejudice" → "pride and prejudice".
 */
export function normalizeTitle(title: string): string {
  const proper = title.split(titleProperEnd, 1)[0]!;
  // "&" reads as the word "and".
  const words = fold(proper).replaceAll('&', ' and ').match(wordPattern) ?? [];
  // A one-word title keeps its word, article or not ("The", "A").
  if (words.length > 1 && leadingArticles.has(words[0]!)) words.shift();
  return words.join(' ');
}

const nameSuffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'ed', 'eds', 'editor', 'editors', 'comp', 'trans', 'translator']);

/**
 * The first author's surname, folded, as its last word so that every way of writing one name
 * meets: "Smith, John, 1950-", "John Smith (ed.)" → "smith"; "García Márquez, Gabriel" and
 * "Gabriel García Márquez" → "marquez". Words in brackets, words without a letter (dates) and
 * suffixes ("Jr.", "ed.") are not surnames.
 */
export function authorSurname(author: string): string {
  const firstAuthor = fold(author).split(firstAuthorEnd, 1)[0]!.replace(bracketed, ' ');
  const names = (firstAuthor.match(wordPattern) ?? []).filter((word) => letter.test(word) && !nameSuffixes.has(word));
  return names.at(-1) ?? '';
}

type TitleRequest = Pick<BorrowingRequest, 'TransactionNumber' | 'ISSN' | 'LoanTitle' | 'LoanAuthor'>;

/** `title:<title>|<surname>` of a request, whatever its ISBN; null when its title normalises to nothing. */
export function titleAndAuthorKey(request: Pick<BorrowingRequest, 'LoanTitle' | 'LoanAuthor'>): string | null {
  const title = request.LoanTitle ? normalizeTitle(request.LoanTitle) : '';
  if (!title) return null;
  return `title:${title}|${request.LoanAuthor ? authorSurname(request.LoanAuthor) : ''}`;
}

/**
 * The demand-grouping key of a request on its own: `isbn:<ISBN-13>` from the first valid ISBN in
 * its ISSN field, else `title:<title>|<surname>`, else `transaction:<TransactionNumber>`.
 */
export function titleKey(request: TitleRequest): string {
  const isbn = extractIsbns(request.ISSN)[0];
  if (isbn) return `isbn:${isbn}`;
  return titleAndAuthorKey(request) ?? `transaction:${request.TransactionNumber}`;
}

/**
 * The title each of a set of requests is for, counting each title once (docs/title-merge.md):
 *   1. a request with an ISBN is for that ISBN's title (an ISBN-10 and its ISBN-13 are one, as
 *      both are read as the ISBN-13);
 *   2. a request without an ISBN whose normalised title and author (`titleAndAuthorKey`) are
 *      those of a request with an ISBN joins that ISBN's title; when several ISBNs carry them
 *      (editions), the one with the most requests, then the one first in the list;
 *   3. any other request keeps its own `titleKey`.
 * Returns one key per request, in the order given.
 */
export function mergedTitleKeys(requests: readonly TitleRequest[]): string[] {
  const own = requests.map(titleKey);
  const requestsOfKey = new Map<string, number>();
  for (const key of own) requestsOfKey.set(key, (requestsOfKey.get(key) ?? 0) + 1);
  // For each title and author carried by an ISBN: that ISBN, the most requested first seen.
  const isbnOfTitle = new Map<string, string>();
  requests.forEach((request, index) => {
    const key = own[index]!;
    if (!key.startsWith('isbn:')) return;
    const title = titleAndAuthorKey(request);
    if (title === null) return;
    const chosen = isbnOfTitle.get(title);
    if (chosen === undefined || requestsOfKey.get(key)! > requestsOfKey.get(chosen)!) isbnOfTitle.set(title, key);
  });
  return own.map((key) => (key.startsWith('title:') ? (isbnOfTitle.get(key) ?? key) : key));
}
