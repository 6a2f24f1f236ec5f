/**
 * Google Books as a price source: the volumes API's `saleInfo` for an ISBN. Google sells e-books,
 * so its price is an e-book price and "not for sale" says nothing about print: only a title on
 * sale (or free) gives availability; staff see the source "Google Books (e-book)".
 */
import { z } from 'zod';
import { createHttpClient } from '../http.js';
import { baseUrl, environmentVariable, secretFrom, timeoutMs } from '../settings.js';
import type { PriceAnswer, PriceSource } from '../sources.js';
import type { SystemDefinition } from '../system.js';

export const googleBooksSettingsSchema = z.strictObject({
  type: z.literal('google-books'),
  base_url: baseUrl.default('https://www.googleapis.com/books/v1'),
  /** Variable holding a Google API key; without one the API's anonymous quota applies. */
  api_key_env: environmentVariable.optional(),
  /** Two-letter country whose store prices are read (sale information differs by country). */
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'is not a two-letter country code, e.g. "US"').toUpperCase().default('US'),
  timeout_ms: timeoutMs,
});
export type GoogleBooksSettings = z.output<typeof googleBooksSettingsSchema>;

const money = z.object({ amount: z.number(), currencyCode: z.string() });

/** GET /volumes?q=isbn:… — `items` is absent when nothing matched. */
export const volumesSchema = z.object({
  totalItems: z.number(),
  items: z
    .array(
      z.object({
        id: z.string(),
        volumeInfo: z.object({ title: z.string().optional() }).optional(),
        saleInfo: z
          .object({
            country: z.string().optional(),
            saleability: z.string(),
            isEbook: z.boolean().optional(),
            listPrice: money.optional(),
            retailPrice: money.optional(),
          })
          .optional(),
      }),
    )
    .optional(),
});

const source = 'Google Books (e-book)';

export const googleBooksSystem: SystemDefinition<GoogleBooksSettings> = {
  type: 'google-books',
  schema: googleBooksSettingsSchema,
  build(settings, context, issues) {
    const apiKey = settings.api_key_env ? secretFrom(context, 'api_key_env', settings.api_key_env, issues) : undefined;
    const google = createHttpClient({
      system: 'Google Books',
      baseURL: settings.base_url,
      timeoutMs: settings.timeout_ms,
      now: context.now,
      credentialsHint: settings.api_key_env ? `check ${settings.api_key_env} and that the Books API is enabled for the key` : 'set api_key_env to use a key of your own',
      ...context.http,
    });
    const search = (isbn: string, signal?: AbortSignal) =>
      google.get('GET /volumes', '/volumes', {
        params: { q: `isbn:${isbn}`, country: settings.country, maxResults: 1, projection: 'full', ...(apiKey ? { key: apiKey } : {}) },
        schema: volumesSchema,
        signal,
      });

    const prices: PriceSource = {
      system: 'Google Books',
      async priceOf(isbns) {
        // Most titles are found by their first ISBN; a second is tried, not a whole list.
        for (const isbn of isbns.slice(0, 2)) {
          const sale = (await search(isbn)).items?.[0]?.saleInfo;
          if (!sale) continue;
          const asOf = context.now().toISOString();
          const price = sale.retailPrice ?? sale.listPrice;
          const answer: PriceAnswer = {};
          if (sale.saleability === 'FREE') {
            answer.price = { value: 0, currency: price?.currencyCode ?? 'USD', source, asOf };
            answer.available = { value: true, source, asOf };
          } else if (sale.saleability === 'FOR_SALE' || sale.saleability === 'FOR_PREORDER') {
            if (price) answer.price = { value: price.amount, currency: price.currencyCode, source, asOf };
            answer.available = { value: true, source, asOf };
          }
          if (answer.price || answer.available) return answer;
        }
        return undefined;
      },
    };

    return {
      name: context.name,
      system: 'Google Books',
      prices,
      secretVariables: settings.api_key_env ? [settings.api_key_env] : [],
      describe: () => `Google Books volumes API (${settings.country} store prices${apiKey ? '' : ', no API key'})`,
      async check({ signal } = {}) {
        const answer = await search('9780306406157', signal);
        return `${answer.totalItems} volumes found for a test ISBN`;
      },
    };
  },
};
