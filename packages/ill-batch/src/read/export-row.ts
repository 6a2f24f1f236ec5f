/**
 * One record of a request export, read into a BorrowingRequest and the facts the export
 * itself states (Held, Price, Available). Parsed once at the edge, so scoring trusts its input.
 */
import type { BorrowingRequest, PurchaseFacts } from '@liaison/core';
import { exportRequestFields } from '@liaison/core/batch';
import type { ColumnIndex } from './export-columns.js';

/** Where facts read from the export say they came from. */
export const exportFactSource = 'request export';

/** The request a record describes; empty cells are left out. */
export function requestFromRecord(fields: readonly string[], columns: ColumnIndex): BorrowingRequest {
  const request: Partial<Record<keyof BorrowingRequest, string>> = {};
  for (const name of exportRequestFields) {
    const position = columns[name];
    if (position === -1) continue;
    const value = fields[position];
    if (value === undefined || value === '') continue;
    // Trimming allocates; most cells have nothing to trim.
    request[name] = value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32 ? value.trim() : value;
  }
  request.TransactionNumber ??= '';
  request.RequestType ??= '';
  return request as BorrowingRequest;
}

/** Text of a cell, trimmed; empty when the column is absent. */
export function cell(fields: readonly string[], position: number): string {
  if (position === -1) return '';
  const value = fields[position] ?? '';
  return value !== '' && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
}

/** True for digits, optionally with a decimal point and more digits ("45", "45.00"), as /^\d+(\.\d+)?$/ tests. */
function isPlainPrice(text: string): boolean {
  let i = 0;
  const length = text.length;
  while (i < length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0) return false;
  if (i === length) return true;
  if (text.charCodeAt(i) !== 46 || i === length - 1) return false;
  for (i++; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}
const yes = new Set(['yes', 'y', 'true', 't', '1']);
const no = new Set(['no', 'n', 'false', 'f', '0']);

/** yes/no/true/false (any case) as a boolean; undefined when empty; null when unreadable. */
export function parseYesNo(text: string): boolean | undefined | null {
  if (text === '') return undefined;
  if (text === 'yes') return true; // the common spellings, without lower-casing
  if (text === 'no') return false;
  const word = text.toLowerCase();
  if (yes.has(word)) return true;
  if (no.has(word)) return false;
  return null;
}

/**
 * A price as a number; undefined when empty; null when unreadable. Read as staff write them in
 * any locale: "45", "45.00", "$1,045.50", "USD 45", and with a decimal comma, as spreadsheets in
 * much of Europe save them: "45,00", "1.045,50 €", "1 045,50". Commas before groups of three
 * digits group thousands ("1,045" is 1045); a comma before other digits is a decimal mark.
 */
export function parsePrice(text: string): number | undefined | null {
  if (text === '') return undefined;
  if (isPlainPrice(text)) return Number(text);
  // A currency sign or code before (or any words, as before) or after; spaces (also no-break ones) grouping thousands.
  const number = text
    .trim()
    .replace(/^[^\d.,-]+/, '')
    .replace(/\s*(?:\p{Sc}|[A-Z]{3})$/u, '')
    .replace(/(?<=\d)[ \u00a0\u202f](?=\d{3}\b)/g, '');
  if (/^\d+(\.\d+)?$/.test(number)) return Number(number);
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(number)) return Number(number.replaceAll(',', ''));
  if (/^\d{1,3}(\.\d{3})+,\d+$/.test(number)) return Number(number.replaceAll('.', '').replace(',', '.'));
  if (/^\d+,\d+$/.test(number)) return Number(number.replace(',', '.'));
  return null;
}

/** The facts a record states, or the problem that makes a fact column unreadable. */
export function factsFromRecord(
  fields: readonly string[],
  columns: ColumnIndex,
): { ok: true; facts: PurchaseFacts } | { ok: false; problem: string } {
  const facts: PurchaseFacts = {};
  const heldText = cell(fields, columns.Held);
  const held = parseYesNo(heldText);
  if (held === null) return { ok: false, problem: `Held "${heldText}" is not yes or no` };
  if (held !== undefined) facts.held = { value: held, source: exportFactSource };
  const priceText = cell(fields, columns.Price);
  const price = parsePrice(priceText);
  if (price === null) return { ok: false, problem: `Price "${priceText}" is not a number` };
  if (price !== undefined) facts.price = { value: price, source: exportFactSource };
  const availableText = cell(fields, columns.Available);
  const available = parseYesNo(availableText);
  if (available === null) return { ok: false, problem: `Available "${availableText}" is not yes or no` };
  if (available !== undefined) facts.available = { value: available, source: exportFactSource };
  return { ok: true, facts };
}

