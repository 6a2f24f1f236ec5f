/**
 * Project ReShare (ui-rs, a Stripes app; installed at /rs, or as the Request and Supply apps at
 * /request and /supply). Built from ui-rs and folio-org/stripes-components (see the fixtures'
 * comments for repository, path and commit):
 * - the request list (PatronRequests.js): a MultiColumnList with no id, found by its headings
 *   ("Request Id", "Title", "Type"; German "FL-Nummer", "Titel", "Typ"), virtualised, its row
 *   wrappers reused as staff scroll, 100 rows a page;
 * - the request view (ViewRoute.js), a Pane titled "Request RS-1219": its flow tab has no
 *   "Request ID" field, only the headline "RS-1219: Title" (TitleAndSILink.js); its details tab
 *   has KeyValue fields (RequestInfo.js "Request ID", CitationMetadataInfo.js "Title", "ISBN").
 * Request numbers are the tenant's request_id_prefix and a sequence; the prefix has no default,
 * so bare numbers occur. Stripes hashes class names (`kvLabel---x2a`), matched by prefix.
 */
import { labelKey, requestTypeOf, textOf, withoutEmpty } from '../page/read.js';
import { anyOf, authorHeading, isbnHeading, requestNumberHeading, requestTypeHeading, titleHeading, yearHeading } from '../page/headings.js';
import { requestsInTables } from '../page/request-table.js';
import type { FoundRequest, SystemSite } from './site.js';

const requestNumber = /^(?:[A-Za-z0-9]{1,12}-)?\d{1,10}$/;

const listColumns = {
  TransactionNumber: requestNumberHeading,
  LoanTitle: titleHeading,
  DocumentType: requestTypeHeading,
  ISSN: isbnHeading,
  LoanAuthor: authorHeading,
};

function listRequests(root: ParentNode): FoundRequest[] {
  return requestsInTables(root, listColumns, requestNumber).map(({ request, numberCell }) => ({ request, anchor: numberCell, placement: 'append' }));
}

/** A KeyValue's value as staff read it: Stripes' NoValue ("No value set" for screen readers, then "-") is no value. */
function keyValueText(value: Element): string {
  if (value.querySelector('[data-test-no-value]')) return '';
  return textOf(value);
}

/** The KeyValue fields inside an element, by label. */
function keyValues(container: Element): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of container.querySelectorAll('[class^="kvRoot"], [class*=" kvRoot"]')) {
    const label = pair.querySelector('[class^="kvLabel"], [class*=" kvLabel"]');
    const value = pair.querySelector('[class^="kvValue"], [class*=" kvValue"]');
    if (label && value) {
      const key = labelKey(textOf(label));
      if (!values.has(key)) values.set(key, keyValueText(value));
    }
  }
  return values;
}

function pick(values: Map<string, string>, pattern: RegExp): string | undefined {
  for (const [key, value] of values) if (pattern.test(key) && value) return value;
  return undefined;
}

/** The request number in a pane title such as "Request RS-1219" (German "Fernleihe RS-1219"): its last word. */
function numberInPaneTitle(title: string): string | undefined {
  const last = title.split(' ').pop();
  return last && requestNumber.test(last) && /\d/.test(last) ? last : undefined;
}

function viewRequest(root: ParentNode): FoundRequest[] {
  const found: FoundRequest[] = [];
  // Each pane header's title label; the request's pane is the one whose title ends in a request number.
  for (const titleLabel of root.querySelectorAll('[class^="paneTitleLabel"], [class*=" paneTitleLabel"]')) {
    const number = numberInPaneTitle(textOf(titleLabel));
    const pane = titleLabel.closest('[class^="pane---"], [class*=" pane---"], section');
    if (!number || !pane) continue;
    const fields = keyValues(pane);
    // Details tab: the KeyValue fields. Flow tab: the headline "<strong>RS-1219: </strong>Title".
    const headline = [...pane.querySelectorAll('h2')].find((heading) => textOf(heading.querySelector('strong')) === `${number}:`);
    const headlineTitle = headline ? textOf(headline).slice(number.length + 1).trim() : undefined;
    const type = pick(fields, anyOf('publication type', 'service type', 'type', 'typ'));
    found.push({
      anchor: headline ?? titleLabel,
      placement: 'append',
      request: withoutEmpty({
        TransactionNumber: pick(fields, requestNumberHeading) ?? number,
        RequestType: requestTypeOf(type),
        DocumentType: type,
        LoanTitle: pick(fields, titleHeading) ?? headlineTitle,
        LoanAuthor: pick(fields, authorHeading),
        LoanDate: pick(fields, yearHeading),
        ISSN: pick(fields, isbnHeading),
      }),
    });
  }
  return found;
}

export const reshare: SystemSite = {
  id: 'reshare',
  name: 'Project ReShare',
  include: [/^\/(rs|request|supply)\/requests\b/],
  findRequests: (root) => [...listRequests(root), ...viewRequest(root)],
};
