/**
 * "Did you mean …?" for the policy file: the known word nearest to what the library typed.
 */

/**
 * Damerau–Levenshtein distance (unrestricted, Lowrance–Wagner): how many insertions, deletions,
 * substitutions and swaps of two neighbouring letters turn `a` into `b`. A swap counts as one
 * edit because "opnening" and "calender" are typing slips, not spelling choices.
 */
export function editDistance(a: string, b: string): number {
  const infinity = a.length + b.length;
  // Row/column 0 hold `infinity` as a sentinel; the table is (a.length + 2) × (b.length + 2).
  const width = b.length + 2;
  const table = new Array<number>((a.length + 2) * width).fill(0);
  const at = (i: number, j: number) => table[i * width + j]!;
  const set = (i: number, j: number, value: number) => {
    table[i * width + j] = value;
  };
  set(0, 0, infinity);
  for (let i = 0; i <= a.length; i++) {
    set(i + 1, 0, infinity);
    set(i + 1, 1, i);
  }
  for (let j = 0; j <= b.length; j++) {
    set(0, j + 1, infinity);
    set(1, j + 1, j);
  }
  // The last row in which each character of `a` was seen.
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= a.length; i++) {
    let lastMatchingColumn = 0;
    for (let j = 1; j <= b.length; j++) {
      const k = lastRowOf.get(b[j - 1]!) ?? 0;
      const l = lastMatchingColumn;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      if (cost === 0) lastMatchingColumn = j;
      set(
        i + 1,
        j + 1,
        Math.min(
          at(i, j) + cost, // substitution (or match)
          at(i + 1, j) + 1, // insertion
          at(i, j + 1) + 1, // deletion
          at(k, l) + (i - k - 1) + 1 + (j - l - 1), // transposition, with the letters between
        ),
      );
    }
    lastRowOf.set(a[i - 1]!, i);
  }
  return at(a.length + 1, b.length + 1);
}

// Case, hyphens and spaces are the commonest slips in a YAML key ("Opening-Hours").
const comparable = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * The candidate nearest to `typed`, or undefined when none is close enough to be a slip:
 * at most a third of the longer word's letters may differ (and always at least 2 may).
 */
export function nearest(typed: string, candidates: readonly string[]): string | undefined {
  const wanted = comparable(typed);
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, comparable(candidate));
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(2, Math.floor(Math.max(wanted.length, best.candidate.length) / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}
