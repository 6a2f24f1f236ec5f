import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { illiadApiKey, illiadBaseURL, illiadHandlers, illiadUser } from '../handlers/illiad.js';
import { illiadSystem } from './index.js';
import { illiadSettingsSchema } from './settings.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...illiadHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const sleeps: number[] = [];

function illiad(overrides: Record<string, unknown> = {}, env: Record<string, string> = { ILLIAD_API_KEY: illiadApiKey }) {
  const settings = illiadSettingsSchema.parse({ type: 'illiad', base_url: illiadBaseURL, api_key_env: 'ILLIAD_API_KEY', ...overrides });
  const issues: Issue[] = [];
  const http = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };
  return { ...illiadSystem.build(settings, { env, now, path: ['connectors', 'systems', 'illiad'], name: 'illiad', http }, issues), issues };
}
const paths = () => sent.map((request) => decodeURIComponent(new URL(request.url).pathname.replace('/ILLiadWebPlatform', '')));

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('ILLiad patrons', () => {
  it('finds the user by username with the ApiKey header and lists open requests with their statuses', async () => {
    const { patrons, matchBy } = illiad();
    expect(matchBy).toBe('username');
    const context = await patrons!.findPatron({ username: 'aokafor' });
    expect(paths()).toEqual(['/Users/aokafor', '/Transaction/UserRequests/aokafor']);
    for (const request of sent) expect(request.headers.get('apikey')).toBe(illiadApiKey);
    const list = new URL(sent[1]!.url).searchParams;
    expect(list.get('$filter')).toBe("TransactionStatus ne 'Request Finished'");
    expect(list.get('$orderby')).toBe('TransactionDate desc');
    expect(list.get('$top')).toBe('100');

    expect(context!.identity).toEqual({
      id: 'aokafor',
      name: 'Amara Okafor',
      email: 'amara.okafor@northfield.edu',
      barcode: '21234004000006',
      username: 'aokafor',
      patronType: 'Graduate',
      affiliation: 'History',
      expiresOn: '2027-05-31',
    });
    expect(context!.standing.blocks).toEqual([]);
    expect(context!.illRequests).toEqual([
      { transactionNumber: '482394', title: 'The Cartographers of Silence', requestType: 'Loan', status: 'Awaiting Request Processing', updatedAt: '2025-03-08T09:15:00' },
      { transactionNumber: '482201', title: 'Tidal memory and the river towns', requestType: 'Article', status: 'Delivered to Web', updatedAt: '2025-03-02T14:00:00' },
    ]);
  });

  it('finds by barcode through ExternalUserId, and tries an e-mail as a UserName', async () => {
    const { patrons } = illiad();
    expect((await patrons!.findPatron({ barcode: '21234004000006' }))?.identity.username).toBe('aokafor');
    expect(await patrons!.findPatron({ email: 'amara.okafor@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['/Users/ExternalUserId/21234004000006', '/Transaction/UserRequests/aokafor', '/Users/amara.okafor@northfield.edu']);
  });

  it('answers null for a user ILLiad does not have (404) and shows a blocked user as blocked', async () => {
    const { patrons } = illiad();
    expect(await patrons!.findPatron({ username: 'nobody' })).toBeNull();
    expect(await patrons!.findPatron({})).toBeNull();
    server.use(http.get(`${illiadBaseURL}/Users/:username`, () => HttpResponse.json({ ...illiadUser, Cleared: 'B' })));
    const blocked = await patrons!.findPatron({ username: 'aokafor' });
    expect(blocked!.standing.blocks).toEqual([{ code: 'illiad:blocked', message: 'Blocked from interlibrary loan in ILLiad', source: 'manual' }]);
  });

  it.each([
    ['BO', [{ code: 'illiad:blocked-overdue', message: 'Blocked from interlibrary loan for overdue items (lifted when they are returned)', source: 'automated' }]],
    ['EXP', [{ code: 'illiad:expired', message: 'ILLiad account expired: the patron must update their details in ILLiad before requesting', source: 'automated' }]],
    ['NEW', [{ code: 'illiad:not-cleared', message: 'Not yet cleared to use interlibrary loan', source: 'manual' }]],
    ['DIS', [{ code: 'illiad:disavowed', message: 'Disavowed in ILLiad (may not use interlibrary loan)', source: 'manual' }]],
    ['Yes', []],
  ])('reads Cleared "%s" as the block ILLiad means', async (cleared, blocks) => {
    server.use(http.get(`${illiadBaseURL}/Users/:username`, () => HttpResponse.json({ ...illiadUser, Cleared: cleared })));
    const context = await illiad().patrons!.findPatron({ username: 'aokafor' });
    expect(context!.standing.blocks).toEqual(blocks);
  });

  it('reports a refused key as unauthorised, naming the variable', async () => {
    const { patrons } = illiad({}, { ILLIAD_API_KEY: 'revoked-key' });
    const error = await failure(patrons!.findPatron({ username: 'aokafor' }));
    expect(error.code).toBe('connector_unauthorized');
    expect(error.status).toBe(401);
    expect(error.message).toBe(
      "ILLiad GET /Users/{username}: refused our credentials (HTTP 401); check ILLIAD_API_KEY and that the key is in ILLiad's WebPlatformConfig table",
    );
    expect(error.message + JSON.stringify(error)).not.toMatch(/aokafor|revoked-key/);
  });

  it('retries a 503 and then reports ILLiad unavailable', async () => {
    sleeps.length = 0;
    server.use(http.get(`${illiadBaseURL}/Users/:username`, () => new HttpResponse(null, { status: 503 })));
    const { patrons } = illiad();
    const error = await failure(patrons!.findPatron({ username: 'aokafor' }));
    expect(error.code).toBe('connector_unavailable');
    expect(sent).toHaveLength(4);
    expect(sleeps).toEqual([188, 375, 750]);
  });

  it('times out a slow Web Platform', async () => {
    server.use(
      http.get(`${illiadBaseURL}/Users/:username`, async () => {
        await delay(300);
        return HttpResponse.json(illiadUser);
      }),
    );
    const { patrons } = illiad({ timeout_ms: 100 });
    expect((await failure(patrons!.findPatron({ username: 'aokafor' }))).code).toBe('connector_timeout');
  });
});

describe('ILLiad transactions', () => {
  it('reads a borrowing request by number, with the patron status from the user record', async () => {
    const { illRequests } = illiad();
    const request = await illRequests!.getTransaction(' 482394 ');
    expect(paths()).toEqual(['/Transaction/482394', '/Users/aokafor']);
    expect(request).toEqual({
      TransactionNumber: '482394',
      RequestType: 'Loan',
      DocumentType: 'Book',
      LoanTitle: 'The Cartographers of Silence',
      LoanAuthor: 'Mbeki, Thandiwe',
      LoanPublisher: 'Harbourlight Press',
      LoanDate: 'c2021',
      ISSN: '978-0-306-40615-7 (pbk.)',
      ESPNumber: '1234567890',
      Status: 'Graduate',
      CreationDate: '2025-03-08T09:14:52.12',
    });
    const article = await illRequests!.getTransaction('482201');
    expect(article).toMatchObject({ RequestType: 'Article', DOI: '10.5555/delta.2019.004', PhotoArticleTitle: 'Tidal memory and the river towns' });
  });

  it('answers null for an unknown number, and sends nothing for one that is not a number', async () => {
    const { illRequests } = illiad();
    expect(await illRequests!.getTransaction('999999')).toBeNull();
    expect(await illRequests!.getTransaction('../Users/aokafor')).toBeNull();
    expect(paths()).toEqual(['/Transaction/999999']);
  });
});

describe('ILLiad check', () => {
  it('asks for a test user\'s requests and says what came back', async () => {
    const { check } = illiad();
    expect(await check()).toBe('0 requests found for a test user');
    expect(paths()).toEqual(['/Transaction/UserRequests/liaison-connection-check']);
  });
});
