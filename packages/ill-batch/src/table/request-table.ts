/**
 * The requests of a batch as `ill score` keeps them between reading the file and writing the
 * verdicts: demand is counted only once every row is read (rows come in any order of date), so
 * each row's demand-free findings wait here, as numbers in typed arrays rather than an object
 * per row. 36 bytes a row (a million rows: about 36 MB), plus the few distinct texts the
 * reasons quote (document types, patron statuses, undated LoanDates) and transaction numbers
 * that are not plain integers. (Why not one id per distinct combination of findings: see
 * bench/README.md, "What was measured and not kept".)
 */
import type { PurchaseFindings } from '@liaison/core/batch';
import { packReasons, reasonBit, unpackReasons } from './reason-bits.js';

const unknownYear = -0x80000000;
/** The reason bit whose message quotes the patron's status; other rows need not keep it. */
const patronIneligibleBit = reasonBit('patron-ineligible');

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

/** The texts a row's reasons quote; most rows quote none. */
export interface QuotedTexts {
  documentType: string;
  status: string;
  loanDate: string;
  openAccessUrl: string;
  priceCurrency: string;
}

/**
 * A table's contents as plain data, to hand to another thread (its arrays hold exactly `rows`
 * entries) or to join with the tables of the other parts of a file (`joinedTables`).
 */
export interface RequestTableData {
  rows: number;
  transactionNumbers: Float64Array;
  otherTransactionNumbers: Map<number, string>;
  titleIds: Int32Array;
  days: Int32Array;
  reasons: Int32Array;
  years: Int32Array;
  prices: Float64Array;
  textIds: Int32Array;
  texts: QuotedTexts[];
}

/**
 * The tables of the parts of a file, in file order, as one: `titleIdsOfPart[k]` maps part k's
 * title ids to the file's (TitleIdMerger).
 */
export function joinedTables(parts: readonly RequestTableData[], titleIdsOfPart: readonly Int32Array[]): RequestTableData {
  const rows = parts.reduce((sum, part) => sum + part.rows, 0);
  const joined: RequestTableData = {
    rows,
    transactionNumbers: new Float64Array(rows),
    otherTransactionNumbers: new Map(),
    titleIds: new Int32Array(rows),
    days: new Int32Array(rows),
    reasons: new Int32Array(rows),
    years: new Int32Array(rows),
    prices: new Float64Array(rows),
    textIds: new Int32Array(rows),
    texts: [noTexts],
  };
  let at = 0;
  parts.forEach((part, k) => {
    joined.transactionNumbers.set(part.transactionNumbers.subarray(0, part.rows), at);
    joined.days.set(part.days.subarray(0, part.rows), at);
    joined.reasons.set(part.reasons.subarray(0, part.rows), at);
    joined.years.set(part.years.subarray(0, part.rows), at);
    joined.prices.set(part.prices.subarray(0, part.rows), at);
    for (const [row, text] of part.otherTransactionNumbers) joined.otherTransactionNumbers.set(at + row, text);
    const titleIds = titleIdsOfPart[k]!;
    // Text ids past 0 (no text) move up by the texts the earlier parts brought.
    const textShift = joined.texts.length - 1;
    joined.texts.push(...part.texts.slice(1));
    for (let row = 0; row < part.rows; row++) {
      joined.titleIds[at + row] = titleIds[part.titleIds[row]!]!;
      const textId = part.textIds[row]!;
      joined.textIds[at + row] = textId === 0 ? 0 : textId + textShift;
    }
    at += part.rows;
  });
  return joined;
}

const noTexts: QuotedTexts = { documentType: '', status: '', loanDate: '', openAccessUrl: '', priceCurrency: '' };

/** Rows of a batch, in input order, with their title id, creation day and purchase findings. */
export class RequestTable {
  #rows = 0;
  #transactionNumbers = new Float64Array(1 << 16); // NaN: see #otherTransactionNumbers
  #otherTransactionNumbers = new Map<number, string>();
  #titleIds = new Int32Array(1 << 16);
  #days = new Int32Array(1 << 16);
  #reasons = new Int32Array(1 << 16);
  #years = new Int32Array(1 << 16);
  #prices = new Float64Array(1 << 16); // NaN when unknown
  #textIds = new Int32Array(1 << 16); // 0: no text quoted
  #texts: QuotedTexts[] = [noTexts];
  #textIdOf = new Map<string, number>();
  /** For the common case of a document type as the only text quoted (an excluded type). */
  #textIdOfDocumentType = new Map<string, number>();
  readonly #currency: string;

