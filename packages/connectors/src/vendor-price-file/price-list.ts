/**
 * A vendor's price list as exported to CSV: ISBN, price, currency and whether it is in stock.
 * Headers are matched loosely ("ISBN-13", "List Price", "In Stock", "Availability"…); each row is
 * parsed once, and a row that cannot be read is skipped and reported with its line, never guessed.
 */
import { z } from 'zod';
import { normalizeIsbn, type Issue } from '@liaison/core';
import { csvRecords } from './csv.js';

export interface PriceListEntry {
  price?: number;
  currency: string;
  inStock?: boolean;
}

export interface PriceList {
  entries: Map<string, PriceListEntry>;
  /** Rows skipped, each with its line and what was wrong. */
  skipped: Issue[];
}

const columnNames = {
  isbn: ['isbn', 'isbn13', 'isbn-13', 'ean', 'isbn/ean'],
  price: ['price', 'list price', 'listprice', 'net price', 'unit price', 'amount'],
  currency: ['currency', 'currency code', 'cur'],
  inStock: ['in stock', 'instock', 'in_stock', 'stock', 'availability', 'available'],
} as const;

const yes = new Set(['yes', 'y', 'true', '1', 'in stock', 'available', 'instock']);
const no = new Set(['no', 'n', 'false', '0', 'out of stock', 'out of print', 'op', 'unavailable', 'not available', 'oos']);

const priceText = z
  .string()
  .trim()
  .transform((text) => text.replace(/^[$€£¥]\s*/, '').replace(/\s*[A-Z]{3}$/, ''))
  .pipe(z.string().regex(/^\d+(\.\d{1,4})?$/, 'is not a price such as 42.50'))
  .transform(Number);

/** Reads a price list; `file` names it in skipped-row issues. */
export function readPriceList(text: string, { currency, file }: { currency: string; file: string }): PriceList {
  const [header, ...rows] = csvRecords(text);
  const entries = new Map<string, PriceListEntry>();
  const skipped: Issue[] = [];
  if (!header) return { entries, skipped: [{ path: [file], message: 'is empty', hint: 'export the price list with a header row: ISBN, price, currency, in stock' }] };
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const column = (key: keyof typeof columnNames) => names.findIndex((name) => (columnNames[key] as readonly string[]).includes(name));
  const at = { isbn: column('isbn'), price: column('price'), currency: column('currency'), inStock: column('inStock') };
  if (at.isbn < 0 || (at.price < 0 && at.inStock < 0)) {
    return {
      entries,
      skipped: [{ path: [file, `line ${header.line}`], message: `has no ISBN and price columns (found: ${header.fields.join(', ')})`, hint: 'the header row needs ISBN and price (and may have currency and in stock)' }],
    };
  }

  for (const row of rows) {
    const where = [file, `line ${row.line}`];
    const isbn = normalizeIsbn((row.fields[at.isbn] ?? '').trim());
    if (!isbn) {
      skipped.push({ path: where, message: `ISBN "${(row.fields[at.isbn] ?? '').trim()}" is not a valid ISBN` });
      continue;
    }
    const entry: PriceListEntry = { currency: (at.currency >= 0 && row.fields[at.currency]?.trim().toUpperCase()) || currency };
    const rawPrice = at.price >= 0 ? (row.fields[at.price] ?? '').trim() : '';
    if (rawPrice !== '') {
      const parsed = priceText.safeParse(rawPrice);
      if (!parsed.success) {
        skipped.push({ path: where, message: `price "${rawPrice}" ${parsed.error.issues[0]?.message ?? 'is not a number'}` });
        continue;
      }
      entry.price = parsed.data;
    }
    const rawStock = at.inStock >= 0 ? (row.fields[at.inStock] ?? '').trim().toLowerCase() : '';
    if (yes.has(rawStock)) entry.inStock = true;
    else if (no.has(rawStock)) entry.inStock = false;
    else if (rawStock !== '') {
      skipped.push({ path: where, message: `in stock "${rawStock}" is not yes or no` });
      continue;
    }
    if (!/^[A-Z]{3}$/.test(entry.currency)) {
      skipped.push({ path: where, message: `currency "${entry.currency}" is not a three-letter code` });
      continue;
    }
    entries.set(isbn, entry);
  }
  return { entries, skipped };
}
