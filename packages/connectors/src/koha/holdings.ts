/** Whether the library holds a title, from Koha's biblios by ISBN (Koha keeps ISBNs as catalogued, so both forms are sought). */
import { z } from 'zod';
import { isbn10FromIsbn13 } from '@liaison/core';
import type { HoldingsSource } from '../sources.js';
import type { KohaClient } from './client.js';

const biblios = z.array(z.object({ biblio_id: z.number() }));

/** The `q` filter for these ISBN-13s: each as a substring, in its 13- and 10-digit forms. */
export function kohaBiblioQuery(isbns: string[]): string | undefined {
  const forms = isbns.flatMap((isbn) => [isbn, isbn10FromIsbn13(isbn)]).filter((form): form is string => Boolean(form));
  return forms.length > 0 ? JSON.stringify(forms.map((form) => ({ isbn: { '-like': `%${form}%` } }))) : undefined;
}

/** Koha's catalogue as a holdings source. */
export function kohaHoldings(koha: KohaClient, { now }: { now: () => Date }): HoldingsSource {
  return {
    system: 'Koha',
    async isHeld({ isbns }) {
      const q = kohaBiblioQuery(isbns);
      if (!q) return undefined;
      const found = await koha.get('GET /biblios', '/biblios', { params: { q, _per_page: 1 }, headers: { Accept: 'application/json' }, schema: biblios });
      return { value: found.length > 0, source: 'Koha catalogue', asOf: now().toISOString() };
    },
  };
}