/**
 * The facts a record states, read into one PurchaseFacts object that is reused for every record,
 * so a million rows make no objects here: read, use `facts`, read the next.
 */
export class StatedFactsReader {
  readonly facts: PurchaseFacts = { held: undefined, price: undefined, available: undefined };
  readonly #held = { value: false, source: exportFactSource };
  readonly #price = { value: 0, source: exportFactSource };
  readonly #available = { value: false, source: exportFactSource };

  /** Reads the record's facts into `facts`; the problem when a fact column is unreadable, else null. */
  read(fields: readonly string[], columns: ColumnIndex): string | null {
    const facts = this.facts;
    const heldText = cell(fields, columns.Held);
    const held = parseYesNo(heldText);
    if (held === null) return `Held "${heldText}" is not yes or no`;
    const priceText = cell(fields, columns.Price);
    const price = parsePrice(priceText);
    if (price === null) return `Price "${priceText}" is not a number`;
    const availableText = cell(fields, columns.Available);
    const available = parseYesNo(availableText);
    if (available === null) return `Available "${availableText}" is not yes or no`;
    if (held === undefined) facts.held = undefined;
    else {
      this.#held.value = held;
      facts.held = this.#held;
    }
    if (price === undefined) facts.price = undefined;
    else {
      this.#price.value = price;
      facts.price = this.#price;
    }
    if (available === undefined) facts.available = undefined;
    else {
      this.#available.value = available;
      facts.available = this.#available;
    }
    return null;
  }
}

/**
 * A BorrowingRequest over the current record's cells, read only when asked for: the purchase
 * rules read four or five fields of the fourteen, and this runs for every row of a batch. Point
 * it at each record in turn with `at`; it holds the record's fields until the next.
 */
export class RecordRequest implements BorrowingRequest {
  #fields: readonly string[] = [];
  readonly #columns: ColumnIndex;

  constructor(columns: ColumnIndex) {
    this.#columns = columns;
  }

  /** Makes this the request of `fields`; returns it. */
  at(fields: readonly string[]): this {
    this.#fields = fields;
    return this;
  }

  #text(position: number): string | undefined {
    return cell(this.#fields, position) || undefined;
  }

  get TransactionNumber(): string {
    return cell(this.#fields, this.#columns.TransactionNumber);
  }
  get RequestType(): string {
    return cell(this.#fields, this.#columns.RequestType);
  }
  get DocumentType(): string | undefined {
    return this.#text(this.#columns.DocumentType);
  }
  get LoanTitle(): string | undefined {
    return this.#text(this.#columns.LoanTitle);
  }
  get LoanAuthor(): string | undefined {
    return this.#text(this.#columns.LoanAuthor);
  }
  get LoanPublisher(): string | undefined {
    return this.#text(this.#columns.LoanPublisher);
  }
  get LoanDate(): string | undefined {
    return this.#text(this.#columns.LoanDate);
  }
  get ISSN(): string | undefined {
    return this.#text(this.#columns.ISSN);
  }
  get ESPNumber(): string | undefined {
    return this.#text(this.#columns.ESPNumber);
  }
  get Status(): string | undefined {
    return this.#text(this.#columns.Status);
  }
  get CreationDate(): string | undefined {
    return this.#text(this.#columns.CreationDate);
  }
  get DOI(): string | undefined {
    return this.#text(this.#columns.DOI);
  }
  get PhotoJournalTitle(): string | undefined {
    return this.#text(this.#columns.PhotoJournalTitle);
  }
  get PhotoArticleTitle(): string | undefined {
    return this.#text(this.#columns.PhotoArticleTitle);
  }
  get PhotoJournalYear(): string | undefined {
    return this.#text(this.#columns.PhotoJournalYear);
  }
}
