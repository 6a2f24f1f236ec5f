/**
 * A request list staff taught the extension (options page → "Teach a page"): on a site whose
 * pages no built-in adapter can read — ILLiad, Tipasa and Alma pages are customised per
 * library and their markup is not published — the columns staff pointed at are found by their
 * headings, in any table or grid of the site's pages.
 */
import { anyOf } from '../page/headings.js';
import { labelKey } from '../page/read.js';
import { requestsInTables, type RequestColumns } from '../page/request-table.js';
import type { TaughtPage } from '../settings.js';
import type { Site } from './site.js';

/** Any request number a system might show: letters, digits and separators, with at least one digit. */
const anyRequestNumber = /^(?=[^\d]*\d)[A-Za-z0-9][A-Za-z0-9._:/-]{0,39}$/;

export function taughtSite(page: TaughtPage): Site {
  const heading = (text: string) => anyOf(labelKey(text));
  const columns: RequestColumns = {
    TransactionNumber: heading(page.numberHeading),
    ...(page.titleHeading ? { LoanTitle: heading(page.titleHeading) } : {}),
    ...(page.isbnHeading ? { ISSN: heading(page.isbnHeading) } : {}),
  };
  return {
    id: 'taught',
    name: `Taught page (request numbers under "${page.numberHeading}")`,
    // Taught per site: every page of the origin, wherever its lists are.
    include: [/(?:)/],
    findRequests: (root) => requestsInTables(root, columns, anyRequestNumber).map(({ request, numberCell }) => ({ request, anchor: numberCell, placement: 'append' })),
  };
}
