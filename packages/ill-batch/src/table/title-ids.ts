/**
 * A small integer per distinct title of a batch, in the order titles are first seen: what demand
 * is counted by. The grouping is titleKey's (an ISBN, else title and author, else the
 * transaction), but a million rows must not each make a key string: an ISBN is kept as its
 * number, and the title-and-author texts seen recently are remembered with their id, so the key
 * is worked out once per distinct text. The title and author written with each ISBN are noted
 * too (`pairs`), for the title merge (table/title-merge.ts).
 */
import { titleAndAuthorKey, titleKey } from '@liaison/core/batch';
import { firstIsbnNumber } from './first-isbn.js';
import { NumberIds } from './number-ids.js';
import { isPlainInteger } from './request-table.js';

/** Remembered title-and-author texts before the memory is started afresh (keeps memory flat). */
const rememberedLimit = 200_000;
/** Remembered for a title-and-author text that gives no title key (the transaction is then the key). */
const noTitle = -1;

/** A title as written, with the first author written with it and any others. */
interface WrittenTitle {
  author: string;
  id: number;
  others: Map<string, number> | null;
}

/** How a title's key is written: an ISBN-13 as a number, a transaction number, or a key string. */
const isbnKey = 0;
const transactionNumberKey = 1;
const stringKey = 2;

/**
 * The key of each title id of one part of a batch, so parts read apart (in worker threads) can be
 * given one set of ids: `kinds[id]` says whether `numbers[id]` (an ISBN-13 or a transaction number)
 * or `strings.get(id)` (a titleKey) is the key.
 */
export interface TitleKeys {
  count: number;
  kinds: Uint8Array;
  numbers: Float64Array;
  strings: Map<number, string>;
  /**
   * ISBN titles and the title-and-author titles written with them, as pairs of ids
   * (`[isbnId, titleId, isbnId, titleId, ...]`), for the title merge (docs/title-merge.md).
   */
  pairs: Int32Array;
}

/** Ids of the titles of a batch. */
export class TitleIds {
  #count = 0;
  #kinds = new Uint8Array(1 << 12);
  #numbers = new Float64Array(1 << 12);
  readonly #strings = new Map<number, string>();
  /** ISBN-13 as a number → id. */
  readonly #ofIsbn = new NumberIds();
  /** Requests with neither ISBN nor title: a plain integer transaction number → id. */
  readonly #ofTransactionNumber = new NumberIds({ isMostlyAscending: true });
  /** Title keys (`title:…`) and other requests' `transaction:…` keys → id. */
  readonly #ofKey = new Map<string, number>();
  /** A title as written → the author written with it and the id of the two, or noTitle. */
  #ofText = new Map<string, WrittenTitle>();
  #rememberedTexts = 0;
  /** Per id: the title-and-author id last paired with it (an ISBN's), or -1. */
  #lastPaired = new Int32Array(1 << 12).fill(-1);
  /** ISBN id, title-and-author id, ... (see TitleKeys.pairs). */
  #pairs = new Int32Array(1 << 10);
  #pairCount = 0;

  /** Whether the last request given to `idOf` had a valid ISBN. */
  lastHadIsbn = false;

  /** Number of distinct titles so far; ids are 0 to count - 1. */
  get count(): number {
    return this.#count;
  }

