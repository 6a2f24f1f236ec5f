import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { sierraBaseURL, sierraClient, sierraHandlers, sierraPatronOverride } from '../handlers/sierra.js';
import { sierraSystem } from './index.js';
import { sierraSettingsSchema } from './settings.js';
import { recordingServer } from '../handlers/recording-server.js';

const { server, sent } = recordingServer(...sierraHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const env = { SIERRA_KEY: sierraClient.key, SIERRA_SECRET: sierraClient.secret };
function sierra(environment: Record<string, string> = env) {
  const settings = sierraSettingsSchema.parse({
    type: 'sierra',
    base_url: sierraBaseURL,
    client_key_env: 'SIERRA_KEY',
    client_secret_env: 'SIERRA_SECRET',
    patron_types: { '3': 'Graduate' },
  });
  const issues: Issue[] = [];
  return { ...sierraSystem.build(settings, { env: environment, now, path: ['connectors', 'systems', 'sierra'], name: 'sierra', http: { sleep: async () => {} } }, issues), issues };
}
const urls = () => sent.map((request) => new URL(request.url));
const paths = () => sent.map((request) => `${request.method} ${new URL(request.url).pathname.replace('/iii/sierra-api/v6', '')}`);

describe('Sierra patrons', () => {
  it('gets a token with the client key, finds the patron by e-mail (varFieldTag z), and reads checkouts, holds, fines and their titles', async () => {
    const { patrons } = sierra();
    const context = await patrons!.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(paths()).toEqual([
      'POST /token',
      'GET /patrons/find',
      'GET /patrons/1234567/checkouts',
      'GET /patrons/1234567/holds',
      'GET /patrons/1234567/fines',
      'GET /items',
      'GET /bibs',
    ]);
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from(`${sierraClient.key}:${sierraClient.secret}`).toString('base64')}`);
    for (const request of sent.slice(1)) expect(request.headers.get('authorization')).toBe('Bearer sierra-bearer-1');
    const find = urls()[1]!.searchParams;
    expect([find.get('varFieldTag'), find.get('varFieldContent')]).toEqual(['z', 'amara.okafor@northfield.edu']);
    expect(urls()[5]!.searchParams.get('id')).toBe('5000001,5000002');
    expect(urls()[6]!.searchParams.get('id')).toBe('1000001,1000002,1000003');

    expect(context!.identity).toEqual({
      id: '1234567',
      name: 'Amara Okafor',
      email: 'amara.okafor@northfield.edu',
      barcode: '21234004000006',
      patronType: 'Graduate',
      expiresOn: '2027-05-31',
    });
    expect(context!.loans).toEqual([
      { title: 'Rivers of Memory', author: 'Adeyemi, Folake', barcode: '39000041001', dueAt: '2025-03-04T08:00:00Z', isOverdue: true, renewals: 2 },
      { title: 'The Salt Roads', author: 'Mensah, Kofi', barcode: '39000041002', dueAt: '2025-04-01T08:00:00Z', isOverdue: false, renewals: 0 },
    ]);
    expect(context!.holds).toEqual([
      { title: 'Lanterns of the Delta', status: 'Ready for pickup.', placedAt: '2025-03-01', pickupLocation: 'Main Library', expiresAt: '2025-06-01' },
    ]);
    expect(context!.standing).toEqual({
      blocks: [{ code: 'mblock:c', message: 'Manual block (code c) in Sierra', source: 'manual' }],
      fines: [{ amount: 6.5, reason: 'Overdue', createdAt: '2025-02-20T09:00:00Z' }],
      currency: 'USD',
    });
  });

  it.each([
    ['a block Sierra set itself', { blockInfo: { code: '-' }, autoBlockInfo: { code: 'f' } }, [
      { code: 'autoblock:f', message: 'Blocked automatically by Sierra (code f): a limit for this patron type is reached, such as fines owed or overdue items', source: 'automated' },
    ]],
    ['an expired card', { blockInfo: { code: '-' }, expirationDate: '2025-03-09' }, [{ code: 'expired', message: 'Card expired on 2025-03-09', source: 'automated' }]],
    ['a card that expires today', { blockInfo: { code: '-' }, expirationDate: '2025-03-10' }, []],
    ['a manual block and an automatic one', { blockInfo: { code: 'c' }, autoBlockInfo: { code: 'o' } }, [
      { code: 'mblock:c', message: 'Manual block (code c) in Sierra', source: 'manual' },
      { code: 'autoblock:o', message: 'Blocked automatically by Sierra (code o): a limit for this patron type is reached, such as fines owed or overdue items', source: 'automated' },
    ]],
  ])('shows %s', async (_case, fields, blocks) => {
    sierraPatronOverride.fields = fields;
    try {
      const context = await sierra().patrons!.findPatron({ barcode: '21234004000006' });
      expect(context!.standing.blocks).toEqual(blocks);
      expect(urls().find((url) => url.pathname.endsWith('/patrons/find'))!.searchParams.get('fields')).toContain('autoBlockInfo');
    } finally {
      sierraPatronOverride.fields = undefined;
    }
  });

  it('finds by barcode (varFieldTag b), answers null on 404 and for a username it cannot search', async () => {
    const { patrons } = sierra();
    expect((await patrons!.findPatron({ barcode: '21234004000006' }))?.identity.id).toBe('1234567');
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(await patrons!.findPatron({ username: 'aokafor' })).toBeNull();
    const finds = urls().filter((url) => url.pathname.endsWith('/patrons/find')).map((url) => url.searchParams.get('varFieldTag'));
    expect(finds).toEqual(['b', 'z']);
  });

  it('reports a refused client key as unauthorised, naming the variables', async () => {
    const { patrons } = sierra({ SIERRA_KEY: sierraClient.key, SIERRA_SECRET: 'nope' });
    const error = (await patrons!.findPatron({ email: 'amara.okafor@northfield.edu' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.message).toBe('Sierra POST /token: refused our credentials (HTTP 401); check SIERRA_SECRET and SIERRA_KEY');
  });

  it('fetches a new token once when Sierra answers 401 to a revoked one', async () => {
    let refused = false;
    server.use(
      http.get(`${sierraBaseURL}/v6/patrons/find`, () => {
        if (refused) return undefined;
        refused = true;
        return new HttpResponse(null, { status: 401 });
      }),
    );
    const { patrons } = sierra();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['POST /token', 'GET /patrons/find', 'POST /token', 'GET /patrons/find']);
  });

  it('check: one bib', async () => {
    expect(await sierra().check()).toBe('1 bib record read for a test query');
  });
});

describe('Sierra holdings', () => {
  it('queries bibs on the ISBN field group in both forms and answers held or not', async () => {
    const { holdings } = sierra();
    expect(await holdings!.isHeld({ isbns: ['9780306406157'] })).toEqual({ value: true, source: 'Sierra catalogue', asOf: '2025-03-10T12:00:00.000Z' });
    const query = sent.at(-1)!;
    expect(`${query.method} ${new URL(query.url).pathname}`).toBe('POST /iii/sierra-api/v6/bibs/query');
    expect(new URL(query.url).searchParams.get('limit')).toBe('1');
    expect(await query.json()).toEqual({
      queries: [
        { target: { record: { type: 'bib' }, field: { tag: 'i' } }, expr: { op: 'has', operands: ['9780306406157'] } },
        'or',
        { target: { record: { type: 'bib' }, field: { tag: 'i' } }, expr: { op: 'has', operands: ['0306406152'] } },
      ],
    });
    expect((await holdings!.isHeld({ isbns: ['9791234567896'] }))?.value).toBe(false);
  });
});
