/**
 * Reading every page of a list a system returns a page at a time (FOLIO's `limit`/`offset`,
 * Alma's `limit`/`offset`, Sierra's `limit`/`offset`), up to a ceiling so one patron with
 * thousands of old fines cannot hold a staff member's screen.
 */

export interface Page<T> {
  items: T[];
  /** How many records the system says match in all. */
  total: number;
}

/** Asks for pages of `pageSize` until `total` is reached, a page comes back short, or `maxItems` is read. */
export async function readAllPages<T>(
  fetchPage: (offset: number, limit: number) => Promise<Page<T>>,
  { pageSize = 100, maxItems = 500 }: { pageSize?: number; maxItems?: number } = {},
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; offset < maxItems; offset += pageSize) {
    const limit = Math.min(pageSize, maxItems - offset);
    const page = await fetchPage(offset, limit);
    items.push(...page.items);
    if (page.items.length < limit || items.length >= page.total) break;
  }
  return items.slice(0, maxItems);
}
