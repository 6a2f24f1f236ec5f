import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { ConnectorError } from '../errors.js';
import { unpaywallBaseURL, unpaywallEmail, unpaywallHandlers } from '../handlers/unpaywall.js';
import { bareDoi, unpaywallSettingsSchema, unpaywallSystem } from './index.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...unpaywallHandlers);
const urls = () => sent.map((request) => new URL(request.url));

const now = () => new Date('2025-03-10T12:00:00Z');
const sleeps: number[] = [];
const unpaywall = () =>
  unpaywallSystem.build(unpaywallSettingsSchema.parse({ type: 'unpaywall', email: unpaywallEmail }), {
    env: {},
    now,
    path: [],
    name: 'unpaywall',
    http: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
  }, []);

describe('Unpaywall', () => {
  it('looks up the DOI with the library\'s e-mail and gives the best open location', async () => {
    const copy = await unpaywall().openAccess!.findOpenCopy({ isbns: [], doi: 'https://doi.org/10.5555/delta.2019.004' });
    expect(copy).toEqual({
      value: { url: 'https://repository.northfield.edu/handle/1/4242', title: 'Tidal memory and the river towns' },
      source: 'Unpaywall (repository copy)',
      asOf: '2025-03-10T12:00:00.000Z',
    });
    expect(urls()[0]!.pathname).toBe('/v2/10.5555/delta.2019.004');
    expect(urls()[0]!.searchParams.get('email')).toBe(unpaywallEmail);
  });

  it('answers undefined for a closed article, an unknown DOI (404) and a request without a DOI', async () => {
    const source = unpaywall().openAccess!;
    expect(await source.findOpenCopy({ isbns: [], doi: '10.5555/closed.1' })).toBeUndefined();
    expect(await source.findOpenCopy({ isbns: [], doi: '10.5555/unknown' })).toBeUndefined();
    expect(await source.findOpenCopy({ isbns: ['9780306406157'] })).toBeUndefined();
    expect(await source.findOpenCopy({ isbns: [], doi: 'not a doi' })).toBeUndefined();
    expect(sent).toHaveLength(2);
  });

  it.each(['10.1234/../../admin', '10.1234/x/..', '10.1234/./x'])(
    'sends no request for the DOI %j, whose dot segments would climb out of /v2/',
    async (doi) => {
      expect(await unpaywall().openAccess!.findOpenCopy({ isbns: [], doi })).toBeUndefined();
      expect(sent).toHaveLength(0);
    },
  );

  it('retries a 503 with backoff and then says Unpaywall is unavailable', async () => {
    sleeps.length = 0;
    server.use(http.get(`${unpaywallBaseURL}/v2/*`, () => new HttpResponse(null, { status: 503 })));
    const error = await unpaywall().openAccess!.findOpenCopy({ isbns: [], doi: '10.5555/delta.2019.004' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toBe('Unpaywall GET /v2/{doi}: is unavailable (HTTP 503) after 4 attempts');
    expect(sleeps).toEqual([188, 375, 750]);
  });

  it.each([
    ['doi:10.1000/xyz123', '10.1000/xyz123'],
    ['https://dx.doi.org/10.1000/A(B)', '10.1000/A(B)'],
    ['10.12/x', undefined],
    ['', undefined],
  ])('reads %j as the DOI %j', (text, expected) => {
    expect(bareDoi(text)).toBe(expected);
  });

  it('check: the test DOI', async () => {
    expect(await unpaywall().check()).toBe('a test DOI was found (closed)');
  });
});
