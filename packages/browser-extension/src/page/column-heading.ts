/**
 * Which column a clicked cell belongs to, named by its heading: what the teaching picker records
 * when staff point at a column of a request list (a table or an ARIA grid), so the mapping holds
 * when the library reorders or hides columns.
 */
import { textOf } from './read.js';
import { cellsOf } from './request-table.js';

const cellSelector = 'th, td, [role="columnheader"], [role="gridcell"], [role="cell"], [role="rowheader"]';

/** The heading text of the column `target` is in, or null when it is not in a table with headings. */
export function headingOfColumn(target: Element): string | null {
  const cell = target.closest(cellSelector);
  if (!cell) return null;
  if (cell.matches('th, [role="columnheader"]')) return textOf(cell) || null;
  if (cell.tagName === 'TD') {
    const row = cell.parentElement;
    const table = cell.closest('table');
    if (!row || !table) return null;
    const index = cellsOf(row).indexOf(cell);
    const headRow = table.querySelector(':scope > thead > tr') ?? [...table.querySelectorAll(':scope > tbody > tr, :scope > tr')].find((candidate) => candidate.firstElementChild?.tagName === 'TH');
    return headRow ? textOf(cellsOf(headRow)[index]) || null : null;
  }
  // An ARIA grid: the cell's place among its row's cells names the column header at that place.
  const row = cell.closest('[role="row"]');
  const grid = cell.closest('[role="grid"], [role="treegrid"], [role="table"]');
  if (!row || !grid) return null;
  const index = [...row.querySelectorAll('[role="gridcell"], [role="cell"], [role="rowheader"]')].indexOf(cell);
  return textOf(grid.querySelectorAll('[role="columnheader"]')[index]) || null;
}
