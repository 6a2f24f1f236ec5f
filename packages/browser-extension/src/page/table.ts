/**
 * Request lists drawn as HTML tables (ILLiad's queues, Koha's DataTables). Rows and cells are
 * read as direct children (table > tbody > tr > td), which sees only the table's own rows,
 * never the rows of a table nested inside a cell — the mistake a `table tr` selector makes.
 */
import type { BorrowingRequest } from '@liaison/core';
import { columnIndexes, requestTypeOf, textOf, withoutEmpty } from './read.js';

/** Column heading patterns (compared lower-case, without a trailing colon). */
export interface RequestColumns {
  TransactionNumber: RegExp;
  LoanTitle?: RegExp;
  LoanAuthor?: RegExp;
  ISSN?: RegExp;
  LoanDate?: RegExp;
  RequestType?: RegExp;
  DocumentType?: RegExp;
  ESPNumber?: RegExp;
  Status?: RegExp;
  CreationDate?: RegExp;
}

/** A table's requests, each with the cell that holds the transaction number (where the badge goes). */
export function requestsInTable(table: HTMLTableElement, columns: RequestColumns, isTransactionNumber: RegExp): { request: BorrowingRequest; numberCell: Element }[] {
  const headRow = table.querySelector(':scope > thead > tr');
  if (!headRow) return [];
  const at = columnIndexes(cellsOf(headRow), columns as unknown as Record<string, RegExp>) as Partial<Record<keyof RequestColumns, number>>;
  const numberColumn = at.TransactionNumber;
  if (numberColumn === undefined) return [];
  const found: { request: BorrowingRequest; numberCell: Element }[] = [];
  // Cells are taken by index (a row's children are its cells): in a content script every
  // element touched costs a wrapper object, so on a 500-row queue only the cells read are touched.
  const cellText = (row: HTMLCollection, key: keyof RequestColumns): string | undefined => {
    const index = at[key];
    if (index === undefined) return undefined;
    const cell = row[index];
    if (!cell) return undefined;
    if (key === 'LoanTitle') {
      // A title cell that nests a table (title over edition) gives its first line, the title.
      const first = cell.firstElementChild;
      if (first?.tagName === 'TABLE') return textOf(first.querySelector('td')) || undefined;
    }
    return textOf(cell) || undefined;
  };
  for (const tableRow of table.querySelectorAll(':scope > tbody > tr')) {
    const row = tableRow.children;
    const numberCell = row[numberColumn];
    if (!numberCell) continue;
    // Placeholder rows ("Loading…", "No data available") have no transaction number.
    const number = textOf(numberCell).replace(/^#/, '');
    if (!isTransactionNumber.test(number)) continue;
    const typeText = cellText(row, 'RequestType') ?? cellText(row, 'DocumentType');
    found.push({
      numberCell,
      request: withoutEmpty({
        TransactionNumber: number,
        RequestType: requestTypeOf(typeText),
        DocumentType: cellText(row, 'DocumentType'),
        LoanTitle: cellText(row, 'LoanTitle'),
        LoanAuthor: cellText(row, 'LoanAuthor'),
        LoanDate: cellText(row, 'LoanDate'),
        ISSN: cellText(row, 'ISSN'),
        ESPNumber: cellText(row, 'ESPNumber'),
        Status: cellText(row, 'Status'),
        CreationDate: cellText(row, 'CreationDate'),
      }),
    });
  }
  return found;
}

/** A row's own cells (td and th), in order. */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (const child of row.children) if (child.tagName === 'TD' || child.tagName === 'TH') cells.push(child);
  return cells;
}
