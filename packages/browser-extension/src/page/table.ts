/**
 * Request lists drawn as HTML tables (ILLiad's queues, Koha's DataTables). Rows and cells are
 * read as direct children (table > tbody > tr > td), which sees only the table's own rows,
 * never the rows of a table nested inside a cell — the mistake a `table tr` selector makes.
 */
import type { BorrowingRequest } from '@liaison/core';
import { columnIndexes, requestTypeOf, textOf } from './read.js';

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

/** The fields a table can give after the transaction number, in the order a request lists them. */
const fieldOrder = ['RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanDate', 'ISSN', 'ESPNumber', 'Status', 'CreationDate'] as const;

/** A table's requests, each with the cell that holds the transaction number (where the badge goes). */
export function requestsInTable(table: HTMLTableElement, columns: RequestColumns, isTransactionNumber: RegExp): { request: BorrowingRequest; numberCell: Element }[] {
  const headRow = table.querySelector(':scope > thead > tr');
  if (!headRow) return [];
  const at = columnIndexes(cellsOf(headRow), columns as unknown as Record<string, RegExp>) as Partial<Record<keyof RequestColumns, number>>;
  const numberColumn = at.TransactionNumber;
  if (numberColumn === undefined) return [];
  // Worked out once per table rather than per cell: which columns are there, and where.
  const fields = fieldOrder.filter((key) => at[key] !== undefined).map((key) => ({ key, index: at[key] as number, isTitle: key === 'LoanTitle' }));
  const found: { request: BorrowingRequest; numberCell: Element }[] = [];
  // Cells are taken by index (a row's children are its cells): in a content script every
  // element touched costs a wrapper object, so on a 500-row queue only the cells read are touched.
  const cellText = (cell: Element | undefined, isTitle: boolean): string => {
    if (!cell) return '';
    if (isTitle) {
      // A title cell that nests a table (title over edition) gives its first line, the title.
      const first = cell.firstElementChild;
      if (first?.tagName === 'TABLE') return textOf(first.querySelector('td'));
    }
    return textOf(cell);
  };
  // The table's own body rows (table > tbody > tr), walked rather than matched by a selector.
  for (const body of table.children) {
    if (body.tagName !== 'TBODY') continue;
    for (let tableRow = body.firstElementChild; tableRow; tableRow = tableRow.nextElementSibling) {
      if (tableRow.tagName !== 'TR') continue;
      const row = tableRow.children;
      const numberCell = row[numberColumn];
      if (!numberCell) continue;
      // Placeholder rows ("Loading…", "No data available") have no transaction number.
      const number = textOf(numberCell).replace(/^#/, '');
      if (!isTransactionNumber.test(number)) continue;
      // Only the fields the row shows, in request order (what `withoutEmpty` would keep).
      const request: Record<string, string> = { TransactionNumber: number, RequestType: '' };
      let typeText = '';
      let documentTypeText = '';
      for (const { key, index, isTitle } of fields) {
        const text = cellText(row[index], isTitle);
        if (key === 'RequestType') typeText = text;
        else if (text) request[key] = text;
        if (key === 'DocumentType') documentTypeText = text;
      }
      request.RequestType = requestTypeOf(typeText || documentTypeText);
      found.push({ numberCell, request: request as unknown as BorrowingRequest });
    }
  }
  return found;
}

/** A row's own cells (td and th), in order. */
function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (const child of row.children) if (child.tagName === 'TD' || child.tagName === 'TH') cells.push(child);
  return cells;
}
