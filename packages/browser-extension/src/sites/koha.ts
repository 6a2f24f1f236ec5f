/**
 * Koha staff interface, ILL requests module (ill/ill-requests.pl): the requests table, which
 * DataTables fills from the REST API after the page loads, and the request view
 * (op=illview), whose details are `<li><span class="label">Title:</span> …</li>` lists.
 */
import { labelledValues, requestTypeOf, valueFor, withoutEmpty } from '../page/read.js';
import { requestsInTable } from '../page/table.js';
import type { FoundRequest, Site } from './site.js';

const requestId = /^\d{1,10}$/;

const listColumns = {
  TransactionNumber: /^request id$/,
  LoanTitle: /^title$/,
  LoanAuthor: /^author$/,
  LoanDate: /^(year|publication date|date)$/,
  ISSN: /^(isbn|issn)$/,
  DocumentType: /^(type|request type)$/,
};

function findRequests(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  const table = root.querySelector<HTMLTableElement>('table#ill-requests');
  if (table) {
    for (const { request, numberCell } of requestsInTable(table, listColumns, requestId)) {
      found.push({ request, anchor: numberCell, placement: 'append' });
    }
  }
  const details = root.querySelector('#requestdetails');
  const heading = root.querySelector('#illview h1, #illview h2');
  if (details && heading) {
    const values = labelledValues(details, 'li > span.label');
    const attributes = labelledValues(root.querySelector('#requestattributes') ?? details, 'li > span.label');
    const number = valueFor(values, /^request id$/);
    if (number && requestId.test(number)) {
      const type = valueFor(attributes, /^type$/) ?? valueFor(values, /^type$/);
      found.push({
        anchor: heading,
        placement: 'append',
        request: withoutEmpty({
          TransactionNumber: number,
          RequestType: requestTypeOf(type),
          DocumentType: type,
          LoanTitle: valueFor(attributes, /^title$/),
          LoanAuthor: valueFor(attributes, /^author$/),
          LoanDate: valueFor(attributes, /^(year|publication date|published date)$/),
          ISSN: valueFor(attributes, /^(isbn|issn)$/),
        }),
      });
    }
  }
  return found;
}

export const koha: Site = {
  id: 'koha',
  name: 'Koha ILL requests',
  include: [/\/cgi-bin\/koha\/ill\/ill-requests\.pl/],
  findRequests,
};
