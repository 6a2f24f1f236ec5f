/**
 * Whether the library holds a title, from Sierra's bibs: a JSON query (POST /v6/bibs/query) on the
 * ISBN/ISSN field group (tag "i"), which matches the number as catalogued in either form.
 */
import { z } from 'zod';
import { isbn10FromIsbn13 } from '@liaison/core';
import type { HoldingsSource } from '../sources.js';
import type { SierraClient } from './client.js';

const queryAnswer = z.object({ total: z.number(), entries: z.array(z.object({ link: z.string() })) });

/** Sierra's JSON query for these ISBN-13s (13- and 10-digit forms, any of them). */
export function sierraIsbnQuery(isbns: string[]): unknown {
  const forms = isbns.flatMap((isbn) => [isbn, isbn10FromIsbn13(isbn)]).filter((form): form is string => Boolean(form));
  if (forms.length === 0) return undefined;
  const one = (form: string) => ({ target: { record: { type: 'bib' }, field: { tag: 'i' } }, expr: { op: 'has', operands: [form] } });
  return forms.length === 1 ? one(forms[0]!) : { queries: forms.flatMap((form, index) => (index === 0 ? [one(form)] : ['or', one(form)])) };
}

/** Sierra's catalogue as a holdings source. */
export function sierraHoldings(sierra: SierraClient, { now }: { now: () => Date }): HoldingsSource {
  return {
    system: 'Sierra',
    async isHeld({ isbns }) {
      const query = sierraIsbnQuery(isbns);
      if (!query) return undefined;
      const answer = await sierra.query('POST /bibs/query', '/bibs/query', query, { params: { offset: 0, limit: 1 }, schema: queryAnswer });
      return { value: answer.entries.length > 0, source: 'Sierra catalogue', asOf: now().toISOString() };
    },
  };
}