  /** The id of the title of a request with these cells (trimmed); a new title gets the next id. */
  idOf(transactionNumber: string, isbnField: string, title: string, author: string): number {
    this.lastHadIsbn = false;
    if (isbnField !== '') {
      const isbn = firstIsbnNumber(isbnField);
      if (isbn >= 0) {
        this.lastHadIsbn = true;
        const id = this.#ofIsbn.idOf(isbn, this.#count);
        if (id === this.#count) this.#added(isbnKey, isbn);
        // The title and author written with the ISBN, so requests without one can join it.
        if (title !== '') {
          const titleId = this.#idOfTitle(title, author);
          if (titleId !== noTitle && this.#lastPaired[id] !== titleId) this.#pair(id, titleId);
        }
        return id;
      }
    }
    if (title !== '') {
      const id = this.#idOfTitle(title, author);
      if (id !== noTitle) return id;
    }
    // Articles mostly: each counts alone, under `transaction:<TransactionNumber>`.
    if (isPlainInteger(transactionNumber)) {
      const id = this.#ofTransactionNumber.idOf(+transactionNumber, this.#count);
      if (id === this.#count) this.#added(transactionNumberKey, +transactionNumber);
      return id;
    }
    return this.#idOfKey(titleKey({ TransactionNumber: transactionNumber, ISSN: '', LoanTitle: '', LoanAuthor: '' }));
  }

  /** The id of a title-and-author key (`title:…`), or noTitle when the title normalises to nothing. */
  #idOfTitle(title: string, author: string): number {
    // Looked up by the title alone, then its author: no joined string to make per row.
    const written = this.#ofText.get(title);
    let id: number | undefined;
    if (written !== undefined) id = written.author === author ? written.id : written.others?.get(author);
    if (id === undefined) {
      const key = titleAndAuthorKey({ LoanTitle: title, LoanAuthor: author });
      id = key === null ? noTitle : this.#idOfKey(key);
      this.#remember(written, title, author, id);
    }
    return id;
  }

  #pair(isbnId: number, titleId: number): void {
    this.#lastPaired[isbnId] = titleId;
    if (this.#pairCount + 2 > this.#pairs.length) {
      const larger = new Int32Array(this.#pairs.length * 2);
      larger.set(this.#pairs);
      this.#pairs = larger;
    }
    this.#pairs[this.#pairCount++] = isbnId;
    this.#pairs[this.#pairCount++] = titleId;
  }

  #remember(written: WrittenTitle | undefined, title: string, author: string, id: number): void {
    if (this.#rememberedTexts >= rememberedLimit) {
      this.#ofText = new Map();
      this.#rememberedTexts = 0;
      written = undefined;
    }
    this.#rememberedTexts++;
    if (written === undefined) this.#ofText.set(detached(title), { author: detached(author), id, others: null });
    else (written.others ??= new Map()).set(detached(author), id);
  }

  /** Forgets the texts and keys (the ids already handed out stay valid). */
  clear(): void {
    this.#ofIsbn.clear();
    this.#ofTransactionNumber.clear();
    this.#ofKey.clear();
    this.#ofText = new Map();
    this.#rememberedTexts = 0;
  }

  #idOfKey(key: string): number {
    let id = this.#ofKey.get(key);
    if (id === undefined) {
      id = this.#count;
      // Copied, so the parser's chunk of text the key may be cut from is not kept alive.
      const kept = detached(key);
      this.#ofKey.set(kept, id);
      this.#added(stringKey, 0);
      this.#strings.set(id, kept);
    }
    return id;
  }

  /** Notes the key of the next id. */
  #added(kind: number, number: number): void {
    const id = this.#count++;
    if (id === this.#kinds.length) {
      const kinds = new Uint8Array(id * 2);
      kinds.set(this.#kinds);
      this.#kinds = kinds;
      const numbers = new Float64Array(id * 2);
      numbers.set(this.#numbers);
      this.#numbers = numbers;
      const lastPaired = new Int32Array(id * 2).fill(-1);
      lastPaired.set(this.#lastPaired);
      this.#lastPaired = lastPaired;
    }
    this.#kinds[id] = kind;
    this.#numbers[id] = number;
  }

  /** The key of every id handed out, for TitleIdMerger. */
  keys(): TitleKeys {
    return {
      count: this.#count,
      kinds: this.#kinds.subarray(0, this.#count),
      numbers: this.#numbers.subarray(0, this.#count),
      strings: this.#strings,
      pairs: this.#pairs.subarray(0, this.#pairCount),
    };
  }
}

/**
 * One set of title ids for a batch read in parts: the ids of each part's titles (TitleKeys, in
 * the order of the parts) are mapped to ids of the whole, a title met in two parts getting one id.
 */
export class TitleIdMerger {
  #count = 0;
  readonly #ofIsbn = new NumberIds();
  readonly #ofTransactionNumber = new NumberIds();
  readonly #ofString = new Map<string, number>();

  /** Number of distinct titles of the parts merged so far. */
  get count(): number {
    return this.#count;
  }

  /** The batch's id of each of the part's ids (`ids[localId]`). */
  idsOf(keys: TitleKeys): Int32Array {
    const ids = new Int32Array(keys.count);
    const { kinds, numbers, strings } = keys;
    for (let local = 0; local < keys.count; local++) {
      const kind = kinds[local]!;
      let id: number;
      if (kind === stringKey) {
        const key = strings.get(local)!;
        id = this.#ofString.get(key) ?? this.#count;
        if (id === this.#count) this.#ofString.set(key, id);
      } else {
        id = (kind === isbnKey ? this.#ofIsbn : this.#ofTransactionNumber).idOf(numbers[local]!, this.#count);
      }
      if (id === this.#count) this.#count++;
      ids[local] = id;
    }
    return ids;
  }
}

/**
 * A copy of `text` that does not point into the larger string it was cut from: V8 keeps a
 * slice of a string as a view of the whole, and a remembered cell would keep its chunk alive.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}
