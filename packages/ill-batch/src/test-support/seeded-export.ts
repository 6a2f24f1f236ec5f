/**
 * Pieces for writing synthetic ILLiad exports in tests (the parts test here, the threads test in
 * test/ill): a seeded random source, so a seed always gives the same file; CSV quoting; ISBN
 * check digits and how exports write ISBNs; words to build titles from; and where a file splits
 * and which line a byte is on.
 */

/** A small seeded generator (mulberry32): the same seed gives the same numbers, in [0, 1). */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quotes a field when it needs it (comma, quote, line break), doubling inner quotes. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The check digit of an ISBN-13 from its first twelve digits. */
function isbn13Check(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** The check character of an ISBN-10 from its first nine digits ("X" for ten). */
function isbn10Check(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * The ISBNs of the book with the nine digits `nine`, as an ISBN-13 and an ISBN-10 (the same book:
 * one title to demand counting).
 */
export function isbnsOf(nine: string): { isbn13: string; isbn10: string } {
  return { isbn13: `978${nine}${isbn13Check(`978${nine}`)}`, isbn10: `${nine}${isbn10Check(nine)}` };
}

/**
 * A book's ISBN as request systems write it, chosen by `draw` in [0, 1): left out, the plain
 * ISBN-13, hyphenated, the ISBN-10, or both with qualifiers. Empty when the book has none.
 */
export function writtenIsbn(book: { isbn13: string; isbn10: string }, draw: number): string {
  const { isbn13, isbn10 } = book;
  if (isbn13 === '' || draw < 0.15) return '';
  if (draw < 0.4) return isbn13;
  if (draw < 0.6) return `${isbn13.slice(0, 3)}-${isbn13.slice(3, 4)}-${isbn13.slice(4, 7)}-${isbn13.slice(7, 12)}-${isbn13.slice(12)}`;
  if (draw < 0.8) return isbn10;
  return `${isbn13} (pbk.); ${isbn10} (hbk.)`;
}

export const titleWords = ['history', 'theory', 'climate', 'water', 'memory', 'migration', 'music', 'data', 'ethics', 'empire', 'labor', 'poetry', 'ocean', 'soil', 'justice'];
export const foreignTitles = ['Études sur la mémoire', 'Geschichte der Übersetzung', '日本近代文学の研究', 'История русской литературы', 'Świat według Kiepskich', 'Økonomi og samfund'];
export const journals = ['Nature', 'The Lancet', 'College & Research Libraries', 'Revue française de sociologie'];

/**
 * Where the second of two parts of `bytes` starts, as ill score picks it: the byte after the
 * first line break at or after the middle (no blank lines follow it in these files).
 */
export function secondPartStart(bytes: Buffer): number {
  return bytes.indexOf(10, Math.floor(bytes.length / 2)) + 1;
}

/** The physical line (1 = the header's) of the byte at `offset`. */
export function lineAt(bytes: Buffer, offset: number): number {
  let lines = 1;
  for (let at = bytes.indexOf(10); at !== -1 && at < offset; at = bytes.indexOf(10, at + 1)) lines++;
  return lines;
}
