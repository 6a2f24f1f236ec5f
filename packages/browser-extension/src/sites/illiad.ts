/**
 * ILLiad Staff Web Client (ILLiad 9.2 and later): the borrowing queue grids and the request
 * details view. Queues are tables headed "TN"; the details view lists fields as <dt>/<dd>.
 */
import { labelledValues, requestTypeOf, valueFor, withoutEmpty } from '../page/read.js';
import { requestsInTables } from '../page/request-table.js';
import type { FoundRequest, SystemSite } from './site.js';

const transactionNumber = /^\d{1,10}$/;

const queueColumns = {
  TransactionNumber: /^(tn|transaction( number| #)?)$/,
  RequestType: /^request type$/,
  DocumentType: /^document type$/,
  LoanTitle: /^(loan )?title$/,
  LoanAuthor: /^(loan )?author$/,
  LoanDate: /^(loan )?date$/,
  ISSN: /^(issn\/isbn|isbn|issn)$/,
  ESPNumber: /^(oclc( #| number)?|esp number)$/,
  Status: /^(patron|user) status$/,
  CreationDate: /^creation date$/,
};

function findRequests(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  // Queues are found by their headings ("TN", "Title"…), whatever the staff profile's layout calls its classes.
  for (const { request, numberCell } of requestsInTables(root, queueColumns, transactionNumber)) {
    found.push({ request, anchor: numberCell, placement: 'append' });
  }
  const details = root.querySelector('.swc-request-details');
  if (details) {
    const values = labelledValues(details, 'dl.swc-fields > dt');
    const number = valueFor(values, /^transaction number$/);
    const heading = details.querySelector('.swc-request-header h1');
    if (number && transactionNumber.test(number) && heading) {
      found.push({
        anchor: heading,
        placement: 'append',
        request: withoutEmpty({
          TransactionNumber: number,
          RequestType: requestTypeOf(valueFor(values, /^request type$/)),
          DocumentType: valueFor(values, /^document type$/),
          LoanTitle: valueFor(values, /^loan title$/),
          LoanAuthor: valueFor(values, /^loan author$/),
          LoanDate: valueFor(values, /^loan date$/),
          ISSN: valueFor(values, /^(issn\/isbn|isbn|issn)$/),
          ESPNumber: valueFor(values, /^(oclc number|esp number)$/),
          Status: valueFor(values, /^(patron|user) status$/),
          CreationDate: valueFor(values, /^creation date$/),
          DOI: valueFor(values, /^doi$/),
          PhotoJournalTitle: valueFor(values, /^journal title$/),
          PhotoArticleTitle: valueFor(values, /^article title$/),
        }),
      });
    }
  }
  return found;
}

export const illiad: SystemSite = {
  id: 'illiad',
  name: 'ILLiad Staff Web Client',
  include: [/\/staffwebclient\b/i, /\/illiad\/(staff|webclient)\b/i],
  findRequests,
};

