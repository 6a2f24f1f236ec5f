/**
 * Small integer ids for whole numbers (ISBNs, transaction numbers), in a hash table of typed
 * arrays: a JavaScript Map boxes each number that is not a small integer and costs about 40
 * bytes an entry; this costs 16 to 32 bytes an entry, allocates only when it grows, and makes no
 * garbage for the collector to chase across a million rows. Each slot holds its key and id side
 * by side, so a look-up touches one place in memory.
 */

/** Mixes the bits of a whole number below 2^53 into a 32-bit hash. */
function hashOf(key: number): number {
  const low = key | 0; // the low 32 bits of a whole number
  const high = (key / 4294967296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x27d4eb2d) ^ (hash >>> 13);
}

const empty = -1;
const firstSlots = 1 << 12;

/** Ids of whole numbers from 0 to 2^53, in a table that grows as needed. */
export class NumberIds {
  /** Key at 2 × slot, its id at 2 × slot + 1 (empty: -1). */
  #slots = emptySlots(firstSlots);
  #size = 0;
  /**
   * Keys seen so far in ascending order, as pairs like #slots, while they come so (the
   * transaction numbers of an export sorted by them): appended in order, nothing to hash or look
   * up. Null once a key comes out of order; the pairs are then moved to the hash table.
   */
  #ascending: Float64Array | null;
  #ascendingCount = 0;
  readonly #isMostlyAscending: boolean;

  /** `isMostlyAscending`: keys usually come in ascending order, so keep them in a list while they do. */
  constructor(options: { isMostlyAscending?: boolean } = {}) {
    this.#isMostlyAscending = options.isMostlyAscending === true;
    this.#ascending = this.#isMostlyAscending ? new Float64Array(2 * firstSlots) : null;
  }

  /** Number of keys held. */
  get size(): number {
    return this.#size + this.#ascendingCount;
  }

  /** The id of `key`; when it has none, `newId` becomes its id. `key`: a whole number, 0 to 2^53. */
  idOf(key: number, newId: number): number {
    const ascending = this.#ascending;
    if (ascending !== null) {
      const count = this.#ascendingCount;
      if (count === 0 || key > ascending[2 * count - 2]!) {
        if (2 * count === ascending.length) {
          this.#ascending = new Float64Array(ascending.length * 2);
          this.#ascending.set(ascending);
        }
        this.#ascending![2 * count] = key;
        this.#ascending![2 * count + 1] = newId;
        this.#ascendingCount = count + 1;
        return newId;
      }
      if (key === ascending[2 * count - 2]) return ascending[2 * count - 1]!;
      this.#leaveAscending();
    }
    let slots = this.#slots;
    const mask = (slots.length >> 1) - 1;
    let slot = hashOf(key) & mask;
    for (;;) {
      const id = slots[2 * slot + 1]!;
      if (id === empty) break;
      if (slots[2 * slot] === key) return id;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = key;
    slots[2 * slot + 1] = newId;
    // At most half full, so a look-up finds its slot or an empty one within a few steps.
    if (++this.#size * 4 > slots.length) {
      slots = this.#slots = rehashed(slots, slots.length * 2);
    }
    return newId;
  }

  /** Empties the table (and gives back its memory). */
  clear(): void {
    this.#slots = emptySlots(firstSlots);
    this.#size = 0;
    this.#ascending = this.#isMostlyAscending ? new Float64Array(2 * firstSlots) : null;
    this.#ascendingCount = 0;
  }

  #leaveAscending(): void {
    const ascending = this.#ascending!;
    const count = this.#ascendingCount;
    this.#ascending = null;
    this.#ascendingCount = 0;
    let length = this.#slots.length;
    while ((this.#size + count) * 4 > length) length *= 2;
    if (length !== this.#slots.length) this.#slots = rehashed(this.#slots, length);
    for (let i = 0; i < count; i++) this.idOf(ascending[2 * i]!, ascending[2 * i + 1]!);
  }
}

function emptySlots(slots: number): Float64Array {
  return new Float64Array(2 * slots).fill(empty);
}

/** The pairs of `slots` in a table of `length` numbers (half as many slots). */
function rehashed(slots: Float64Array, length: number): Float64Array {
  const larger = new Float64Array(length).fill(empty);
  const mask = (length >> 1) - 1;
  for (let old = 0; old < slots.length; old += 2) {
    if (slots[old + 1] === empty) continue;
    let slot = hashOf(slots[old]!) & mask;
    while (larger[2 * slot + 1] !== empty) slot = (slot + 1) & mask;
    larger[2 * slot] = slots[old]!;
    larger[2 * slot + 1] = slots[old + 1]!;
  }
  return larger;
}
