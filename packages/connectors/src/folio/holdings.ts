/** Whether the library holds a title, from FOLIO inventory through mod-search, by ISBN or OCLC number. */
import type { HoldingsSource } from '../sources.js';
import { cqlString, type FolioClient } from './client.js';
import { instancesSchema } from './schemas.js';

/** The mod-search CQL query for these ISBN-13s and OCLC number, or undefined when there is nothing to ask. */
export function folioInstanceQuery(isbns: string[], oclcNumber?: string): string | undefined {
  const terms = [...isbns.map((isbn) => `isbn==${cqlString(isbn)}`), ...(oclcNumber ? [`oclc==${cqlString(oclcNumber)}`] : [])];
  return terms.length > 0 ? terms.join(' or ') : undefined;
}

/** FOLIO inventory as a holdings source. */
export function folioHoldings(folio: FolioClient, { now }: { now: () => Date }): HoldingsSource {
  return {
    system: 'FOLIO',
    async isHeld({ isbns, oclcNumber }) {
      const query = folioInstanceQuery(isbns, oclcNumber);
      if (!query) return undefined;
      const answer = await folio.get('GET /search/instances', '/search/instances', { params: { query, limit: 1 }, schema: instancesSchema });
      return { value: answer.totalRecords > 0, source: 'FOLIO inventory', asOf: now().toISOString() };
    },
  };
}
