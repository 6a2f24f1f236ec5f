/**
 * Project ReShare and FOLIO (Stripes apps, ui-rs "Request"): the request list, a virtualised
 * MultiColumnList whose row elements are reused as staff scroll, and the request view pane
 * with KeyValue fields. Stripes adds hashes to class names (`mclRow---x2a`), so classes are
 * matched by prefix and cells by role.
 */
import { columnIndexes, labelKey, requestTypeOf, textOf, withoutEmpty } from '../page/read.js';
import type { FoundRequest, Site } from './site.js';

const requestId = /^[A-Z0-9]{2,12}-\d{1,10}$/;

function listRequests(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  for (const grid of root.querySelectorAll('[id^="list-requests"][role="grid"], #list-requests [role="grid"]')) {
    const headings = [...grid.querySelectorAll('[role="columnheader"]')];
    const at = columnIndexes(headings, {
      number: /^request id$|^id$/,
      title: /^title$/,
      type: /^(service type|type)$/,
      isbn: /^(isbn|issn)$/,
      author: /^author$/,
    });
    if (at.number === undefined) continue;
    for (const row of grid.querySelectorAll('[role="row"][aria-rowindex]')) {
      const cells = row.querySelectorAll(':scope > [role="gridcell"]');
      const numberCell = cells[at.number];
      const number = textOf(numberCell);
      if (!numberCell || !requestId.test(number)) continue;
      const cell = (index: number | undefined) => (index === undefined ? undefined : textOf(cells[index]) || undefined);
      found.push({
        anchor: numberCell,
        placement: 'append',
        request: withoutEmpty({
          TransactionNumber: number,
          RequestType: requestTypeOf(cell(at.type)),
          LoanTitle: cell(at.title),
          LoanAuthor: cell(at.author),
          ISSN: cell(at.isbn),
        }),
      });
    }
  }
  return found;
}

function viewRequest(root: ParentNode): FoundRequest[] {
  const pane = root.querySelector('[id^="pane-view-request"]');
  const heading = pane?.querySelector('[class^="paneTitleLabel"], [class*=" paneTitleLabel"]');
  if (!pane || !heading) return [];
  const values = new Map<string, string>();
  for (const pair of pane.querySelectorAll('[class^="kvRoot"]')) {
    const label = pair.querySelector('[class^="kvLabel"]');
    const value = pair.querySelector('[class^="kvValue"]');
    if (label && value) values.set(labelKey(textOf(label)), textOf(value));
  }
  const number = values.get('request id') ?? values.get('id');
  if (!number || !requestId.test(number)) return [];
  const pick = (...keys: string[]) => keys.map((key) => values.get(key)).find((value) => value && value !== '-');
  return [
    {
      anchor: heading,
      placement: 'append',
      request: withoutEmpty({
        TransactionNumber: number,
        RequestType: requestTypeOf(pick('service type', 'publication type')),
        DocumentType: pick('publication type'),
        LoanTitle: pick('title'),
        LoanAuthor: pick('author'),
        LoanDate: pick('date of publication', 'publication date', 'year'),
        ISSN: pick('isbn', 'issn'),
        ESPNumber: pick('oclc number'),
        Status: pick('patron type'),
      }),
    },
  ];
}

export const reshare: Site = {
  id: 'reshare',
  name: 'Project ReShare / FOLIO',
  include: [/^\/request\/requests\b/, /^\/rs\/request\b/],
  findRequests: (root) => [...listRequests(root), ...viewRequest(root)],
};
