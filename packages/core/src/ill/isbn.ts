/**
 * ISBNs and ISSNs as requests carry them. ILLiad keeps both in one field, "ISSN", often
 * several at once with qualifiers: "0306406152 (pbk.); 9780306406157 (hardcover)". Every
 * ISBN is compared as its ISBN-13 (digits only), so the ISBN-10 and ISBN-13 of one edition
 * meet. Check digits are verified (ISO 2108 for ISBN, ISO 3297 for ISSN): a mistyped number
 * is worth less than none, because it would count demand against the wrong book.
 */

const zero = 48;
const upperX = 88;

// Scratch space for the characters of one identifier being read: 0–9 for digits, 10 for X.
// Reading into it allocates nothing; only a valid ISBN becomes a string.
const characters = new Uint8Array(13);

/**
 * How a character (UTF-16 code) reads inside an ISBN or ISSN: 0–9 for a digit, 10 for X or x,
 * -1 for a hyphen, dash or space (allowed between digits), -2 for anything else (ends it).
 */
export function identifierCharacter(code: number): number {
  if (code >= zero && code <= zero + 9) return code - zero;
  if (code === upperX || code === upperX + 32) return 10;
  if (code === 45 || code === 32 || (code >= 0x2010 && code <= 0x2015)) return -1;
  return -2;
}

/** The ISBN-13 check digit (0–9) of the first 12 digits of `digits`. */
function isbn13CheckDigit(digits: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += digits[i]! * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether the `count` characters in `characters` (10 for an ISBN-10, 13 for an ISBN-13) are an
 * ISBN; when they are, `characters` then holds its ISBN-13. False when the check digit is wrong
 * or a 13-digit number is not a 978/979 ISBN.
 */
function isIsbnInCharacters(count: number): boolean {
  if (count === 10) {
    let sum = 0;
    for (let i = 0; i < 9; i++) {
      if (characters[i]! > 9) return false; // X only as the check digit
      sum += characters[i]! * (10 - i);
    }
    if ((sum + characters[9]!) % 11 !== 0) return false;
    // Rewrite as ISBN-13: 978, the nine digits, a new check digit.
    for (let i = 8; i >= 0; i--) characters[i + 3] = characters[i]!;
    characters[0] = 9;
    characters[1] = 7;
    characters[2] = 8;
    characters[12] = isbn13CheckDigit(characters);
    return true;
  }
  if (count !== 13) return false;
  for (let i = 0; i < 13; i++) if (characters[i]! > 9) return false;
  // Other EAN-13 prefixes are not books: 977 is an ISSN's barcode, for instance.
  if (characters[0] !== 9 || characters[1] !== 7 || (characters[2] !== 8 && characters[2] !== 9)) return false;
  return isbn13CheckDigit(characters) === characters[12];
}

/** The ISBN-13 of the `count` characters in `characters`, or null when they are not an ISBN. */
function isbn13OfCharacters(count: number): string | null {
  if (!isIsbnInCharacters(count)) return null;
  const c = characters;
  return String.fromCharCode(
    zero + c[0]!, zero + c[1]!, zero + c[2]!, zero + c[3]!, zero + c[4]!, zero + c[5]!, zero + c[6]!,
    zero + c[7]!, zero + c[8]!, zero + c[9]!, zero + c[10]!, zero + c[11]!, zero + c[12]!,
  );
}

const isbnLabel = /^\s*ISBN(?:-?1[03])?\s*:?\s*/i;

/**
 * The ISBN-13 (13 digits, no hyphens) of one ISBN-10 or ISBN-13 written with or without hyphens
 * or spaces, optionally labelled "ISBN"; null when the check digit is wrong or it is not an ISBN.
 */
export function normalizeIsbn(text: string): string | null {
  const first = text.charCodeAt(0);
  if (first === 73 || first === 105 /* I, i */) text = text.replace(isbnLabel, '');
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const value = identifierCharacter(text.charCodeAt(i));
    if (value === -2 || (value >= 0 && count === 13)) return null;
    if (value >= 0) characters[count++] = value;
  }
  return isbn13OfCharacters(count);
}

