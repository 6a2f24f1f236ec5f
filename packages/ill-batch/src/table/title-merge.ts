/**
 * The title merge of core's `mergedTitleKeys` (docs/title-merge.md), done on title ids for a
 * million rows: a request without an ISBN whose title and author were written with an ISBN
 * joins that ISBN's title; of several such ISBNs, the one with the most requests, then the one
 * seen first (the lower id: ids are handed out in the order titles are first seen in the file).
 * table/title-merge.test.ts checks that `ill score` groups generated exports as core does.
 */

/**
 * Rewrites `titleIds[0 .. rows)` in place so each title-and-author id that was written with an
 * ISBN becomes that ISBN's id. `pairs` holds [isbnId, titleId, ...] of the whole file (any order,
 * repeats allowed). Returns the number of rows that moved.
 */
export function mergeTitleIds(titleIds: Int32Array, rows: number, titleCount: number, pairs: readonly Int32Array[]): number {
  if (pairs.every((list) => list.length === 0)) return 0;
  const requests = new Int32Array(titleCount);
  for (let row = 0; row < rows; row++) requests[titleIds[row]!]! += 1;
  const joinTo = new Int32Array(titleCount).fill(-1);
  for (const list of pairs) {
    for (let at = 0; at < list.length; at += 2) {
      const isbn = list[at]!;
      const title = list[at + 1]!;
      const chosen = joinTo[title]!;
      if (chosen < 0 || requests[isbn]! > requests[chosen]! || (requests[isbn] === requests[chosen] && isbn < chosen)) joinTo[title] = isbn;
    }
  }
  let moved = 0;
  for (let row = 0; row < rows; row++) {
    const joined = joinTo[titleIds[row]!]!;
    if (joined >= 0) {
      titleIds[row] = joined;
      moved++;
    }
  }
  return moved;
}
