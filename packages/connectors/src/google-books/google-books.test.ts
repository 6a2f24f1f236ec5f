import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { googleBooksBaseURL, googleBooksHandlers, googleBooksKey } from '../handlers/google-books.js';
import { googleBooksSettingsSchema, googleBooksSystem } from './index.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...googleBooksHandlers);
const urls = () => sent.map((request) => new URL(request.url));

const now = () => new Date('2025-03-10T12:00:00Z');
const asOf = '2025-03-10T12:00:00.000Z';
function google(settings: Record<string, unknown> = { api_key_env: 'GOOGLE_BOOKS_KEY' }, env: Record<string, string> = { GOOGLE_BOOKS_KEY: googleBooksKey }) {
  const issues: Issue[] = [];
  const system = googleBooksSystem.build(googleBooksSettingsSchema.parse({ type: 'google-books', ...settings }), { env, now, path: ['connectors', 'systems', 'google-books'], name: 'google-books', http: { sleep: async () => {} } }, issues);
  return { ...system, issues };
}

describe('Google Books prices', () => {
  it('asks the volumes API by ISBN with the key and country, and reads the e-book retail price', async () => {
    const { prices } = google();
    expect(await prices!.priceOf(['9780306406157'])).toEqual({
      price: { value: 31.99, currency: 'USD', source: 'Google Books (e-book)', asOf },
      available: { value: true, source: 'Google Books (e-book)', asOf },
    });
    expect(urls()[0]!.pathname).toBe('/books/v1/volumes');
    expect(Object.fromEntries(urls()[0]!.searchParams)).toEqual({ q: 'isbn:9780306406157', country: 'US', maxResults: '1', projection: 'full', key: googleBooksKey });
  });

  it('says nothing about print when Google does not sell the e-book, and reads FREE as a free copy', async () => {
    const { prices } = google({});
    expect(await prices!.priceOf(['9780262033848'])).toBeUndefined();
    expect(await prices!.priceOf(['9780131103627'])).toEqual({
      price: { value: 0, currency: 'USD', source: 'Google Books (e-book)', asOf },
      available: { value: true, source: 'Google Books (e-book)', asOf },
    });
    expect(urls().every((url) => !url.searchParams.has('key'))).toBe(true);
  });

  it('tries a second ISBN when the first is unknown, and answers undefined when neither is', async () => {
    const { prices } = google();
    expect((await prices!.priceOf(['9781234567897', '9780306406157']))?.price?.value).toBe(31.99);
    expect(await prices!.priceOf(['9781234567897'])).toBeUndefined();
    expect(urls().map((url) => url.searchParams.get('q'))).toEqual(['isbn:9781234567897', 'isbn:9780306406157', 'isbn:9781234567897']);
  });

  it('reports a 429 that outlasts the retries, without the key', async () => {
    server.use(http.get(`${googleBooksBaseURL}/volumes`, () => HttpResponse.json({ error: { code: 429 } }, { status: 429 })));
    const { prices } = google();
    const error = (await prices!.priceOf(['9780306406157']).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('connector_rate_limited');
    expect(error.message).toBe('Google Books GET /volumes: asked us to slow down (HTTP 429) after 4 attempts');
    expect(JSON.stringify(error) + error.stack).not.toContain(googleBooksKey);
  });

  it('check: one search for a test ISBN', async () => {
    expect(await google().check()).toBe('1 volumes found for a test ISBN');
  });
});
