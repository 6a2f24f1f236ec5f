/**
 * Which column of a request export holds which field. Names are ILLiad's transaction field
 * names, matched without regard to case ("transactionnumber" is TransactionNumber); other
 * columns are ignored. Held, Price and Available are optional facts a library may add.
 */
import type { BorrowingRequest } from '@liaison/core';

/** The request fields read from an export, in ILLiad's spelling. */
export const requestColumns = [
  'TransactionNumber', 'RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanPublisher', 'LoanDate',
  'ISSN', 'ESPNumber', 'Status', 'CreationDate', 'DOI', 'PhotoJournalTitle', 'PhotoArticleTitle',
] as const satisfies readonly (keyof BorrowingRequest)[];

/** Optional columns with facts the library already knows: yes/no, a number, yes/no. */
export const factColumns = ['Held', 'Price', 'Available'] as const;

export type RequestColumn = (typeof requestColumns)[number];
export type FactColumn = (typeof factColumns)[number];

/** Index of each known column in a record, or -1 when the export has no such column. */
export type ColumnIndex = Record<RequestColumn | FactColumn, number> & { count: number };

/** The column positions of a header row, or the columns found when TransactionNumber is missing. */
export function indexColumns(header: readonly string[]): { ok: true; columns: ColumnIndex } | { ok: false; found: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, position) => {
    const key = name.trim().toLowerCase();
    if (!positions.has(key)) positions.set(key, position);
  });
  const columns = { count: header.length } as ColumnIndex;
  for (const name of [...requestColumns, ...factColumns]) columns[name] = positions.get(name.toLowerCase()) ?? -1;
  if (columns.TransactionNumber === -1) return { ok: false, found: header.map((name) => name.trim()) };
  return { ok: true, columns };
}
