import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { almaApiKey, almaBaseURL, almaHandlers, almaHeldIsbn, almaSruURL } from '../handlers/alma.js';
import { almaSystem } from './index.js';
import { almaRequestStatus } from './patrons.js';
import { almaSettingsSchema } from './settings.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...almaHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const sleeps: number[] = [];

function alma(overrides: Record<string, unknown> = {}, env: Record<string, string> = { ALMA_API_KEY: almaApiKey }) {
  const settings = almaSettingsSchema.parse({ type: 'alma', base_url: almaBaseURL, api_key_env: 'ALMA_API_KEY', ...overrides });
  const issues: Issue[] = [];
  const http = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };
  return { ...almaSystem.build(settings, { env, now, path: ['connectors', 'systems', 'alma'], name: 'alma', http }, issues), issues };
}
const requests = () => sent.map((request) => new URL(request.url));
const paths = () => requests().map((url) => url.pathname.replace('/almaws/v1', ''));

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('Alma patrons', () => {
  it('searches users by e-mail with the apikey header, then reads the record, loans (all pages), active requests and fees', async () => {
    const { patrons } = alma();
    const context = await patrons!.findPatron({ email: 'mei-lin.chen@northfield.edu' });
    for (const request of sent) {
      expect(request.headers.get('authorization')).toBe(`apikey ${almaApiKey}`);
      expect(request.headers.get('accept')).toContain('application/json');
    }
    expect(requests()[0]!.searchParams.get('q')).toBe('email~mei-lin.chen@northfield.edu');
    expect(requests()[0]!.searchParams.get('limit')).toBe('2');
    expect(paths().slice(0, 2)).toEqual(['/users', '/users/mchen']);
    expect(requests()[1]!.searchParams.get('view')).toBe('full');
    const loanPages = requests().filter((url) => url.pathname.endsWith('/loans'));
    expect(loanPages.map((url) => url.searchParams.get('offset'))).toEqual(['0', '100']);
    expect(requests().find((url) => url.pathname.endsWith('/requests'))!.searchParams.get('status')).toBe('active');
    expect(requests().find((url) => url.pathname.endsWith('/fees'))!.searchParams.get('status')).toBe('ACTIVE');

    expect(context!.identity).toEqual({
      id: 'mchen',
      name: 'Mei-Lin Chen',
      email: 'mei-lin.chen@northfield.edu',
      barcode: '21234004020749',
      username: 'mchen',
      patronType: 'Faculty',
      expiresOn: '2028-08-31',
    });
    expect(context!.loans).toHaveLength(130);
    expect(context!.loans[0]).toEqual({ title: 'Wetland Futures 1', author: 'Osei, Kwame', barcode: '39000021000', dueAt: '2025-03-05T22:59:00Z', isOverdue: true });
    expect(context!.holds).toEqual([
      // Alma answers ON_HOLD_SHELF; staff read the words.
      { title: 'River Deltas of the World', status: 'On hold shelf', placedAt: '2025-03-01', pickupLocation: 'Main Library', expiresAt: '2025-03-15' },
    ]);
    // The expired system block is left out.
    expect(context!.standing).toEqual({
      blocks: [{ code: '02', message: 'Lost library card', source: 'manual' }],
      fines: [{ amount: 4.25, reason: 'Overdue fine', title: 'Wetland Futures 40', createdAt: '2025-02-10T09:00:00Z' }],
      currency: 'EUR',
    });
  });

  it('finds by barcode through identifiers, and by username as the primary id', async () => {
    const { patrons } = alma();
    expect((await patrons!.findPatron({ barcode: '21234004020749' }))?.identity.id).toBe('mchen');
    expect(requests()[0]!.searchParams.get('q')).toBe('identifiers~21234004020749');
    sent.length = 0;
    expect((await patrons!.findPatron({ username: 'mchen' }))?.identity.id).toBe('mchen');
    expect(requests()[0]!.searchParams.get('q')).toBe('primary_id~mchen');
  });

  it('answers null when the search finds nobody (Alma leaves the list out)', async () => {
    const { patrons } = alma();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['/users']);
  });

  it('reports a refused key without the key or the e-mail', async () => {
    const { patrons } = alma({}, { ALMA_API_KEY: 'l8xx-wrong' });
    const error = await failure(patrons!.findPatron({ email: 'mei-lin.chen@northfield.edu' }));
    expect(error.code).toBe('connector_unauthorized');
    expect(error.message).toBe('Alma GET /users: refused our credentials (HTTP 401); check ALMA_API_KEY, and that the key has read access to the Users API');
    expect(error.message + JSON.stringify(error)).not.toMatch(/mei-lin|l8xx/);
  });

  it('honours Retry-After on 429 (Alma\'s per-second threshold)', async () => {
    sleeps.length = 0;
    let calls = 0;
    server.use(http.get(`${almaBaseURL}/almaws/v1/users`, () => (++calls === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '2' } }) : undefined)));
    const { patrons } = alma();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(sleeps).toEqual([2000]);
  });

  it('times out a slow gateway', async () => {
    server.use(
      http.get(`${almaBaseURL}/almaws/v1/users`, async () => {
        await delay(300);
        return HttpResponse.json({ total_record_count: 0 });
      }),
    );
    const { patrons } = alma({ timeout_ms: 100 });
    expect((await failure(patrons!.findPatron({ email: 'x@northfield.edu' }))).message).toBe('Alma GET /users: timed out after 100 ms');
  });

  it('check: one user search, the count it found', async () => {
    const { check, describe: describeAlma } = alma();
    expect(await check()).toBe('48213 users found for a test query');
    expect(requests()[0]!.searchParams.get('limit')).toBe('1');
    expect(describeAlma()).toBe(`Alma Users API at ${almaBaseURL}`);
  });
});

describe('Alma request statuses', () => {
  it.each([
    ['ON_HOLD_SHELF', 'On hold shelf'],
    ['NOT_STARTED', 'Not started'],
    ['IN_PROCESS', 'In process'],
    ['IN_TRANSIT', 'In transit'],
    ['HISTORY', 'Completed'],
    ['WAITING_FOR_DIGITIZATION', 'Waiting for digitization'],
    ['On Hold Shelf', 'On Hold Shelf'],
    [undefined, 'Requested'],
  ])('shows %s to staff as "%s"', (status, words) => {
    expect(almaRequestStatus(status)).toBe(words);
  });
});

describe('Alma holdings', () => {
  it('asks the institution\'s SRU service by ISBN and reads numberOfRecords', async () => {
    const { holdings } = alma({ sru_url: almaSruURL });
    expect(await holdings!.isHeld({ isbns: ['9781234567897', almaHeldIsbn] })).toEqual({ value: true, source: 'Alma catalogue', asOf: '2025-03-10T12:00:00.000Z' });
    const sru = requests()[0]!;
    expect(sru.pathname).toBe('/view/sru/01NORTH_INST');
    expect(Object.fromEntries(sru.searchParams)).toEqual({
      version: '1.2',
      operation: 'searchRetrieve',
      query: `alma.isbn=9781234567897 or alma.isbn=${almaHeldIsbn}`,
      maximumRecords: '1',
      recordSchema: 'marcxml',
    });
    // SRU is public: the API key is not sent to it.
    expect(sent[0]!.headers.get('authorization')).toBeNull();
    expect((await holdings!.isHeld({ isbns: ['9781234567897'] }))?.value).toBe(false);
  });

  it('is no holdings source without an SRU address', () => {
    expect(alma().holdings).toBeUndefined();
  });
});
