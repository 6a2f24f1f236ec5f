/**
 * Whether the library holds a title, from Alma's SRU service for the institution
 * (`/view/sru/{institution}`), by ISBN. The Bibs API cannot search by ISBN; SRU can, and the
 * answer's `numberOfRecords` is all Liaison reads from the XML.
 */
import { z } from 'zod';
import type { HttpClient } from '../http.js';
import type { HoldingsSource } from '../sources.js';

const sruAnswer = z
  .string()
  .transform((xml) => /<(?:\w+:)?numberOfRecords>\s*(\d+)\s*<\/(?:\w+:)?numberOfRecords>/.exec(xml)?.[1])
  .pipe(z.string({ message: 'has no numberOfRecords; is this the SRU address?' }))
  .transform(Number);

/** The CQL query for these ISBN-13s. */
export function almaSruQuery(isbns: string[]): string | undefined {
  const terms = isbns.slice(0, 4).map((isbn) => `alma.isbn=${isbn}`);
  return terms.length > 0 ? terms.join(' or ') : undefined;
}

/** Alma's catalogue (over SRU) as a holdings source. */
export function almaHoldings(sru: HttpClient, { now }: { now: () => Date }): HoldingsSource {
  return {
    system: 'Alma',
    async isHeld({ isbns }) {
      const query = almaSruQuery(isbns);
      if (!query) return undefined;
      const count = await sru.get('GET /view/sru/{institution}', '', {
        params: { version: '1.2', operation: 'searchRetrieve', query, maximumRecords: 1, recordSchema: 'marcxml' },
        schema: sruAnswer,
      });
      return { value: count > 0, source: 'Alma catalogue', asOf: now().toISOString() };
    },
  };
}
