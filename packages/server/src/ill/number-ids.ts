/**
 * Small integer ids for whole numbers (ISBNs, transaction numbers), in a hash table of typed
 * arrays: a JavaScript Map boxes each number that is not a small integer and costs about 40
 * bytes an entry; this costs 24 bytes an entry at most, allocates only when it grows, and never
 * makes garbage for the collector to chase across a million rows.
 */

/** Mixes the bits of a whole number below 2^53 into a 32-bit hash. */
function hashOf(key: number): number {
  const low = key | 0; // the low 32 bits of a whole number
  const high = (key / 4294967296) | 0;
  let hash = Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1);
  hash ^= hash >>> 15;
  return Math.imul(hash, 0x27d4eb2d) ^ (hash >>> 13);
}

/** Ids of whole numbers from 0 to 2^53, in a table that grows as needed. */
export class NumberIds {
  #keys = new Float64Array(1 << 12);
  #ids = new Int32Array(1 << 12).fill(-1);
  #size = 0;

  /** Number of keys held. */
  get size(): number {
    return this.#size;
  }

  /** The id of `key`; when it has none, `newId` becomes its id. `key`: a whole number, 0 to 2^53. */
  idOf(key: number, newId: number): number {
    const mask = this.#ids.length - 1;
    let slot = hashOf(key) & mask;
    for (;;) {
      const id = this.#ids[slot]!;
      if (id === -1) break;
      if (this.#keys[slot] === key) return id;
      slot = (slot + 1) & mask;
    }
    this.#keys[slot] = key;
    this.#ids[slot] = newId;
    // At most half full, so a look-up finds its slot or an empty one within a few steps.
    if (++this.#size * 2 > this.#ids.length) this.#grow();
    return newId;
  }

  /** Empties the table (and gives back its memory). */
  clear(): void {
    this.#keys = new Float64Array(1 << 12);
    this.#ids = new Int32Array(1 << 12).fill(-1);
    this.#size = 0;
  }

  #grow(): void {
    const keys = this.#keys;
    const ids = this.#ids;
    this.#keys = new Float64Array(keys.length * 2);
    this.#ids = new Int32Array(ids.length * 2).fill(-1);
    const mask = this.#ids.length - 1;
    for (let old = 0; old < ids.length; old++) {
      if (ids[old] === -1) continue;
      let slot = hashOf(keys[old]!) & mask;
      while (this.#ids[slot] !== -1) slot = (slot + 1) & mask;
      this.#keys[slot] = keys[old]!;
      this.#ids[slot] = ids[old]!;
    }
  }
}
