/**
 * Request lists found by their column headings, not by ids or class names: every HTML table
 * (ILLiad's queues, Koha's DataTables) and every ARIA grid (Stripes' MultiColumnList in
 * ReShare) whose headings name a request-number column. Libraries customise layouts, Koha
 * gives a batch's or a patron's table another id, ReShare's list has none at all: the headings
 * are what staff read, so they are what stays.
 *
 * HTML rows and cells are read as direct children (table > tbody > tr > td), which sees only
 * the table's own rows, never the rows of a table nested inside a cell.
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

/** One request read from a row, and the cell that holds its number (where the badge goes). */
export interface TableRequest {
  request: BorrowingRequest;
  numberCell: Element;
}

/** The fields a table can give after the transaction number, in the order a request lists them. */
const fieldOrder = ['RequestType', 'DocumentType', 'LoanTitle', 'LoanAuthor', 'LoanDate', 'ISSN', 'ESPNumber', 'Status', 'CreationDate'] as const;

type Field = { key: (typeof fieldOrder)[number]; index: number; isTitle: boolean };

/** The requests in every table and grid under `root` whose headings name a request-number column. */
export function requestsInTables(root: ParentNode, columns: RequestColumns, isTransactionNumber: RegExp): TableRequest[] {
  const found: TableRequest[] = [];
  // Only tables with a heading row (a thead, or a first row of <th>), found by the browser's own
  // selector matching: a queue's 500 citation tables nested in its cells are never touched.
  const headed = new Set<Element>();
  for (const part of root.querySelectorAll('table > thead, table > tbody:first-of-type > tr:first-child > th:first-child, table > tr:first-child > th:first-child')) {
    const table = part.closest('table');
    if (table) headed.add(table);
  }
  for (const table of headed) requestsInHtmlTable(table as HTMLTableElement, columns, isTransactionNumber, found);
  for (const grid of root.querySelectorAll('[role="grid"], [role="treegrid"], [role="table"]')) {
    if (grid.tagName !== 'TABLE') requestsInAriaGrid(grid, columns, isTransactionNumber, found);
  }
  return found;
}

/** Which columns the headings name, worked out once per table rather than per cell. */
function fieldsOf(headings: Element[], columns: RequestColumns): { numberColumn: number; fields: Field[] } | null {
  const at = columnIndexes(headings, columns as unknown as Record<string, RegExp>) as Partial<Record<keyof RequestColumns, number>>;
  const numberColumn = at.TransactionNumber;
  if (numberColumn === undefined) return null;
  const fields = fieldOrder.filter((key) => at[key] !== undefined).map((key) => ({ key, index: at[key] as number, isTitle: key === 'LoanTitle' }));
  return { numberColumn, fields };
}

/** The request a row shows, or null for placeholder rows ("Loading…", "No data available"). */
function requestOfRow(cells: ArrayLike<Element>, numberColumn: number, fields: Field[], isTransactionNumber: RegExp): TableRequest | null {
  const numberCell = cells[numberColumn];
  if (!numberCell) return null;
  const number = textOf(numberCell).replace(/^#/, '');
  if (!isTransactionNumber.test(number)) return null;
  // Only the fields the row shows, in request order (what `withoutEmpty` would keep).
  const request: Record<string, string> = { TransactionNumber: number, RequestType: '' };
  let typeText = '';
  let documentTypeText = '';
  for (const { key, index, isTitle } of fields) {
    const text = cellText(cells[index], isTitle);
    if (key === 'RequestType') typeText = text;
    else if (text) request[key] = text;
    if (key === 'DocumentType') documentTypeText = text;
  }
  request.RequestType = requestTypeOf(typeText || documentTypeText);
  return { numberCell, request: request as unknown as BorrowingRequest };
}

function cellText(cell: Element | undefined, isTitle: boolean): string {
  if (!cell) return '';
  if (isTitle) {
    // A title cell that nests a table (title over edition) gives its first line, the title.
    const first = cell.firstElementChild;
    if (first?.tagName === 'TABLE') return textOf(first.querySelector('td'));
  }
  return textOf(cell);
}

function requestsInHtmlTable(table: HTMLTableElement, columns: RequestColumns, isTransactionNumber: RegExp, found: TableRequest[]): void {
  // The heading row: the table's own thead, else a first body row made of <th> (older markup).
  let headRow: Element | null = null;
  let firstBody: Element | null = null;
  for (const child of table.children) {
    if (child.tagName === 'THEAD' && !headRow) headRow = child.firstElementChild;
    else if (child.tagName === 'TBODY' && !firstBody) firstBody = child;
    else if (child.tagName === 'TR' && !headRow && child.firstElementChild?.tagName === 'TH') headRow = child;
  }
  if (!headRow && firstBody?.firstElementChild?.firstElementChild?.tagName === 'TH') headRow = firstBody.firstElementChild;
  if (!headRow) return;
  const shape = fieldsOf(cellsOf(headRow), columns);
  if (!shape) return;
  // Cells are taken by index (a row's children are its cells): in a content script every
  // element touched costs a wrapper object, so on a 500-row queue only the cells read are touched.
  for (const body of table.children) {
    if (body.tagName !== 'TBODY') continue;
    for (let row = body.firstElementChild; row; row = row.nextElementSibling) {
      if (row === headRow || row.tagName !== 'TR') continue;
      const item = requestOfRow(row.children, shape.numberColumn, shape.fields, isTransactionNumber);
      if (item) found.push(item);
    }
  }
}

/**
 * An ARIA grid: headings are its columnheader elements, rows its row elements that hold cells.
 * Stripes' MultiColumnList puts role="row" on an outer wrapper and the gridcells one level in
 * (inside its mclRow element), so cells are found anywhere inside the row.
 */
function requestsInAriaGrid(grid: Element, columns: RequestColumns, isTransactionNumber: RegExp, found: TableRequest[]): void {
  const shape = fieldsOf([...grid.querySelectorAll('[role="columnheader"]')], columns);
  if (!shape) return;
  for (const row of grid.querySelectorAll('[role="row"]')) {
    const cells = row.querySelectorAll('[role="gridcell"], [role="cell"]');
    if (cells.length === 0) continue; // the heading row, a loader row
    const item = requestOfRow(cells, shape.numberColumn, shape.fields, isTransactionNumber);
    if (item) found.push(item);
  }
}

/** A table row's own cells (td and th), in order. */
export function cellsOf(row: Element): Element[] {
  const cells: Element[] = [];
  for (const child of row.children) if (child.tagName === 'TD' || child.tagName === 'TH') cells.push(child);
  return cells;
}
