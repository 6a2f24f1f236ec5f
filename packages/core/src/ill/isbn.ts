/**
 * ISBNs and ISSNs as requests carry them. ILLiad keeps both in one field, "ISSN", often
 * several at once with qualifiers: "0306406152 (pbk.); 9780306406157 (hardcover)". Every
 * ISBN is compared as its ISBN-13 (digits only), so the ISBN-10 and ISBN-13 of one edition
 * meet. Check digits are verified (ISO 2108 for ISBN, ISO 3297 for ISSN): a mistyped number
 * is worth less than none, because it would count demand against the wrong book.
 */

const zero = 48;

/** The characters of an identifier without hyphens or spaces, or null if anything else is there. */
function compact(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= zero && code <= zero + 9) || code === 88 /* X */) out += text[i];
    else if (code === 120 /* x */) out += 'X';
    else if (code !== 45 && code !== 32 && !(code >= 0x2010 && code <= 0x2015)) return null; // hyphens, dashes, spaces
  }
  return out;
}

function isAllDigits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code < zero || code > zero + 9) return false;
  }
  return true;
}

/** The check digit (0–9) an ISBN-13 whose first 12 digits are `twelve` must end in. */
function isbn13CheckDigit(twelve: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += (twelve.charCodeAt(i) - zero) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** The ISBN-13 of 10 compact characters, or null when the ISBN-10 check digit is wrong. */
function isbn13FromIsbn10(ten: string): string | null {
  if (!isAllDigits(ten, 0, 9)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (ten.charCodeAt(i) - zero) * (10 - i);
  const last = ten.charCodeAt(9);
  sum += last === 88 ? 10 : last - zero;
  if (sum % 11 !== 0 || (last !== 88 && (last < zero || last > zero + 9))) return null;
  const twelve = `978${ten.slice(0, 9)}`;
  return twelve + String(isbn13CheckDigit(twelve));
}

/** The ISBN-13 of 13 compact characters, or null when it is not a valid 978/979 ISBN-13. */
function checkedIsbn13(thirteen: string): string | null {
  // Other EAN-13 prefixes are not books: 977 is an ISSN's barcode, for instance.
  if (!isAllDigits(thirteen, 0, 13) || !(thirteen.startsWith('978') || thirteen.startsWith('979'))) return null;
  return isbn13CheckDigit(thirteen) === thirteen.charCodeAt(12) - zero ? thirteen : null;
}

function isbn13OfCompact(characters: string): string | null {
  if (characters.length === 10) return isbn13FromIsbn10(characters);
  if (characters.length === 13) return checkedIsbn13(characters);
  return null;
}

const isbnLabel = /^\s*ISBN(?:-?1[03])?\s*:?\s*/i;

/**
 * The ISBN-13 (13 digits, no hyphens) of one ISBN-10 or ISBN-13 written with or without hyphens
 * or spaces, optionally labelled "ISBN"; null when the check digit is wrong or it is not an ISBN.
 */
export function normalizeIsbn(text: string): string | null {
  const characters = compact(text.replace(isbnLabel, '').trim());
  return characters === null ? null : isbn13OfCompact(characters);
}

/**
 * The ISBN-10 form of an ISBN-13 (digits, and X as check digit), or null for 979 ISBNs, which
 * have none.
 */
export function isbn10FromIsbn13(isbn13: string): string | null {
  if (checkedIsbn13(isbn13) === null || !isbn13.startsWith('978')) return null;
  const nine = isbn13.slice(3, 12);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (nine.charCodeAt(i) - zero) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return nine + (check === 10 ? 'X' : String(check));
}

// Anything that cannot be part of an ISBN or ISSN separates identifiers: commas, semicolons,
// slashes, "(pbk.)", words. Spaces are kept inside a run because ISBNs are sometimes written
// "0 306 40615 2"; the run is then split back into identifiers below.
const identifierRun = /[0-9Xx][0-9Xx \-\u2010-\u2015]*/g;
const qualifier = /\([^)]*\)|\[[^\]]*\]/g;

/** Splits the field into runs of digits/X joined by hyphens or spaces, each run split at spaces. */
function pieceGroups(field: string): string[][] {
  const groups: string[][] = [];
  for (const match of field.replace(qualifier, ' ; ').matchAll(identifierRun)) {
    const pieces: string[] = [];
    for (const piece of match[0].split(' ')) {
      const characters = compact(piece);
      if (characters) pieces.push(characters);
    }
    if (pieces.length > 0) groups.push(pieces);
  }
  return groups;
}

/**
 * Reads identifiers from space-separated pieces: a piece that is a whole identifier stands
 * alone; otherwise following pieces are joined until they make one ("0 306 40615 2"), the
 * longest valid join first so an ISBN-13 is not cut short into a lucky ISBN-10.
 */
function readIdentifiers(pieces: string[], lengths: readonly number[], check: (characters: string) => string | null): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < pieces.length) {
    const joins: { characters: string; next: number }[] = [];
    let characters = '';
    for (let j = i; j < pieces.length && characters.length < 13; j++) {
      characters += pieces[j];
      if (lengths.includes(characters.length)) joins.push({ characters, next: j + 1 });
    }
    let next = i + 1;
    for (let k = joins.length - 1; k >= 0; k--) {
      const join = joins[k]!;
      const valid = check(join.characters);
      if (valid !== null) {
        found.push(valid);
        next = join.next;
        break;
      }
    }
    i = next;
  }
  return found;
}

const unique = (values: string[]): string[] => (values.length < 2 ? values : [...new Set(values)]);

/**
 * Every valid ISBN in a field such as ILLiad's ISSN field, as ISBN-13s in the order written,
 * each once. Separators: spaces, commas, semicolons, slashes; qualifiers such as "(pbk.)" are
 * skipped; ISSNs and numbers with a wrong check digit are left out.
 */
export function extractIsbns(field: string | undefined | null): string[] {
  if (!field) return [];
  // The common case, one bare ISBN, skips the general scan.
  const whole = normalizeIsbn(field);
  if (whole !== null) return [whole];
  const found: string[] = [];
  for (const pieces of pieceGroups(field)) found.push(...readIdentifiers(pieces, [10, 13], isbn13OfCompact));
  return unique(found);
}

/** The ISSN of 8 compact characters ("03785955" → "0378-5955"), or null when the check digit is wrong. */
function checkedIssn(eight: string): string | null {
  if (eight.length !== 8 || !isAllDigits(eight, 0, 7)) return null;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += (eight.charCodeAt(i) - zero) * (8 - i);
  const last = eight.charCodeAt(7);
  const expected = (11 - (sum % 11)) % 11;
  const written = last === 88 ? 10 : last - zero;
  return written === expected ? `${eight.slice(0, 4)}-${eight.slice(4)}` : null;
}

/** Every valid ISSN in a field, written "NNNN-NNNC" (X upper-case), in order, each once. */
export function extractIssns(field: string | undefined | null): string[] {
  if (!field) return [];
  const found: string[] = [];
  for (const pieces of pieceGroups(field)) {
    for (const piece of pieces) {
      const issn = checkedIssn(piece);
      if (issn !== null) found.push(issn);
    }
  }
  return unique(found);
}
