/**
 * The requests of a batch as `ill score` keeps them between reading the file and writing the
 * verdicts: demand is counted only once every row is read (rows come in any order of date), so
 * each row's demand-free findings wait here, as numbers in typed arrays rather than an object
 * per row. A row keeps its transaction number, title id, creation day and the id of its
 * combination of traits (reasons, year, price, quoted texts): 20 bytes a row (a million rows:
 * about 20 MB), plus each distinct combination once (a batch repeats a few tens of thousands),
 * the few distinct texts the reasons quote, and transaction numbers that are not plain integers.
 */
import type { PurchaseTraits } from '@liaison/core';
import { purchaseReasonCodes } from '@liaison/core';

const unknownYear = -0x80000000;
/** The reason bit whose message quotes the patron's status; other rows need not keep it. */
const patronIneligibleBit = 1 << purchaseReasonCodes.indexOf('patron-ineligible');

function grownInt32(array: Int32Array<ArrayBuffer>, needed: number): Int32Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const larger = new Int32Array(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
}

function grownFloat64(array: Float64Array<ArrayBuffer>, needed: number): Float64Array<ArrayBuffer> {
  if (needed <= array.length) return array;
  const larger = new Float64Array(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
}

/** True for "0" or digits without a leading zero, short enough to be an exact double: one string per number. */
export function isPlainInteger(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 15 || (text.charCodeAt(0) === 48 && length > 1)) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/** A 32-bit hash of a combination of traits; the price by its cents, which is how prices differ. */
function combinationHash(reasons: number, year: number, price: number, textId: number): number {
  let hash = Math.imul(reasons ^ Math.imul(textId, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(year, 0xc2b2ae35);
  if (!Number.isNaN(price)) hash ^= Math.imul((price * 100) | 0, 0x27d4eb2d);
  return hash ^ (hash >>> 15);
}

/** The texts a row's reasons quote; most rows quote none. */
interface QuotedTexts {
  documentType: string;
  status: string;
  loanDate: string;
  openAccessUrl: string;
  priceCurrency: string;
}

/** Rows of a batch, in input order, with their title id, creation day and purchase traits. */
export class RequestTable {
  #rows = 0;
  #transactionNumbers = new Float64Array(1 << 16); // NaN: see #otherTransactionNumbers
  #otherTransactionNumbers = new Map<number, string>();
  #titleIds = new Int32Array(1 << 16);
  #days = new Int32Array(1 << 16);
  #combinationIds = new Int32Array(1 << 16);
  // Per combination of traits:
  #combinations = 0;
  #reasons = new Int32Array(1 << 12);
  #years = new Int32Array(1 << 12);
  #prices = new Float64Array(1 << 12); // NaN when unknown
  #textIds = new Int32Array(1 << 12); // 0: no text quoted
  /** Open-addressing index of the combinations: a combination id + 1 per slot, 0 for empty. */
  #combinationSlots = new Int32Array(1 << 13);
  #texts: QuotedTexts[] = [{ documentType: '', status: '', loanDate: '', openAccessUrl: '', priceCurrency: '' }];
  #textIdOf = new Map<string, number>();
  /** For the common case of a document type as the only text quoted (an excluded type). */
  #textIdOfDocumentType = new Map<string, number>();
  readonly #currency: string;

  /** `currency`: the policy's ISO 4217 code, the currency of most prices. */
  constructor(currency: string) {
    this.#currency = currency;
  }

  get rows(): number {
    return this.#rows;
  }

  /** Title id per row (valid up to `rows`). */
  get titleIds(): Int32Array {
    return this.#titleIds;
  }

  /** Creation day per row, days since 1970-01-01 (valid up to `rows`). */
  get days(): Int32Array {
    return this.#days;
  }

  /** Adds a row; returns its index. */
  add(transactionNumber: string, titleId: number, day: number, traits: Readonly<PurchaseTraits>): number {
    const row = this.#rows++;
    if (row === this.#titleIds.length) {
      const needed = row + 1;
      this.#transactionNumbers = grownFloat64(this.#transactionNumbers, needed);
      this.#titleIds = grownInt32(this.#titleIds, needed);
      this.#days = grownInt32(this.#days, needed);
      this.#combinationIds = grownInt32(this.#combinationIds, needed);
    }
    if (isPlainInteger(transactionNumber)) this.#transactionNumbers[row] = +transactionNumber;
    else {
      this.#transactionNumbers[row] = Number.NaN;
      // Copied, so the parser's chunk of text it was cut from is not kept alive.
      this.#otherTransactionNumbers.set(row, (' ' + transactionNumber).slice(1));
    }
    this.#titleIds[row] = titleId;
    this.#days[row] = day;
    const otherCurrency = traits.price !== null && traits.priceCurrency !== this.#currency ? traits.priceCurrency : '';
    // The status is quoted only by the patron-ineligible reason; kept for other rows it would
    // make a distinct text (and a key string) of every status.
    const status = traits.reasons & patronIneligibleBit ? traits.status : '';
    const documentType = traits.documentType;
    let textId = 0;
    if (status === '' && traits.loanDate === '' && traits.openAccessUrl === '' && otherCurrency === '') {
      if (documentType !== '') {
        let id = this.#textIdOfDocumentType.get(documentType);
        if (id === undefined) {
          id = this.#texts.length;
          this.#textIdOfDocumentType.set((' ' + documentType).slice(1), id);
          this.#texts.push({ documentType: (' ' + documentType).slice(1), status: '', loanDate: '', openAccessUrl: '', priceCurrency: '' });
        }
        textId = id;
      }
    } else {
      const key = `${documentType}\u0000${status}\u0000${traits.loanDate}\u0000${traits.openAccessUrl}\u0000${otherCurrency}`;
      let id = this.#textIdOf.get(key);
      if (id === undefined) {
        id = this.#texts.length;
        this.#textIdOf.set(key, id);
        const [documentType, status, loanDate, openAccessUrl, priceCurrency] = key.split('\u0000') as [string, string, string, string, string];
        this.#texts.push({ documentType, status, loanDate, openAccessUrl, priceCurrency });
      }
      textId = id;
    }
    this.#combinationIds[row] = this.#combinationOf(traits.reasons, traits.year ?? unknownYear, traits.price ?? Number.NaN, textId);
    return row;
  }

  /** The id of a combination of traits, added when new. */
  #combinationOf(reasons: number, year: number, price: number, textId: number): number {
    const isPriceKnown = !Number.isNaN(price);
    const mask = this.#combinationSlots.length - 1;
    let slot = combinationHash(reasons, year, price, textId) & mask;
    for (;;) {
      const entry = this.#combinationSlots[slot]!;
      if (entry === 0) break;
      const id = entry - 1;
      const known = this.#prices[id]!;
      if (this.#reasons[id] === reasons && this.#years[id] === year && this.#textIds[id] === textId && (known === price || (!isPriceKnown && Number.isNaN(known)))) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.#combinations++;
    if (id === this.#reasons.length) {
      this.#reasons = grownInt32(this.#reasons, id + 1);
      this.#years = grownInt32(this.#years, id + 1);
      this.#prices = grownFloat64(this.#prices, id + 1);
      this.#textIds = grownInt32(this.#textIds, id + 1);
    }
    this.#reasons[id] = reasons;
    this.#years[id] = year;
    this.#prices[id] = price;
    this.#textIds[id] = textId;
    this.#combinationSlots[slot] = id + 1;
    // At most half full, so a look-up finds its slot or an empty one within a few steps.
    if (this.#combinations * 2 > this.#combinationSlots.length) this.#growSlots();
    return id;
  }

  #growSlots(): void {
    const slots = new Int32Array(this.#combinationSlots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.#combinations; id++) {
      let slot = combinationHash(this.#reasons[id]!, this.#years[id]!, this.#prices[id]!, this.#textIds[id]!) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.#combinationSlots = slots;
  }

  transactionNumber(row: number): string {
    const number = this.#transactionNumbers[row]!;
    return Number.isNaN(number) ? this.#otherTransactionNumbers.get(row)! : String(number);
  }

  /** The known price of `row`, or NaN. */
  priceAt(row: number): number {
    return this.#prices[this.#combinationIds[row]!]!;
  }

  /** Fills `into` with the traits of `row`; `asOfYear` is the evaluation's. */
  traitsOf(row: number, asOfYear: number, into: PurchaseTraits): PurchaseTraits {
    const combination = this.#combinationIds[row]!;
    const texts = this.#texts[this.#textIds[combination]!]!;
    const year = this.#years[combination]!;
    const price = this.#prices[combination]!;
    into.reasons = this.#reasons[combination]!;
    into.year = year === unknownYear ? null : year;
    into.price = Number.isNaN(price) ? null : price;
    into.priceCurrency = texts.priceCurrency || this.#currency;
    into.asOfYear = asOfYear;
    into.documentType = texts.documentType;
    into.status = texts.status;
    into.loanDate = texts.loanDate;
    into.openAccessUrl = texts.openAccessUrl;
    return into;
  }
}
