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

// The hot path reads ASCII text character by character into this buffer and makes one
// string at the end; text with accents is first decomposed (NFD) and lower-cased, then read
// by the same scanner, so both paths give the same key for the same letters.
let buffer = new Uint16Array(256);

const separator = -1;
const needsFolding = -2;
const skip = -3;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** The lower-case code of a letter or digit, or separator / needsFolding / skip (a combining accent). */
function wordCharacter(code: number, isFolded: boolean): number {
  if (code >= 97 && code <= 122) return code; // a-z
  if (code >= 65 && code <= 90) return code + 32; // A-Z
  if (code >= 48 && code <= 57) return code; // 0-9
  if (code < 128) return separator;
  if (!isFolded) return needsFolding;
  if (code >= 0x300 && code <= 0x36f) return skip;
  if (code >= 0xd800 && code <= 0xdfff) return code; // either half of a character beyond the BMP
  return letterOrDigit.test(String.fromCharCode(code)) ? code : separator;
}

function fold(text: string): string {
  return text.normalize('NFD').toLowerCase();
}

function put(at: number, code: number): void {
  if (at === buffer.length) {
    const larger = new Uint16Array(buffer.length * 2);
    larger.set(buffer);
    buffer = larger;
  }
  buffer[at] = code;
}

// Leading articles that do not file, in the languages ILL requests most often arrive in.
// Every request is normalised alike, so dropping one that was not an article ("Die Hard")
// still groups those requests together.
const leadingArticles = new Set([
  'the', 'a', 'an', 'le', 'la', 'les', 'l', 'un', 'une', 'el', 'los', 'las', 'der', 'die', 'das', 'ein', 'eine', 'il', 'lo', 'gli',
]);

/** normalizeTitle on text known to be ASCII (isFolded false) or already folded; null asks for folding. */
function scanTitle(title: string, isFolded: boolean): string | null {
  let length = 0;
  let firstWordEnd = -1;
  let isBetweenWords = false;
  for (let i = 0; i < title.length; i++) {
    const code = title.charCodeAt(i);
    // The title proper ends at a subtitle (":"), a statement of responsibility (" /") or a
    // parallel title (" =").
    if (code === 58 || ((code === 47 || code === 61) && title.charCodeAt(i - 1) === 32)) break;
    let character = wordCharacter(code, isFolded);
    if (character === needsFolding) return null;
    if (character === skip) continue;
    if (code === 38) {
      // "&" reads as the word "and".
      if (length > 0) {
        if (firstWordEnd < 0) firstWordEnd = length;
        put(length++, 32);
      }
      put(length++, 97);
      put(length++, 110);
      character = 100; // d
    } else if (character === separator) {
      isBetweenWords = length > 0;
      continue;
    } else if (isBetweenWords) {
      if (firstWordEnd < 0) firstWordEnd = length;
      put(length++, 32);
      isBetweenWords = false;
    }
    put(length++, character);
    if (code === 38) isBetweenWords = true;
  }
  const words = String.fromCharCode.apply(null, buffer.subarray(0, length) as unknown as number[]);
  if (firstWordEnd > 0 && firstWordEnd <= 4 && leadingArticles.has(words.slice(0, firstWordEnd))) return words.slice(firstWordEnd + 1);
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

/** Where the first author's surname part ends: a comma, or the start of a second author. */
function surnamePartEnd(author: string): number {
  let end = author.length;
  for (const mark of [',', ';', '|', '&', ' and ']) {
    const at = author.indexOf(mark);
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
      const open = author.lastIndexOf(code === 41 ? '(' : '[', i);
      i = open - 1;
      continue;
    }
    const character = wordCharacter(code, isFolded);
    if (character === needsFolding) return null;
    if (character === separator) {
      i--;
      continue;
    }
    let length = 0;
    let hasLetter = false;
    while (i >= 0) {
      const inWord = wordCharacter(author.charCodeAt(i), isFolded);
      if (inWord === needsFolding) return null;
      if (inWord === separator) break;
      i--;
      if (inWord === skip) continue;
      if (inWord > 57) hasLetter = true;
      put(length++, inWord);
    }
    if (!hasLetter) continue;
    buffer.subarray(0, length).reverse();
    const word = String.fromCharCode.apply(null, buffer.subarray(0, length) as unknown as number[]);
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
