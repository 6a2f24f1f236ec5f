/**
 * Koha staff interface, ILL requests module. Built from Koha's own templates (see the fixtures'
 * comments for repository, path and commit):
 * - the request list (ill/ill-requests.pl), a batch's list (?batch_id=N, table
 *   #ill-requests-batch-N) and a patron's ILL tab (members/ill-requests.pl, table
 *   #ill-requests-patron-N): one table that DataTables fills from /api/v1/ill/requests after
 *   load, found here by its headings ("Request ID", "Title", "Request type"; it has no ISBN column);
 * - the request view (method=illview, op=illview in later versions): "Details from library" and
 *   "Details from supplier" lists of `<li><span class="label">Request number:</span> ILL-1219</li>`.
 * A library that sets an ILL id prefix shows `ILL-1219` where others show `1219`.
 */
import { labelKey, labelledValues, requestTypeOf, textOf, valueFor, withoutEmpty } from '../page/read.js';
import { anyOf, authorHeading, inEveryLanguage, isbnHeading, requestNumberHeading, requestNumberWords, requestTypeHeading, titleHeading, yearHeading } from '../page/headings.js';
import { requestsInTables } from '../page/request-table.js';
import type { FoundRequest, SystemSite } from './site.js';

/** Koha's request id, with the branch's prefix and its dash when the library set one (Koha::ILL::Request->id_prefix). */
const requestNumber = /^(?:[A-Za-z][A-Za-z0-9_]{0,15}-)?\d{1,10}$/;

const listColumns = {
  TransactionNumber: requestNumberHeading,
  LoanTitle: titleHeading,
  LoanAuthor: authorHeading,
  LoanDate: yearHeading,
  ISSN: isbnHeading,
  DocumentType: requestTypeHeading,
};

// The view labels its number "Request number" (older versions "Request ID").
const numberLabel = inEveryLanguage({ ...requestNumberWords, en: [...requestNumberWords.en, 'request number'] });

function listRequests(root: ParentNode): FoundRequest[] {
  return requestsInTables(root, listColumns, requestNumber).map(({ request, numberCell }) => ({ request, anchor: numberCell, placement: 'append' }));
}

function viewRequest(root: ParentNode): FoundRequest[] {
  // "Details from library" and "Details from supplier" (the backend's metadata: Title, Author,
  // ISBN, Type…) are div.rows > ol lists; read together, the first of each label wins.
  const values = new Map<string, string>();
  let anchor: Element | undefined;
  for (const list of root.querySelectorAll('.rows')) {
    for (const [key, value] of labelledValues(list, 'li > span.label')) if (!values.has(key)) values.set(key, value === 'N/A' ? '' : value);
  }
  const number = valueFor(values, numberLabel);
  if (!number || !requestNumber.test(number)) return [];
  // The badge goes at the end of the request number's item.
  for (const label of root.querySelectorAll('.rows li > span.label')) {
    if (numberLabel.test(labelKey(textOf(label)))) {
      anchor = label.parentElement ?? undefined;
      break;
    }
  }
  if (!anchor) return [];
  const type = valueFor(values, anyOf('type', 'request type'));
  return [
    {
      anchor,
      placement: 'append',
      request: withoutEmpty({
        TransactionNumber: number,
        RequestType: requestTypeOf(type),
        DocumentType: type,
        LoanTitle: valueFor(values, titleHeading),
        LoanAuthor: valueFor(values, authorHeading),
        LoanDate: valueFor(values, yearHeading),
        ISSN: valueFor(values, isbnHeading),
      }),
    },
  ];
}

export const koha: SystemSite = {
  id: 'koha',
  name: 'Koha ILL requests',
  include: [/\/cgi-bin\/koha\/ill\/ill-requests\.pl/, /\/cgi-bin\/koha\/members\/ill-requests\.pl/],
  findRequests: (root) => [...listRequests(root), ...viewRequest(root)],
};
