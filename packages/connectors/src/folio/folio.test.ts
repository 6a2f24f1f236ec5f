import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import type { Issue } from '@liaison/core';
import { ConnectorError } from '../errors.js';
import {
  folioBaseURL,
  folioCredentials,
  folioHandlers,
  folioHeldIsbn,
  folioMissingPermissions,
  folioTenant,
  folioToken,
  folioUser,
  folioUuid,
} from '../handlers/folio.js';
import { folioSystem } from './index.js';
import { folioSettingsSchema } from './settings.js';
import { contractServer } from '../handlers/contract-server.js';

const { server, sent } = contractServer('folio', folioBaseURL, ...folioHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const env = { FOLIO_USER: folioCredentials.username, FOLIO_PASSWORD: folioCredentials.password };

function folio(overrides: Record<string, unknown> = {}, environment: Record<string, string> = env) {
  const settings = folioSettingsSchema.parse({
    type: 'folio',
    base_url: `${folioBaseURL}/`,
    tenant: folioTenant,
    username_env: 'FOLIO_USER',
    password_env: 'FOLIO_PASSWORD',
    ...overrides,
  });
  const issues: Issue[] = [];
  const built = folioSystem.build(settings, { env: environment, now, path: ['connectors', 'systems', 'folio'], name: 'folio', http: { sleep: async () => {}, random: () => 0.5 } }, issues);
  return { ...built, issues };
}

const urls = () => sent.map((request) => new URL(request.url));
const paths = () => sent.map((request) => `${request.method} ${new URL(request.url).pathname}`);

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('FOLIO patrons', () => {
  it('logs in with the tenant, finds the user by personal.email and gathers loans (all pages), requests, fees and blocks', async () => {
    const { patrons, issues } = folio();
    expect(issues).toEqual([]);
    const context = await patrons!.findPatron({ email: 'amara.okafor@northfield.edu' });

    // The login: tenant header, JSON credentials.
    const login = sent[0]!;
    expect(`${login.method} ${new URL(login.url).pathname}`).toBe('POST /authn/login-with-expiry');
    expect(login.headers.get('x-okapi-tenant')).toBe(folioTenant);
    expect(await login.json()).toEqual(folioCredentials);

    const users = urls().find((url) => url.pathname === '/users')!;
    expect(users.searchParams.get('query')).toBe('personal.email=="amara.okafor@northfield.edu"');
    expect(users.searchParams.get('limit')).toBe('2');
    for (const request of sent.slice(1)) {
      expect(request.headers.get('x-okapi-token')).toBe(folioToken);
      expect(request.headers.get('x-okapi-tenant')).toBe(folioTenant);
    }
    const loanPages = urls().filter((url) => url.pathname === '/circulation/loans');
    expect(loanPages.map((url) => [url.searchParams.get('offset'), url.searchParams.get('limit')])).toEqual([
      ['0', '100'],
      ['100', '100'],
    ]);
    expect(loanPages[0]!.searchParams.get('query')).toBe(`userId=="${folioUser.id}" and status.name==Open sortby dueDate`);
    expect(urls().find((url) => url.pathname === '/circulation/requests')!.searchParams.get('query')).toBe(
      `requesterId=="${folioUser.id}" and status=="Open*"`,
    );
    expect(paths()).toContain(`GET /automated-patron-blocks/${folioUser.id}`);
    expect(paths()).toContain(`GET /groups/${folioUser.patronGroup}`);

    expect(context!.identity).toEqual({
      id: folioUser.id,
      name: 'Amara Okafor',
      email: 'amara.okafor@northfield.edu',
      barcode: '21234004000006',
      username: 'aokafor',
      patronType: 'graduate',
      // The user's department (mod-users /departments), as the affiliation.
      affiliation: 'History',
      expiresOn: '2027-05-31',
    });
    expect(urls().find((url) => url.pathname === '/departments')!.searchParams.get('query')).toBe('id==("d3a1f0c2-7b4e-4f6a-9c1d-2e5b8a7f6c10")');
    expect(context!.missing).toEqual([]);
    expect(context!.loans).toHaveLength(120);
    expect(context!.loans[0]).toEqual({
      title: 'Rivers of Memory, volume 1',
      author: 'Adeyemi, Folake',
      barcode: '39000001000',
      dueAt: '2025-03-04T23:59:00.000+00:00',
      isOverdue: true,
      renewals: 0,
    });
    expect(context!.loans[1]!.isOverdue).toBe(false);
    expect(context!.holds).toEqual([
      {
        title: 'The Salt Roads',
        status: 'Open - Awaiting pickup',
        placedAt: '2025-03-01T09:00:00.000+00:00',
        pickupLocation: 'Main Library Circulation',
        expiresAt: '2025-03-14T23:59:00.000+00:00',
      },
      // No instance copy, and a request's item holds only the barcode: staff get the barcode to look up.
      { title: 'Item 39000007712', status: 'Open - Not yet filled', placedAt: '2025-03-03T15:30:00.000+00:00' },
    ]);
    expect(context!.standing).toEqual({
      blocks: [
        { code: 'manual:borrowing,requests', message: 'Please visit the circulation desk', source: 'manual' },
        { code: 'automated:borrowing', message: 'Maximum outstanding fee/fine balance reached', source: 'automated' },
      ],
      fines: [{ amount: 6.5, reason: 'Overdue fine', title: 'Lanterns of the Delta', createdAt: '2025-02-20T08:00:00.000+00:00' }],
      currency: 'USD',
    });
  });

  it('keeps the patron when the departments cannot be read, naming what is missing', async () => {
    folioMissingPermissions.add('departments.collection.get');
    try {
      const context = await folio().patrons!.findPatron({ email: 'amara.okafor@northfield.edu' });
      expect(context!.identity.affiliation).toBeUndefined();
      expect(context!.identity.patronType).toBe('graduate');
      expect(context!.missing).toEqual([
        {
          source: 'FOLIO departments',
          reason: 'FOLIO GET /departments: refused: the API user lacks the permission departments.collection.get (HTTP 403); grant it to the user Liaison signs in as, in FOLIO',
        },
      ]);
    } finally {
      folioMissingPermissions.clear();
    }
  });

  it('finds by barcode or username with the matching CQL index, and escapes quotes', async () => {
    const { patrons } = folio();
    expect((await patrons!.findPatron({ barcode: '21234004000006' }))?.identity.id).toBe(folioUser.id);
    expect((await patrons!.findPatron({ username: 'aokafor' }))?.identity.id).toBe(folioUser.id);
    expect(await patrons!.findPatron({ email: 'x" or barcode=="21234004000006' })).toBeNull();
    const queries = urls().filter((url) => url.pathname === '/users').map((url) => url.searchParams.get('query'));
    expect(queries).toEqual(['barcode=="21234004000006"', 'username=="aokafor"', 'personal.email=="x\\" or barcode==\\"21234004000006"']);
  });

  it('answers null for an unknown e-mail without asking for loans', async () => {
    const { patrons } = folio();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['POST /authn/login-with-expiry', 'GET /users']);
    expect(await patrons!.findPatron({})).toBeNull();
  });

  it('logs in once and reuses the token until it nears expiry', async () => {
    const { patrons } = folio();
    await patrons!.findPatron({ email: 'nobody@northfield.edu' });
    await patrons!.findPatron({ email: 'nobody2@northfield.edu' });
    expect(paths().filter((path) => path.startsWith('POST'))).toHaveLength(1);
  });

  it('logs in again once when FOLIO answers 401 (a revoked token)', async () => {
    let refused = false;
    server.use(
      http.get(`${folioBaseURL}/users`, () => {
        if (refused) return undefined; // fall through to the documented handler
        refused = true;
        return new HttpResponse('Invalid token', { status: 401 });
      }),
    );
    const { patrons } = folio();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['POST /authn/login-with-expiry', 'GET /users', 'POST /authn/login-with-expiry', 'GET /users']);
  });

  it('falls back to the legacy /authn/login (x-okapi-token header) on releases without expiring tokens', async () => {
    server.use(
      http.post(`${folioBaseURL}/authn/login-with-expiry`, () => new HttpResponse('Not found', { status: 404 })),
      http.post(`${folioBaseURL}/authn/login`, () =>
        HttpResponse.json({ okapiToken: folioToken }, { status: 201, headers: { 'x-okapi-token': folioToken } }),
      ),
    );
    const { patrons } = folio();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths()).toEqual(['POST /authn/login-with-expiry', 'POST /authn/login', 'GET /users']);
  });

  it('reports a refused login as unauthorised, naming the variables and never the password', async () => {
    const { patrons } = folio({}, { FOLIO_USER: 'liaison-reader', FOLIO_PASSWORD: 'wrong-password' });
    const error = await failure(patrons!.findPatron({ email: 'amara.okafor@northfield.edu' }));
    expect(error.code).toBe('connector_unauthorized');
    expect(error.status).toBe(422);
    expect(error.message).toBe('FOLIO POST /authn/login-with-expiry: refused our login (HTTP 422); check FOLIO_USER and FOLIO_PASSWORD');
    expect(JSON.stringify(error) + error.stack).not.toMatch(/wrong-password|amara/);
  });

  it('names missing secrets as issues with the settings path', () => {
    const { issues } = folio({}, { FOLIO_USER: 'liaison-reader' });
    expect(issues).toEqual([
      {
        path: ['connectors', 'systems', 'folio', 'password_env'],
        message: 'the environment variable FOLIO_PASSWORD is not set',
        hint: "set FOLIO_PASSWORD in the hub's environment (the secret itself never goes in the policy file)",
      },
    ]);
  });

  it('waits out a 429 with Retry-After and carries on', async () => {
    let calls = 0;
    server.use(
      http.get(`${folioBaseURL}/users`, () => (++calls === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }) : undefined)),
    );
    const { patrons } = folio();
    expect(await patrons!.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(paths().filter((path) => path === 'GET /users')).toHaveLength(2);
  });

  it('turns a slow FOLIO into connector_timeout naming the call', async () => {
    server.use(
      http.get(`${folioBaseURL}/users`, async () => {
        await delay(300);
        return HttpResponse.json({ users: [], totalRecords: 0 });
      }),
    );
    const { patrons } = folio({ timeout_ms: 100 });
    const error = await failure(patrons!.findPatron({ email: 'amara.okafor@northfield.edu' }));
    expect(error.code).toBe('connector_timeout');
    expect(error.message).toBe('FOLIO GET /users: timed out after 100 ms');
  });

  it('refuses to guess between two active users with one e-mail', async () => {
    server.use(
      http.get(`${folioBaseURL}/users`, () =>
        HttpResponse.json({ users: [folioUser, { ...folioUser, id: folioUuid('05e5', 2) }], totalRecords: 2 }),
      ),
    );
    const { patrons } = folio();
    const error = await failure(patrons!.findPatron({ email: 'amara.okafor@northfield.edu' }));
    expect(error.code).toBe('connector_ambiguous');
    expect(error.message).not.toContain('amara');
  });
});

