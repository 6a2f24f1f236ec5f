/**
 * One record of a request export, read into a BorrowingRequest and the facts the export
 * itself states (Held, Price, Available). Parsed once at the edge, so scoring trusts its input.
 */
import type { BorrowingRequest, PurchaseFacts } from '@liaison/core';
import type { ColumnIndex } from './export-columns.js';
import { requestColumns } from './export-columns.js';

/** Where facts read from the export say they came from. */
export const exportFactSource = 'request export';

/** The request a record describes; empty cells are left out. */
export function requestFromRecord(fields: readonly string[], columns: ColumnIndex): BorrowingRequest {
  const request: Partial<Record<keyof BorrowingRequest, string>> = {};
  for (const name of requestColumns) {
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

const plainPrice = /^\d+(\.\d+)?$/;
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

/** A price such as "45", "45.00", "$1,045.50" as a number; undefined when empty; null when unreadable. */
export function parsePrice(text: string): number | undefined | null {
  if (text === '') return undefined;
  if (plainPrice.test(text)) return Number(text);
  const digits = text.replace(/^[^\d.-]+/, '').replaceAll(',', '');
  if (!/^\d+(\.\d+)?$/.test(digits)) return null;
  return Number(digits);
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
