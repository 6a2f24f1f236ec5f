/**
 * Ex Libris Alma / Rapido: the Borrowing Requests task list (a record list, one item per
 * request) and the borrowing request view, whose fields are read-only form inputs — their
 * values are in `value`, not in the page text.
 */
import { labelKey, labelledValues, requestTypeOf, textOf, valueFor, withoutEmpty } from '../page/read.js';
import type { FoundRequest, SystemSite } from './site.js';

const requestId = /^[A-Za-z0-9-]{4,30}$/;

function listRequests(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  for (const item of root.querySelectorAll('#borrowingRequestsList .recordOuterContainer')) {
    const title = item.querySelector('.recordTitle');
    const values = labelledValues(item, '.recordDetails .fieldName');
    const number = valueFor(values, /^(external identifier|request id)$/);
    if (!title || !number || !requestId.test(number)) continue;
    const format = valueFor(values, /^(requested )?format$/);
    found.push({
      anchor: title,
      placement: 'after',
      request: withoutEmpty({
        TransactionNumber: number,
        RequestType: requestTypeOf(format === 'Digital' ? 'article' : valueFor(values, /^(citation type|type)$/)),
        DocumentType: valueFor(values, /^(citation type|type)$/),
        LoanTitle: textOf(title),
        LoanAuthor: valueFor(values, /^author$/),
        LoanDate: valueFor(values, /^(publication date|year)$/),
        ISSN: valueFor(values, /^(isbn|issn)$/),
        ESPNumber: valueFor(values, /^oclc number$/),
      }),
    });
  }
  return found;
}

function viewRequest(root: ParentNode): FoundRequest[] {
  const form = root.querySelector('form#borrowingRequestForm');
  const heading = root.querySelector('.pageTitle h1');
  if (!form || !heading) return [];
  const values = new Map<string, string>();
  for (const label of form.querySelectorAll('label[for]')) {
    const input = form.ownerDocument.getElementById(label.getAttribute('for') ?? '') as HTMLInputElement | null;
    if (input && 'value' in input) values.set(labelKey(textOf(label)), input.value.trim());
  }
  const number = valueFor(values, /^(external identifier|request id)$/);
  if (!number || !requestId.test(number)) return [];
  const format = valueFor(values, /^(requested )?format$/);
  return [
    {
      anchor: heading,
      placement: 'append',
      request: withoutEmpty({
        TransactionNumber: number,
        RequestType: requestTypeOf(format === 'Digital' ? 'article' : valueFor(values, /^citation type$/)),
        DocumentType: valueFor(values, /^citation type$/),
        LoanTitle: valueFor(values, /^title$/),
        LoanAuthor: valueFor(values, /^author$/),
        LoanDate: valueFor(values, /^(publication date|year)$/),
        ISSN: valueFor(values, /^(isbn|issn)$/),
        ESPNumber: valueFor(values, /^oclc number$/),
      }),
    },
  ];
}

export const alma: SystemSite = {
  id: 'alma',
  name: 'Ex Libris Alma / Rapido',
  include: [/\/(ng|mng)\b.*(borrowing|rs%2f)/i, /\/rapido\b/i],
  findRequests: (root) => [...listRequests(root), ...viewRequest(root)],
};
