/**
 * Pieces for writing synthetic ILLiad exports in tests (the parts test here, the threads test in
 * test/ill): a seeded random source, so a seed always gives the same file; CSV quoting; ISBN
 * check digits; and words to build titles from.
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
export function isbn13Check(twelve: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(twelve[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** The check character of an ISBN-10 from its first nine digits ("X" for ten). */
export function isbn10Check(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

export const titleWords = ['history', 'theory', 'climate', 'water', 'memory', 'migration', 'music', 'data', 'ethics', 'empire', 'labor', 'poetry', 'ocean', 'soil', 'justice'];
export const foreignTitles = ['Études sur la mémoire', 'Geschichte der Übersetzung', '日本近代文学の研究', 'История русской литературы', 'Świat według Kiepskich', 'Økonomi og samfund'];
export const journals = ['Nature', 'The Lancet', 'College & Research Libraries', 'Revue française de sociologie'];
