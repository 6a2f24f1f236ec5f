/**
 * Demand: how many requests for one title arrived in the demand window. The purchase rules
 * ask it once per request, and a batch asks it a million times, so the counter stores
 * requests compactly (one integer key id and one day number per request, in typed arrays),
 * sorts each title's days once, and answers each question with two binary searches.
 *
 * The window is counted in whole calendar days and ends on the day asked about, inclusive:
 * with `windowDays` = 365, the demand on day d is the number of requests created on days
 * d − 364 … d (that day's own requests included, later ones not). A request therefore counts
 * itself, and the requests made before it, but not those that came after it. To ask "how many
 * in the last year, as of today", ask with today's day number.
 *
 * Use it in two passes: add every request, then count. Adding after counting is allowed;
 * the next count re-sorts.
 */

/**
 * The first day of the demand window that ends on `day` (both day numbers, days since 1970-01-01):
 * `windowDays` whole calendar days, `day` itself included. The one rule for "how many requests for
 * this title in the window": the batch asks it per request, the hub per decision.
 */
export function demandWindowFirstDay(day: number, windowDays: number): number {
  return day - windowDays + 1;
}

/** Grows an Int32Array to at least `needed` entries, keeping its contents. */
function grown(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const larger = new Int32Array(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
}

/** The first index in sorted `days[from, to)` whose value is ≥ `day`. */
function lowerBound(days: Int32Array, from: number, to: number, day: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (days[middle]! < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Groups request days by title key id (a counting sort on the ids), each key's days ascending:
 * the days of key k are `sortedDays[keyStart[k] .. keyStart[k + 1])`.
 */
function groupDaysByKey(keyIds: Int32Array, days: Int32Array, rows: number, keyCount: number): { sortedDays: Int32Array; keyStart: Int32Array } {
  const keyStart = new Int32Array(keyCount + 1);
  for (let row = 0; row < rows; row++) keyStart[keyIds[row]! + 1]!++;
  for (let id = 0; id < keyCount; id++) keyStart[id + 1]! += keyStart[id]!;
  const next = keyStart.slice(0, keyCount);
  const sortedDays = new Int32Array(rows);
  for (let row = 0; row < rows; row++) sortedDays[next[keyIds[row]!]!++] = days[row]!;
  for (let id = 0; id < keyCount; id++) {
    const start = keyStart[id]!;
    const end = keyStart[id + 1]!;
    // Most titles are asked for once; sorting one or two days needs no call.
    if (end - start === 2 && sortedDays[start]! > sortedDays[start + 1]!) {
      const first = sortedDays[start]!;
      sortedDays[start] = sortedDays[start + 1]!;
      sortedDays[start + 1] = first;
    } else if (end - start > 2) {
      sortedDays.subarray(start, end).sort();
    }
  }
  return { sortedDays, keyStart };
}

/** Each request's demand, given the days grouped by key: `windowDays` days ending on its own day. */
function demandOfEach(keyIds: Int32Array, days: Int32Array, rows: number, grouped: { sortedDays: Int32Array; keyStart: Int32Array }, windowDays: number): Int32Array {
  const { sortedDays, keyStart } = grouped;
  const counts = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const id = keyIds[row]!;
    const day = days[row]!;
    const start = keyStart[id]!;
    const end = keyStart[id + 1]!;
    // Most titles are asked for once: nothing to search.
    counts[row] = end - start === 1 ? 1 : lowerBound(sortedDays, start, end, day + 1) - lowerBound(sortedDays, start, end, demandWindowFirstDay(day, windowDays));
  }
  return counts;
}

/** Counts requests per title key within a sliding window of days. */
export class DemandCounter {
  /** Length of the window in days (≥ 1); the window ends on the day asked about, inclusive. */
  readonly windowDays: number;
  private readonly keyIds = new Map<string, number>();
  private rowKeys: Int32Array;
  private rowDays: Int32Array;
  private rows = 0;
  // Built by `prepare`: the days of key k are sortedDays[keyStart[k] .. keyStart[k + 1]), ascending.
  private sortedDays: Int32Array = new Int32Array(0);
  private keyStart: Int32Array = new Int32Array(1);
  private isPrepared = true;

  /** `windowDays`: days in the window (a whole number ≥ 1); `expectedRequests` sizes the arrays up front. */
  constructor(windowDays: number, expectedRequests = 1024) {
    if (!Number.isInteger(windowDays) || windowDays < 1) {
      throw new RangeError(`demand window is ${windowDays} days; it must be a whole number of days, at least 1`);
    }
    this.windowDays = windowDays;
    this.rowKeys = new Int32Array(Math.max(16, expectedRequests));
    this.rowDays = new Int32Array(Math.max(16, expectedRequests));
  }

  /** Number of requests added. */
  get size(): number {
    return this.rows;
  }

  /** Records one request for `key` created on `day` (days since 1970-01-01, a whole number). */
  add(key: string, day: number): void {
    if (!Number.isInteger(day)) throw new RangeError(`creation day ${day} of "${key}" is not a whole day number`);
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
    }
    if (this.rows === this.rowKeys.length) {
      this.rowKeys = grown(this.rowKeys, this.rows + 1);
      this.rowDays = grown(this.rowDays, this.rows + 1);
    }
    this.rowKeys[this.rows] = id;
    this.rowDays[this.rows] = day;
    this.rows++;
    this.isPrepared = false;
  }

  /**
   * Requests for `key` created in the window ending on `day` (days since 1970-01-01):
   * days `day − windowDays + 1` through `day`, inclusive.
   */
  count(key: string, day: number): number {
    const id = this.keyIds.get(key);
    if (id === undefined) return 0;
    if (!this.isPrepared) this.prepare();
    const start = this.keyStart[id]!;
    const end = this.keyStart[id + 1]!;
    return lowerBound(this.sortedDays, start, end, day + 1) - lowerBound(this.sortedDays, start, end, demandWindowFirstDay(day, this.windowDays));
  }

  /** The demand of every added request, in the order added: `count(key, creation day)` of each. */
  countEach(): Int32Array {
    if (!this.isPrepared) this.prepare();
    return demandOfEach(this.rowKeys, this.rowDays, this.rows, { sortedDays: this.sortedDays, keyStart: this.keyStart }, this.windowDays);
  }

  /** Groups the added days by key once; counting then needs only binary searches. */
  private prepare(): void {
    ({ sortedDays: this.sortedDays, keyStart: this.keyStart } = groupDaysByKey(this.rowKeys, this.rowDays, this.rows, this.keyIds.size));
    this.isPrepared = true;
  }

}

/**
 * The demand of each request (same order as given): how many requests with its key were
 * created in the `windowDays` days ending on its own creation day, itself included.
 * `keys[i]` and `days[i]` (days since 1970-01-01) describe request i.
 */
export function countDemand(keys: readonly string[], days: ArrayLike<number>, windowDays: number): Int32Array {
  if (keys.length !== days.length) {
    throw new RangeError(`${keys.length} keys but ${days.length} creation days; give one of each per request`);
  }
  const counter = new DemandCounter(windowDays, keys.length);
  for (let i = 0; i < keys.length; i++) counter.add(keys[i]!, days[i]!);
  return counter.countEach();
}

/**
 * The demand of each of `rows` requests given as integers, as a batch keeps them: `keyIds[i]`
 * is request i's title as an id from 0 to `keyCount` − 1, `days[i]` its creation day (days since
 * 1970-01-01). Same answers as `countDemand`, without a string per request.
 */
export function countDemandOfIds(keyIds: Int32Array, days: Int32Array, rows: number, keyCount: number, windowDays: number): Int32Array {
  if (!Number.isInteger(windowDays) || windowDays < 1) {
    throw new RangeError(`demand window is ${windowDays} days; it must be a whole number of days, at least 1`);
  }
  if (rows > keyIds.length || rows > days.length) throw new RangeError(`${rows} requests but room for ${Math.min(keyIds.length, days.length)}`);
  return demandOfEach(keyIds, days, rows, groupDaysByKey(keyIds, days, rows, keyCount), windowDays);
}
