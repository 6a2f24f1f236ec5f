/**
 * DOAB (the Directory of Open Access Books) or the OAPEN Library as an open-access source: their
 * DSpace REST search (`/rest/search?query=isbn:…&expand=metadata`) answers a list of items, each
 * with Dublin Core metadata; an item with the ISBN is a free, legal copy.
 */
import { z } from 'zod';
import { createHttpClient } from '../http.js';
import { baseUrl, timeoutMs } from '../settings.js';
import type { OpenAccessSource } from '../sources.js';
import type { SystemDefinition } from '../system.js';

export const doabSettingsSchema = z.strictObject({
  type: z.literal('doab'),
  /** https://directory.doabooks.org, or https://library.oapen.org for the OAPEN Library. */
  base_url: baseUrl.default('https://directory.doabooks.org'),
  timeout_ms: timeoutMs,
});
export type DoabSettings = z.output<typeof doabSettingsSchema>;

export const doabItemsSchema = z.array(
  z.object({
    uuid: z.string().optional(),
    name: z.string().nullish(),
    handle: z.string().nullish(),
    metadata: z.array(z.object({ key: z.string(), value: z.string().nullable() })).optional(),
  }),
);

/** The DSpace query for these ISBN-13s (at most three, so the query stays short). */
export function doabQuery(isbns: string[]): string | undefined {
  const terms = isbns.slice(0, 3).map((isbn) => `isbn:${isbn}`);
  return terms.length > 0 ? terms.join(' OR ') : undefined;
}

export const doabSystem: SystemDefinition<DoabSettings> = {
  type: 'doab',
  schema: doabSettingsSchema,
  build(settings, context) {
    const system = /oapen/i.test(settings.base_url) ? 'OAPEN' : 'DOAB';
    const doab = createHttpClient({ system, baseURL: settings.base_url, timeoutMs: settings.timeout_ms, now: context.now, ...context.http });
    const search = (query: string, signal?: AbortSignal) =>
      doab.get('GET /rest/search', '/rest/search', { params: { query, expand: 'metadata', limit: 1 }, schema: doabItemsSchema, signal });

    const openAccess: OpenAccessSource = {
      system,
      async findOpenCopy({ isbns }) {
        const query = doabQuery(isbns);
        if (!query) return undefined;
        const [item] = await search(query);
        if (!item) return undefined;
        const field = (key: string) => item.metadata?.find((entry) => entry.key === key && entry.value)?.value ?? undefined;
        const url = field('oapen.identifier.downloadUrl') ?? (item.handle ? `${settings.base_url}/handle/${item.handle}` : field('dc.identifier.uri'));
        if (!url) return undefined;
        const title = field('dc.title') ?? item.name ?? undefined;
        return { value: { url, ...(title ? { title } : {}) }, source: system, asOf: context.now().toISOString() };
      },
    };
    return {
      name: context.name,
      system,
      openAccess,
      secretVariables: [],
      describe: () => `${system} open-access books at ${settings.base_url}`,
      async check({ signal } = {}) {
        const items = await search('dc.title:"open access"', signal);
        return `${items.length} book found for a test query`;
      },
    };
  },
};
