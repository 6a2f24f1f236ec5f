import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { ConnectorError } from '../errors.js';
import { doabBaseURL, doabHandlers, doabIsbn } from '../handlers/doab.js';
import { doabSettingsSchema, doabSystem } from './index.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...doabHandlers);
const urls = () => sent.map((request) => new URL(request.url));

const now = () => new Date('2025-03-10T12:00:00Z');
const doab = (settings: Record<string, unknown> = {}) =>
  doabSystem.build(doabSettingsSchema.parse({ type: 'doab', ...settings }), { env: {}, now, path: [], name: 'doab', http: { sleep: async () => {} } }, []);

describe('DOAB open-access books', () => {
  it('searches by ISBN with metadata and links the download', async () => {
    const copy = await doab().openAccess!.findOpenCopy({ isbns: ['9780306406157', doabIsbn] });
    expect(copy).toEqual({
      value: { url: 'https://library.oapen.org/bitstream/20.500.12657/26303/1/open-rivers.pdf', title: 'Open Rivers: Water and Memory' },
      source: 'DOAB',
      asOf: '2025-03-10T12:00:00.000Z',
    });
    expect(urls()[0]!.pathname).toBe('/rest/search');
    expect(urls()[0]!.searchParams.get('query')).toBe(`isbn:9780306406157 OR isbn:${doabIsbn}`);
    expect(urls()[0]!.searchParams.get('expand')).toBe('metadata');
  });

  it('answers undefined for a book DOAB does not list, and asks nothing without an ISBN', async () => {
    expect(await doab().openAccess!.findOpenCopy({ isbns: ['9780306406157'] })).toBeUndefined();
    expect(await doab().openAccess!.findOpenCopy({ isbns: [], doi: '10.5555/x' })).toBeUndefined();
    expect(sent).toHaveLength(1);
  });

  it('is named OAPEN when pointed at the OAPEN Library', () => {
    expect(doab({ base_url: 'https://library.oapen.org' }).system).toBe('OAPEN');
  });

  it('times out and names the call', async () => {
    server.use(
      http.get(`${doabBaseURL}/rest/search`, async () => {
        await delay(300);
        return HttpResponse.json([]);
      }),
    );
    const error = await doab({ timeout_ms: 100 }).openAccess!.findOpenCopy({ isbns: [doabIsbn] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).message).toBe('DOAB GET /rest/search: timed out after 100 ms');
  });
});