  /** `currency`: the policy's ISO 4217 code, the currency of most prices. `data`: rows to start from. */
  constructor(currency: string, data?: RequestTableData) {
    this.#currency = currency;
    if (data) {
      this.#rows = data.rows;
      this.#transactionNumbers = data.transactionNumbers as Float64Array<ArrayBuffer>;
      this.#otherTransactionNumbers = data.otherTransactionNumbers;
      this.#titleIds = data.titleIds as Int32Array<ArrayBuffer>;
      this.#days = data.days as Int32Array<ArrayBuffer>;
      this.#reasons = data.reasons as Int32Array<ArrayBuffer>;
      this.#years = data.years as Int32Array<ArrayBuffer>;
      this.#prices = data.prices as Float64Array<ArrayBuffer>;
      this.#textIds = data.textIds as Int32Array<ArrayBuffer>;
      this.#texts = data.texts;
    }
  }

  /** The rows as plain data: views of the arrays cut to the rows (not copies), e.g. to move to another thread. */
  data(): RequestTableData {
    const rows = this.#rows;
    return {
      rows,
      transactionNumbers: this.#transactionNumbers.subarray(0, rows),
      otherTransactionNumbers: this.#otherTransactionNumbers,
      titleIds: this.#titleIds.subarray(0, rows),
      days: this.#days.subarray(0, rows),
      reasons: this.#reasons.subarray(0, rows),
      years: this.#years.subarray(0, rows),
      prices: this.#prices.subarray(0, rows),
      textIds: this.#textIds.subarray(0, rows),
      texts: this.#texts,
    };
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
  add(transactionNumber: string, titleId: number, day: number, findings: Readonly<PurchaseFindings>): number {
    const row = this.#rows++;
    if (row === this.#titleIds.length) {
      const needed = row + 1;
      this.#transactionNumbers = grownFloat64(this.#transactionNumbers, needed);
      this.#titleIds = grownInt32(this.#titleIds, needed);
      this.#days = grownInt32(this.#days, needed);
      this.#reasons = grownInt32(this.#reasons, needed);
      this.#years = grownInt32(this.#years, needed);
      this.#prices = grownFloat64(this.#prices, needed);
      this.#textIds = grownInt32(this.#textIds, needed);
    }
    if (isPlainInteger(transactionNumber)) this.#transactionNumbers[row] = +transactionNumber;
    else {
      this.#transactionNumbers[row] = Number.NaN;
      // Copied, so the parser's chunk of text it was cut from is not kept alive.
      this.#otherTransactionNumbers.set(row, (' ' + transactionNumber).slice(1));
    }
    this.#titleIds[row] = titleId;
    this.#days[row] = day;
    const reasons = packReasons(findings.reasons);
    this.#reasons[row] = reasons;
    this.#years[row] = findings.year ?? unknownYear;
    this.#prices[row] = findings.price ?? Number.NaN;
    const otherCurrency = findings.price !== null && findings.priceCurrency !== this.#currency ? findings.priceCurrency : '';
    // The status is quoted only by the patron-ineligible reason; kept for other rows it would
    // make a distinct text (and a key string) of every status.
    const status = reasons & patronIneligibleBit ? findings.status : '';
    const documentType = findings.documentType;
    if (status === '' && findings.loanDate === '' && findings.openAccessUrl === '' && otherCurrency === '') {
      if (documentType === '') this.#textIds[row] = 0;
      else {
        let id = this.#textIdOfDocumentType.get(documentType);
        if (id === undefined) {
          id = this.#texts.length;
          this.#textIdOfDocumentType.set((' ' + documentType).slice(1), id);
          this.#texts.push({ documentType: (' ' + documentType).slice(1), status: '', loanDate: '', openAccessUrl: '', priceCurrency: '' });
        }
        this.#textIds[row] = id;
      }
    } else {
      const key = `${documentType}\u0000${status}\u0000${findings.loanDate}\u0000${findings.openAccessUrl}\u0000${otherCurrency}`;
      let id = this.#textIdOf.get(key);
      if (id === undefined) {
        id = this.#texts.length;
        this.#textIdOf.set(key, id);
        const [documentType, status, loanDate, openAccessUrl, priceCurrency] = key.split('\u0000') as [string, string, string, string, string];
        this.#texts.push({ documentType, status, loanDate, openAccessUrl, priceCurrency });
      }
      this.#textIds[row] = id;
    }
    return row;
  }

  transactionNumber(row: number): string {
    const number = this.#transactionNumbers[row]!;
    return Number.isNaN(number) ? this.#otherTransactionNumbers.get(row)! : String(number);
  }

  /** The known price of `row`, or NaN. */
  priceAt(row: number): number {
    return this.#prices[row]!;
  }

  /** Fills `into` with the findings of `row`; `asOfYear` is the evaluation's. */
  findingsOf(row: number, asOfYear: number, into: PurchaseFindings): PurchaseFindings {
    const texts = this.#texts[this.#textIds[row]!]!;
    const year = this.#years[row]!;
    const price = this.#prices[row]!;
    into.reasons = unpackReasons(this.#reasons[row]!);
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