/**
 * The ISBN-10 form of an ISBN-13 (digits, and X as check digit), or null for 979 ISBNs, which
 * have none.
 */
export function isbn10FromIsbn13(isbn13: string): string | null {
  if (normalizeIsbn(isbn13) !== isbn13 || !isbn13.startsWith('978')) return null;
  const nine = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - zero) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return nine + (check === 10 ? 'X' : String(check));
}

/** Copies the identifier characters of `text` into `characters`; their count (at most 14: too many). */
function readCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const value = identifierCharacter(text.charCodeAt(i));
    if (value < 0) continue;
    if (count === 13) return 14;
    characters[count++] = value;
  }
  return count;
}

type ReadIdentifier = (count: number) => string | null;

/**
 * Reads a run written with spaces inside, e.g. "0 306 40615 2" or "9780306406157 9783161484100":
 * a piece that is a whole identifier stands alone; otherwise following pieces are joined until
 * they make one, the longest valid join first so an ISBN-13 is not cut short into a lucky ISBN-10.
 */
function readSpacedRun(run: string, read: ReadIdentifier, found: string[]): void {
  const pieces = run.split(' ').filter((piece) => readCharacters(piece) > 0);
  let i = 0;
  while (i < pieces.length) {
    let next = i + 1;
    for (let last = Math.min(pieces.length, i + 13) - 1; last >= i; last--) {
      const value = read(readCharacters(pieces.slice(i, last + 1).join('')));
      if (value !== null) {
        found.push(value);
        next = last + 1;
        break;
      }
    }
    i = next;
  }
}

/**
 * Reads every identifier in a field. A run is a stretch of digits and X joined by hyphens and
 * spaces; anything else (commas, semicolons, slashes, "(pbk.)", words) ends it. A run without
 * spaces is read as it is scanned; one with spaces is split into pieces (rare, and slower).
 */
function readField(field: string, read: ReadIdentifier): string[] {
  const found: string[] = [];
  let runStart = -1;
  let count = 0;
  let hasSpaceInside = false;
  let followsSpace = false;
  for (let i = 0; i <= field.length; i++) {
    const code = field.charCodeAt(i); // NaN past the end, which ends the last run
    const value = identifierCharacter(code);
    if (value >= 0) {
      if (runStart < 0) {
        runStart = i;
        count = 0;
        hasSpaceInside = false;
      } else if (followsSpace) {
        hasSpaceInside = true;
      }
      followsSpace = false;
      if (count < 13) characters[count++] = value;
      else count = 14; // too long for any identifier
      continue;
    }
    if (value === -1) {
      if (code === 32) followsSpace = true;
      continue;
    }
    if (runStart >= 0) {
      if (hasSpaceInside) {
        readSpacedRun(field.slice(runStart, i), read, found);
      } else {
        const identifier = count <= 13 ? read(count) : null;
        if (identifier !== null) found.push(identifier);
      }
      runStart = -1;
      followsSpace = false;
    }
  }
  return found.length < 2 ? found : [...new Set(found)];
}

/**
 * Every valid ISBN in a field such as ILLiad's ISSN field, as ISBN-13s in the order written,
 * each once. Separators: spaces, commas, semicolons, slashes; qualifiers such as "(pbk.)" are
 * skipped; ISSNs and numbers with a wrong check digit are left out.
 */
export function extractIsbns(field: string | undefined | null): string[] {
  if (!field) return [];
  return readField(field, isbn13OfCharacters);
}

/** The ISSN in `characters` ("0378-5955"), or null when they are not 8 or the check digit is wrong. */
function issnOfCharacters(count: number): string | null {
  if (count !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 7; i++) {
    if (characters[i]! > 9) return null;
    sum += characters[i]! * (8 - i);
  }
  if ((11 - (sum % 11)) % 11 !== characters[7]) return null;
  let text = '';
  for (let i = 0; i < 8; i++) text += (i === 4 ? '-' : '') + (characters[i] === 10 ? 'X' : String(characters[i]));
  return text;
}

/** Every valid ISSN in a field, written "NNNN-NNNC" (X upper-case), in order, each once. */
export function extractIssns(field: string | undefined | null): string[] {
  if (!field) return [];
  return readField(field, issnOfCharacters);
}
