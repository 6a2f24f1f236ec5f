/**
 * A small integer per distinct title of a batch, in the order titles are first seen: what demand
 * is counted by. The grouping is titleKey's (an ISBN, else title and author, else the
 * transaction), but a million rows must not each make a key string: an ISBN is kept as its
 * number, and the title-and-author texts seen recently are remembered with their id, so the key
 * is worked out once per distinct text.
 */
import { firstIsbnNumber, titleKey } from '@liaison/core';
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

/** Ids of the titles of a batch. */
export class TitleIds {
  #count = 0;
  /** ISBN-13 as a number → id. */
  readonly #ofIsbn = new NumberIds();
  /** Requests with neither ISBN nor title: a plain integer transaction number → id. */
  readonly #ofTransactionNumber = new NumberIds({ isMostlyAscending: true });
  /** Title keys (`title:…`) and other requests' `transaction:…` keys → id. */
  readonly #ofKey = new Map<string, number>();
  /** A title as written → the author written with it and the id of the two, or noTitle. */
  #ofText = new Map<string, WrittenTitle>();
  #rememberedTexts = 0;

  /** Number of distinct titles so far; ids are 0 to count - 1. */
  get count(): number {
    return this.#count;
  }

  /** The id of the title of a request with these cells (trimmed); a new title gets the next id. */
  idOf(transactionNumber: string, isbnField: string, title: string, author: string): number {
    if (isbnField !== '') {
      const isbn = firstIsbnNumber(isbnField);
      if (isbn >= 0) {
        const id = this.#ofIsbn.idOf(isbn, this.#count);
        if (id === this.#count) this.#count++;
        return id;
      }
    }
    if (title !== '') {
      // Looked up by the title alone, then its author: no joined string to make per row.
      const written = this.#ofText.get(title);
      let id: number | undefined;
      if (written !== undefined) id = written.author === author ? written.id : written.others?.get(author);
      if (id === undefined) {
        const key = titleKey({ TransactionNumber: '', ISSN: '', LoanTitle: title, LoanAuthor: author });
        id = key.startsWith('title:') ? this.#idOfKey(key) : noTitle;
        this.#remember(written, title, author, id);
      }
      if (id !== noTitle) return id;
    }
    // Articles mostly: each counts alone, under `transaction:<TransactionNumber>`.
    if (isPlainInteger(transactionNumber)) {
      const id = this.#ofTransactionNumber.idOf(+transactionNumber, this.#count);
      if (id === this.#count) this.#count++;
      return id;
    }
    return this.#idOfKey(titleKey({ TransactionNumber: transactionNumber, ISSN: '', LoanTitle: '', LoanAuthor: '' }));
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
      id = this.#count++;
      // Copied, so the parser's chunk of text the key may be cut from is not kept alive.
      this.#ofKey.set(detached(key), id);
    }
    return id;
  }
}

/**
 * A copy of `text` that does not point into the larger string it was cut from: V8 keeps a
 * slice of a string as a view of the whole, and a remembered cell would keep its chunk alive.
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}
