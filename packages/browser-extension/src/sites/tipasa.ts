/**
 * OCLC Tipasa: borrowing request lists (one card per request, drawn after the page loads and
 * extended by "Load more") and the request view. Cards and the view list fields as
 * label/value pairs; the WorldShare request ID is the transaction number.
 */
import { labelledValues, requestTypeOf, textOf, valueFor, withoutEmpty } from '../page/read.js';
import type { BorrowingRequest } from '@liaison/core';
import type { FoundRequest, SystemSite } from './site.js';

const requestId = /^\d{6,12}$/;

function requestFrom(values: Map<string, string>, title: string | undefined): BorrowingRequest | null {
  const number = valueFor(values, /^request id$/);
  if (!number || !requestId.test(number)) return null;
  const format = valueFor(values, /^format$/);
  return withoutEmpty({
    TransactionNumber: number,
    RequestType: requestTypeOf(format),
    DocumentType: format,
    LoanTitle: title || valueFor(values, /^title$/),
    LoanAuthor: valueFor(values, /^author$/),
    LoanDate: valueFor(values, /^(date|publication date|year)$/),
    ISSN: valueFor(values, /^(isbn|issn|standard number)$/),
    ESPNumber: valueFor(values, /^oclc( number| #)?$/),
    Status: valueFor(values, /^patron (type|status)$/),
  });
}

function findRequests(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  for (const card of root.querySelectorAll('.tp-request-list .tp-request-card')) {
    const title = card.querySelector('.tp-request-card__title');
    const request = requestFrom(labelledValues(card, '.tp-request-card__fields dt'), textOf(title));
    if (request && title) found.push({ request, anchor: title, placement: 'after' });
  }
  const view = root.querySelector('.tp-request-view');
  if (view) {
    const heading = view.querySelector('h1.tp-request-view__title');
    const request = requestFrom(labelledValues(view, '.tp-field > .tp-field__label'), textOf(heading));
    if (request && heading) found.push({ request, anchor: heading, placement: 'append' });
  }
  return found;
}

export const tipasa: SystemSite = {
  id: 'tipasa',
  name: 'OCLC Tipasa',
  include: [/\/tipasa\b/i],
  findRequests,
};