describe('FOLIO holdings', () => {
  it('asks mod-search by ISBN and OCLC number and answers held or not', async () => {
    const { holdings } = folio();
    const held = await holdings!.isHeld({ isbns: [folioHeldIsbn], oclcNumber: '123456789' });
    expect(held).toEqual({ value: true, source: 'FOLIO inventory', asOf: '2025-03-10T12:00:00.000Z' });
    expect(urls().at(-1)!.searchParams.get('query')).toBe(`isbn=="${folioHeldIsbn}" or oclc=="123456789"`);
    expect((await holdings!.isHeld({ isbns: ['9781234567897'] }))?.value).toBe(false);
    expect(await holdings!.isHeld({ isbns: [] })).toBeUndefined();
  });
});

describe('FOLIO access check', () => {
  it('reads every API the connector uses once, on a record no one has, and finds nothing missing', async () => {
    expect(await folio().checkAccess!()).toEqual([]);
    const asked = paths().filter((path) => path.startsWith('GET'));
    expect(asked).toEqual(
      expect.arrayContaining([
        'GET /users',
        'GET /groups/00000000-0000-4000-8000-000000000000',
        'GET /departments',
        'GET /circulation/loans',
        'GET /circulation/requests',
        'GET /accounts',
        'GET /manualblocks',
        'GET /automated-patron-blocks/00000000-0000-4000-8000-000000000000',
        'GET /search/instances',
      ]),
    );
    expect(asked).toHaveLength(9);
  });

  it('names each permission FOLIO says the user lacks, and how to grant it', async () => {
    folioMissingPermissions.add('accounts.collection.get');
    folioMissingPermissions.add('automated-patron-blocks.collection.get');
    try {
      expect(await folio().checkAccess!()).toEqual([
        {
          reads: 'fees and fines',
          call: 'GET /accounts',
          problem: 'lacks the permission accounts.collection.get',
          remedy: "give FOLIO_USER's FOLIO user the permission accounts.collection.get (Settings › Users › Permission sets, or Users › the user › User permissions)",
        },
        {
          reads: 'automated blocks',
          call: 'GET /automated-patron-blocks/{id}',
          problem: 'lacks the permission automated-patron-blocks.collection.get',
          remedy: "give FOLIO_USER's FOLIO user the permission automated-patron-blocks.collection.get (Settings › Users › Permission sets, or Users › the user › User permissions)",
        },
      ]);
    } finally {
      folioMissingPermissions.clear();
    }
  });
});

describe('FOLIO check', () => {
  it('makes one cheap user search and says what it found', async () => {
    const { check } = folio();
    expect(await check()).toBe('3 users found for a test query');
    expect(urls().at(-1)!.searchParams.get('limit')).toBe('1');
  });
});
