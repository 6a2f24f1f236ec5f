import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import { kohaBaseURL, kohaClient, kohaHandlers, kohaPatron, kohaSettings } from '../handlers/koha.js';
import { kohaBiblioQuery } from './holdings.js';
import { kohaSystem } from './index.js';
import { kohaSettingsSchema } from './settings.js';
import { contractServer } from '../handlers/contract-server.js';

const { server, sent } = contractServer('koha', `${kohaBaseURL}/api/v1`, ...kohaHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const env = { KOHA_CLIENT_ID: kohaClient.id, KOHA_CLIENT_SECRET: kohaClient.secret };

function koha(overrides: Record<string, unknown> = {}, environment: Record<string, string> = env) {
  const settings = kohaSettingsSchema.parse({
    type: 'koha',
    base_url: kohaBaseURL,
    client_id_env: 'KOHA_CLIENT_ID',
    client_secret_env: 'KOHA_CLIENT_SECRET',
    ill_requests: true,
    ...overrides,
  });
  const issues: Issue[] = [];
  return { ...kohaSystem.build(settings, { env: environment, now, path: ['connectors', 'systems', 'koha'], name: 'koha', http: { sleep: async () => {} } }, issues), issues };
}
const urls = () => sent.map((request) => new URL(request.url));
const paths = () => sent.map((request) => `${request.method} ${new URL(request.url).pathname.replace('/api/v1', '')}`);

describe('Koha patrons', () => {
  it('gets a client-credentials token, finds the patron by e-mail and reads checkouts (all pages), holds, account and ILL requests', async () => {
    const { patrons } = koha();
    const context = await patrons!.findPatron({ email: 'mateo.reyes@northfield.edu' });

    expect(paths()[0]).toBe('POST /oauth/token');
    expect(Object.fromEntries(new URLSearchParams(await sent[0]!.text()))).toEqual({
      grant_type: 'client_credentials',
      client_id: kohaClient.id,
      client_secret: kohaClient.secret,
    });
    expect(sent[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    for (const request of sent.slice(1)) expect(request.headers.get('authorization')).toBe('Bearer koha-access-token-1');
    expect(urls()[1]!.searchParams.get('q')).toBe('{"email":"mateo.reyes@northfield.edu"}');
    // Only the patron's own checkouts endpoint accepts item.biblio; GET /checkouts answers 400 to it.
    const checkoutPages = sent.filter((request) => request.url.includes('/checkouts'));
    expect(checkoutPages.map((request) => new URL(request.url).pathname)).toEqual(['/api/v1/patrons/4211/checkouts', '/api/v1/patrons/4211/checkouts']);
    expect(checkoutPages.map((request) => new URL(request.url).searchParams.get('_page'))).toEqual(['1', '2']);
    expect(checkoutPages[0]!.headers.get('x-koha-embed')).toBe('item.biblio');
    // /holds embeds no biblio: the titles come from one /biblios call for both holds.
    const holds = sent.find((request) => request.url.includes('/holds'))!;
    expect(holds.headers.get('x-koha-embed')).toBeNull();
    expect(new URL(holds.url).searchParams.get('patron_id')).toBe('4211');
    const titleLookups = urls().filter((url) => url.pathname.endsWith('/biblios'));
    expect(titleLookups.map((url) => url.searchParams.get('q'))).toEqual(['{"biblio_id":[88,89]}']);
    expect(urls().find((url) => url.pathname.endsWith('/ill/requests'))!.searchParams.get('q')).toBe('{"patron_id":4211}');

    expect(context!.identity).toEqual({
      id: '4211',
      name: 'Mateo Reyes',
      email: 'mateo.reyes@northfield.edu',
      barcode: '21234004010377',
      username: 'mreyes',
      patronType: 'UG',
      expiresOn: '2026-06-30',
    });
    expect(context!.loans).toHaveLength(105);
    expect(context!.loans.filter((loan) => loan.isOverdue)).toHaveLength(2);
    expect(context!.loans[0]).toEqual({
      title: 'Cell Biology Primer 1',
      author: 'Lindqvist, Sara',
      barcode: '39000031000',
      dueAt: '2025-02-20T23:59:00+00:00',
      isOverdue: true,
      renewals: 1,
    });
    expect(context!.holds.map((hold) => [hold.title, hold.status])).toEqual([
      ['Field Guide to Wetlands', 'Waiting for pickup'],
      ['Genes in Motion', 'Waiting in the queue'],
    ]);
    expect(context!.standing).toEqual({
      blocks: [{ code: 'restricted', message: 'Account restricted (debarred) in Koha', source: 'manual' }],
      fines: [
        { amount: 85, reason: 'Lost item: Cell Biology Primer 3', createdAt: '2025-02-01T09:00:00+00:00' },
        { amount: 6.25, reason: 'OVERDUE', createdAt: '2025-02-21T00:05:00+00:00' },
      ],
      currency: 'USD',
    });
    expect(context!.illRequests).toEqual([{ transactionNumber: '77', title: 'Microbial Mats', requestType: 'Loan', status: 'REQ', updatedAt: '2025-03-02T08:00:00+00:00' }]);
  });

  it('names the patron type as the library calls the category, so routing rules match it', async () => {
    const context = await koha({ ill_requests: false, patron_types: { UG: 'Undergraduate', FAC: 'Faculty' } }).patrons!.findPatron({ barcode: '21234004010377' });
    expect(context!.identity.patronType).toBe('Undergraduate');
    expect((await koha({ ill_requests: false }).patrons!.findPatron({ barcode: '21234004010377' }))!.identity.patronType).toBe('UG');
  });

  it('finds by card number and by username, and answers null for nobody', async () => {
    const { patrons } = koha({ ill_requests: false });
    expect((await patrons!.findPatron({ barcode: '21234004010377' }))?.identity.id).toBe('4211');
    expect((await patrons!.findPatron({ username: 'mreyes' }))?.identity.id).toBe('4211');
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    const queries = urls().filter((url) => url.pathname.endsWith('/patrons')).map((url) => url.searchParams.get('q'));
    expect(queries).toEqual(['{"cardnumber":"21234004010377"}', '{"userid":"mreyes"}', '{"email":"nobody@northfield.edu"}']);
    expect(paths().filter((path) => path.includes('/ill/'))).toEqual([]);
    expect(paths().filter((path) => path.startsWith('POST'))).toHaveLength(1);
  });

  it('uses basic authentication when configured so', async () => {
    server.use(
      http.get(`${kohaBaseURL}/api/v1/patrons`, ({ request }) =>
        request.headers.get('authorization') === `Basic ${Buffer.from('liaison:pw').toString('base64')}` ? HttpResponse.json([]) : new HttpResponse(null, { status: 401 }),
      ),
    );
    const { patrons, issues } = koha(
      { auth: 'basic', client_id_env: undefined, client_secret_env: undefined, username_env: 'KOHA_USER', password_env: 'KOHA_PASSWORD' },
      { KOHA_USER: 'liaison', KOHA_PASSWORD: 'pw' },
    );
    expect(issues).toEqual([]);
    expect(await patrons!.findPatron({ email: 'x@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['GET /patrons']);
  });

  it('reports a refused client as unauthorised, naming the variables and not the secret', async () => {
    const { patrons } = koha({}, { KOHA_CLIENT_ID: kohaClient.id, KOHA_CLIENT_SECRET: 'wrong-secret' });
    const error = (await patrons!.findPatron({ email: 'mateo.reyes@northfield.edu' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('connector_unauthorized');
    expect(error.status).toBe(403);
    expect(error.message).toContain('check KOHA_CLIENT_ID and KOHA_CLIENT_SECRET');
    expect(error.message + JSON.stringify(error) + error.stack).not.toMatch(/wrong-secret|mateo/);
  });

  it('asks for the settings of the chosen authentication', () => {
    const parsed = kohaSettingsSchema.safeParse({ type: 'koha', base_url: kohaBaseURL, client_id_env: 'KOHA_CLIENT_ID' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['client_secret_env'], 'is missing; name the variable holding the API client (or write auth: basic with username_env and password_env)'],
    ]);
  });

  it('looks hold titles up in batches of 50, at most 100 titles, and leaves a title Koha does not return untitled', async () => {
    const manyHolds = Array.from({ length: 130 }, (_, index) => ({
      hold_id: 500 + index,
      patron_id: kohaPatron.patron_id,
      biblio_id: index < 2 ? 88 : 1000 + index, // two holds on one biblio: asked for once
      hold_date: '2025-03-02',
      status: null,
      pickup_library_id: 'MAIN',
      timestamp: '2025-03-02T09:00:00+00:00',
    }));
    server.use(http.get(`${kohaBaseURL}/api/v1/holds`, ({ request }) => {
      const page = Number(new URL(request.url).searchParams.get('_page'));
      return HttpResponse.json(manyHolds.slice((page - 1) * 100, page * 100));
    }));
    const context = await koha({ ill_requests: false }).patrons!.findPatron({ email: 'mateo.reyes@northfield.edu' });
    const lookups = urls().filter((url) => url.pathname.endsWith('/biblios')).map((url) => JSON.parse(url.searchParams.get('q')!) as { biblio_id: number[] });
    expect(lookups.map((filter) => filter.biblio_id.length)).toEqual([50, 50]);
    expect(new Set(lookups.flatMap((filter) => filter.biblio_id)).size).toBe(100);
    expect(context!.holds).toHaveLength(130);
    expect(context!.holds.slice(0, 2).map((hold) => hold.title)).toEqual(['Field Guide to Wetlands', 'Field Guide to Wetlands']);
    expect(context!.holds[2]!.title).toBe('Untitled');
  });

  it('says client credentials are turned off in Koha when the token endpoint answers 400 "Unimplemented grant type"', async () => {
    kohaSettings.clientCredentials = false;
    try {
      const error = (await koha().patrons!.findPatron({ email: 'mateo.reyes@northfield.edu' }).catch((e: unknown) => e)) as ConnectorError;
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error.code).toBe('connector_unauthorized');
      expect(error.status).toBe(400);
      expect(error.message).toBe(
        'Koha POST /oauth/token: does not accept client credentials (HTTP 400, "Unimplemented grant type"); turn on the system preference RESTOAuth2ClientCredentials in Koha (Administration › System preferences › Web services), or write auth: basic with a staff login',
      );
    } finally {
      kohaSettings.clientCredentials = true;
    }
  });

  it('times out a slow Koha', async () => {
    server.use(
      http.get(`${kohaBaseURL}/api/v1/patrons`, async () => {
        await delay(300);
        return HttpResponse.json([]);
      }),
    );
    const error = (await koha({ timeout_ms: 100 }).patrons!.findPatron({ email: 'x@northfield.edu' }).catch((e: unknown) => e)) as ConnectorError;
    expect(error.message).toBe('Koha GET /patrons: timed out after 100 ms');
  });

  it('check: one patron page of one', async () => {
    expect(await koha().check()).toBe('1 patron found for a test query');
    expect(urls().at(-1)!.searchParams.get('_per_page')).toBe('1');
  });
});

describe('Koha access check', () => {
  it('reads every endpoint the connector uses once and finds nothing missing', async () => {
    expect(await koha().checkAccess!()).toEqual([]);
    expect(paths().filter((path) => path.startsWith('GET')).sort()).toEqual([
      'GET /biblios',
      'GET /holds',
      'GET /ill/requests',
      'GET /patrons',
      'GET /patrons/0/account',
      'GET /patrons/0/checkouts',
    ]);
  });

  it('names the permissions Koha says the API user lacks, and a module that is off', async () => {
    kohaSettings.refusedPermissions = { holds: { reserveforothers: 'place_holds' }, account: { borrowers: 'edit_borrowers' } };
    kohaSettings.illModule = false;
    try {
      expect(await koha().checkAccess!()).toEqual([
        {
          reads: 'holds',
          call: 'GET /holds',
          problem: 'lacks the permission reserveforothers: place_holds',
          remedy: "in Koha, open the API user's patron record › More › Set permissions and tick reserveforothers: place_holds",
        },
        {
          reads: 'fines (the patron account)',
          call: 'GET /patrons/{id}/account',
          problem: 'lacks the permission borrowers: edit_borrowers',
          remedy: "in Koha, open the API user's patron record › More › Set permissions and tick borrowers: edit_borrowers",
        },
        {
          reads: 'ILL requests',
          call: 'GET /ill/requests',
          problem: 'answers 404 (not found)',
          remedy: 'turn on the ILLModule system preference (Koha 23.11 or later), or set ill_requests: false for this system',
        },
      ]);
    } finally {
      kohaSettings.refusedPermissions = {};
      kohaSettings.illModule = true;
    }
  });
});

describe('Koha ILL requests (the hub looks a request up when its page shows it in part)', () => {
  it('finds a request by the number its pages show, ILL- prefixed or bare, with the citation from its extended attributes', async () => {
    const { illRequests } = koha();
    const expected = {
      TransactionNumber: 'ILL-1219',
      RequestType: 'Loan',
      DocumentType: 'book',
      LoanTitle: 'Braiding sweetgrass',
      LoanAuthor: 'Wall Kimmerer, Robin',
      LoanDate: '2013',
      ISSN: '9781571313560',
      CreationDate: '2025-03-04',
    };
    expect(await illRequests!.getTransaction('ILL-1219')).toEqual(expected);
    const asked = urls().at(-1)!;
    expect(asked.pathname).toBe('/api/v1/ill/requests');
    expect(JSON.parse(asked.searchParams.get('q')!)).toEqual({ ill_request_id: 1219 });
    expect(sent.at(-1)!.headers.get('x-koha-embed')).toBe('extended_attributes,biblio');
    expect(await illRequests!.getTransaction('1219')).toEqual({ ...expected, TransactionNumber: '1219' });
  });

  it('answers null for a number Koha does not know, one that is not a Koha number, and when the ILL module is off', async () => {
    const { illRequests } = koha();
    expect(await illRequests!.getTransaction('ILL-4040')).toBeNull();
    const before = sent.length;
    expect(await illRequests!.getTransaction('RS-12 OR 1=1')).toBeNull();
    expect(sent.length).toBe(before); // not asked at all
    kohaSettings.illModule = false;
    try {
      expect(await illRequests!.getTransaction('ILL-1219')).toBeNull();
    } finally {
      kohaSettings.illModule = true;
    }
  });

  it('is an ILL system only when ill_requests is on', () => {
    expect(koha({ ill_requests: false }).illRequests).toBeUndefined();
  });
});

describe('Koha holdings', () => {
  it('looks the ISBN up in biblios in both its 13- and 10-digit forms', async () => {
    const { holdings } = koha();
    expect(await holdings!.isHeld({ isbns: ['9780306406157'] })).toEqual({ value: true, source: 'Koha catalogue', asOf: '2025-03-10T12:00:00.000Z' });
    expect(urls().at(-1)!.searchParams.get('q')).toBe(kohaBiblioQuery(['9780306406157']));
    expect(JSON.parse(kohaBiblioQuery(['9780306406157'])!)).toEqual([{ isbn: { '-like': '%9780306406157%' } }, { isbn: { '-like': '%0306406152%' } }]);
    expect((await holdings!.isHeld({ isbns: ['9781234567897'] }))?.value).toBe(false);
    expect(await holdings!.isHeld({ isbns: [] })).toBeUndefined();
  });
});
