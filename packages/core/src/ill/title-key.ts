/**
 * The demand-grouping key of a borrowing request: requests with one key are requests for one
 * title, and their count is the title's demand. An ISBN is the surest key; without one, the
 * title and the first author's surname, normalised so that "The Café : a history / by J. Smith"
 * and "cafe" by "Smith, John" meet.
 *
 * The key is an opaque string: `isbn:9780306406157`, `title:cafe|smith`, or, when a request has
 * neither an ISBN nor a title, `transaction:<TransactionNumber>`, which counts that request alone.
 * A request with an ISBN and another for the same book without one get different keys: the batch
 * has no catalogue to join them, so demand is then counted low rather than wrongly high.
 */
import type { BorrowingRequest } from './request.js';
import { firstIsbn } from './isbn.js';

// The hot path scans ASCII text once and builds the result from slices of the lower-cased
// text. Text with any other character is first folded — decomposed (NFD), accents dropped,
// lower-cased — and read by the same scanner, so both paths give the same key for one title.
const separator = -1;
const needsFolding = -2;
const letterOrDigit = /[\p{L}\p{N}]/u;
const combiningMarks = /\p{M}+/gu;

/** 1 for a letter or digit, 2 for a digit, or separator / needsFolding. */
function wordCharacter(code: number, isFolded: boolean): number {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return 1;
  if (code >= 48 && code <= 57) return 2;
  if (code < 128) return separator;
  if (!isFolded) return needsFolding;
  if (code >= 0xd800 && code <= 0xdfff) return 1; // either half of a character beyond the BMP
  return letterOrDigit.test(String.fromCharCode(code)) ? 1 : separator;
}

function fold(text: string): string {
  return text.normalize('NFD').replace(combiningMarks, '').toLowerCase();
}

// Leading articles that do not file, in the languages ILL requests most often arrive in.
// Every request is normalised alike, so dropping one that was not an article ("Die Hard")
// still groups those requests together.
const leadingArticles = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'el', 'los', 'las', 'der', 'die', 'das', 'ein', 'eine', 'il', 'lo', 'gli',
]);

/** normalizeTitle on ASCII text (isFolded false) or folded text; null asks for folding. */
function scanTitle(title: string, isFolded: boolean): string | null {
  let words = '';
  let wordStart = -1;
  let firstWordLength = 0;
  let end = title.length;
  for (let i = 0; i <= end; i++) {
    const code = i < end ? title.charCodeAt(i) : 32;
    // The title proper ends at a subtitle (":"), a statement of responsibility (" /") or a
    // parallel title (" =").
    if (code === 58 || ((code === 47 || code === 61) && title.charCodeAt(i - 1) === 32)) {
      end = i;
      i--;
      continue;
    }
    const kind = wordCharacter(code, isFolded);
    if (kind === needsFolding) return null;
    if (kind !== separator) {
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0) {
      if (words) {
        if (firstWordLength === 0) firstWordLength = words.length;
        words += ` ${title.slice(wordStart, i)}`;
      } else {
        words = title.slice(wordStart, i);
      }
      wordStart = -1;
    }
    // "&" reads as the word "and".
    if (code === 38) {
      if (words && firstWordLength === 0) firstWordLength = words.length;
      words = words ? `${words} and` : 'and';
    }
  }
  if (!isFolded) words = words.toLowerCase();
  if (firstWordLength > 0 && firstWordLength <= 4 && leadingArticles.has(words.slice(0, firstWordLength))) {
    return words.slice(firstWordLength + 1);
  }
  return words;
}

/**
 * The title proper, lower-case, accents removed, punctuation as single spaces, without a
 * leading article: "The Café : a history" → "cafe"; "Pride & Prejudice" → "pride and prejudice".
 */
export function normalizeTitle(title: string): string {
  return scanTitle(title, false) ?? scanTitle(fold(title), true)!;
}

const nameSuffixes = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'phd', 'md', 'ed', 'eds', 'editor', 'editors', 'comp', 'trans', 'translator']);
const surnameEnds = [',', ';', '|', '&', ' and '];

/** Where the first author's surname part ends: a comma, or the start of a second author. */
function surnamePartEnd(author: string): number {
  let end = author.length;
  for (let i = 0; i < surnameEnds.length; i++) {
    const at = author.indexOf(surnameEnds[i]!);
    if (at >= 0 && at < end) end = at;
  }
  return end;
}

/** authorSurname on ASCII (isFolded false) or folded text; null asks for folding. */
function scanSurname(author: string, isFolded: boolean): string | null {
  let i = surnamePartEnd(author) - 1;
  // From the end backwards: the last word that is not a suffix, a date or inside brackets.
  while (i >= 0) {
    const code = author.charCodeAt(i);
    if (code === 41 || code === 93) {
      // ")" or "]": skip back over "(ed.)", "[from old catalog]".
      i = author.lastIndexOf(code === 41 ? '(' : '[', i) - 1;
      continue;
    }
    const kind = wordCharacter(code, isFolded);
    if (kind === needsFolding) return null;
    if (kind === separator) {
      i--;
      continue;
    }
    const end = i + 1;
    let hasLetter = false;
    for (; i >= 0; i--) {
      const inWord = wordCharacter(author.charCodeAt(i), isFolded);
      if (inWord === needsFolding) return null;
      if (inWord === separator) break;
      if (inWord === 1) hasLetter = true;
    }
    if (!hasLetter) continue;
    const word = isFolded ? author.slice(i + 1, end) : author.slice(i + 1, end).toLowerCase();
    if (!nameSuffixes.has(word)) return word;
  }
  return '';
}

/**
 * The first author's surname, folded, as its last word so that every way of writing one name
 * meets: "Smith, John, 1950-", "John Smith (ed.)" → "smith"; "García Márquez, Gabriel" and
 * "Gabriel García Márquez" → "marquez".
 */
export function authorSurname(author: string): string {
  return scanSurname(author, false) ?? scanSurname(fold(author), true)!;
}

/**
 * The demand-grouping key of a request: `isbn:<ISBN-13>` from the first valid ISBN in its ISSN
 * field, else `title:<title>|<surname>`, else `transaction:<TransactionNumber>`.
 */
export function titleKey(request: Pick<BorrowingRequest, 'TransactionNumber' | 'ISSN' | 'LoanTitle' | 'LoanAuthor'>): string {
  const isbn = firstIsbn(request.ISSN);
  if (isbn) return `isbn:${isbn}`;
  const title = request.LoanTitle ? normalizeTitle(request.LoanTitle) : '';
  if (!title) return `transaction:${request.TransactionNumber}`;
  return `title:${title}|${request.LoanAuthor ? authorSurname(request.LoanAuthor) : ''}`;
}
