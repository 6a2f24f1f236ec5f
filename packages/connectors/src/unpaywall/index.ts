/**
 * Unpaywall as an open-access source for articles: GET /v2/{doi}?email=… answers whether the
 * article is open access and its best location (a landing page or a PDF). An unknown DOI is a 404.
 */
import { z } from 'zod';
import { isConnectorError } from '../errors.js';
import { createHttpClient } from '../http.js';
import { baseUrl, timeoutMs } from '../settings.js';
import type { OpenAccessSource } from '../sources.js';
import type { SystemDefinition } from '../system.js';

export const unpaywallSettingsSchema = z.strictObject({
  type: z.literal('unpaywall'),
  base_url: baseUrl.default('https://api.unpaywall.org'),
  /** The library's contact address, which Unpaywall asks every caller to send (not a secret). */
  email: z.string().trim().email('is not an e-mail address; Unpaywall asks for a contact address, e.g. "ill@library.example.edu"'),
  timeout_ms: timeoutMs,
});
export type UnpaywallSettings = z.output<typeof unpaywallSettingsSchema>;

const location = z.object({
  url: z.string().nullish(),
  url_for_pdf: z.string().nullish(),
  url_for_landing_page: z.string().nullish(),
  license: z.string().nullish(),
  host_type: z.string().nullish(),
  version: z.string().nullish(),
});

export const unpaywallRecordSchema = z.object({
  doi: z.string(),
  title: z.string().nullish(),
  is_oa: z.boolean(),
  oa_status: z.string().nullish(),
  best_oa_location: location.nullish(),
});

/** A DOI as Unpaywall's path wants it: "10.1038/nature12373", prefixes such as "doi:" or "https://doi.org/" removed. */
export function bareDoi(doi: string): string | undefined {
  const bare = doi.trim().replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(bare) ? bare : undefined;
}

export const unpaywallSystem: SystemDefinition<UnpaywallSettings> = {
  type: 'unpaywall',
  schema: unpaywallSettingsSchema,
  build(settings, context) {
    const unpaywall = createHttpClient({ system: 'Unpaywall', baseURL: settings.base_url, timeoutMs: settings.timeout_ms, now: context.now, ...context.http });
    const lookUp = (doi: string, signal?: AbortSignal) =>
      unpaywall
        .get('GET /v2/{doi}', `/v2/${doi.split('/').map(encodeURIComponent).join('/')}`, { params: { email: settings.email }, schema: unpaywallRecordSchema, signal })
        .catch((error: unknown) => (isConnectorError(error, 'connector_not_found') ? undefined : Promise.reject(error)));

    const openAccess: OpenAccessSource = {
      system: 'Unpaywall',
      async findOpenCopy({ doi }) {
        const bare = doi ? bareDoi(doi) : undefined;
        if (!bare) return undefined;
        const record = await lookUp(bare);
        const best = record?.is_oa ? record.best_oa_location : undefined;
        const url = best?.url_for_landing_page ?? best?.url ?? best?.url_for_pdf;
        if (!record || !url) return undefined;
        return {
          value: { url, ...(record.title ? { title: record.title } : {}) },
          source: `Unpaywall${best?.host_type === 'repository' ? ' (repository copy)' : ''}`,
          asOf: context.now().toISOString(),
        };
      },
    };
    return {
      name: context.name,
      system: 'Unpaywall',
      openAccess,
      secretVariables: [],
      describe: () => `Unpaywall at ${settings.base_url}`,
      async check({ signal } = {}) {
        // Unpaywall's own example DOI, a Nature article it has always known.
        const record = await lookUp('10.1038/nature12373', signal);
        return record ? `a test DOI was found (${record.is_oa ? 'open access' : 'closed'})` : 'answered, but did not know a test DOI';
      },
    };
  },
};
