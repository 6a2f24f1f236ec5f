import { describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { connectorsSchema, formatIssue, LiaisonError } from '@liaison/core';
import { memoryCache } from './cache.js';
import { createConnectorsFromPolicy, connectorSettingsIssues } from './from-policy.js';
import { folioBaseURL, folioCredentials, folioHandlers, folioTenant, folioUuid } from './handlers/folio.js';
import { illiadApiKey, illiadBaseURL, illiadHandlers } from './handlers/illiad.js';
import { contractServer } from './handlers/contract-server.js';

// FOLIO's exchanges are held to its published schemas; ILLiad publishes none.
const { server, sent } = contractServer('folio', folioBaseURL, ...folioHandlers, ...illiadHandlers);

const now = () => new Date('2025-03-10T12:00:00Z');
const env = { FOLIO_USER: folioCredentials.username, FOLIO_PASSWORD: folioCredentials.password, ILLIAD_API_KEY: illiadApiKey };
const systems = {
  folio: { base_url: folioBaseURL, tenant: folioTenant, username_env: 'FOLIO_USER', password_env: 'FOLIO_PASSWORD' },
  illiad: { base_url: illiadBaseURL, api_key_env: 'ILLIAD_API_KEY', match_by: 'username' },
};
const quick = { sleep: async () => {}, random: () => 0.5 };
const paths = () => sent.map((request) => `${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`);

function problems(section: unknown, environment: Record<string, string> = env): string[] {
  return connectorSettingsIssues(connectorsSchema.parse(section), environment).map(formatIssue);
}

describe('createConnectorsFromPolicy', () => {
  it('gives the demo library for every list when the policy names nothing', async () => {
    const connectors = createConnectorsFromPolicy(connectorsSchema.parse({}), { env: {}, now });
    expect(connectors.patrons.map((source) => source.system)).toEqual(['Demo ILS']);
    expect(connectors.prices.map((source) => source.system)).toEqual(['Demo vendor']);
    expect(connectors.describe()).toEqual(['demo: demo library (Northfield University, seed 1874)']);
    const found = await connectors.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(found.kind).toBe('found');
  });

  it('builds each list in the policy order, each system once', () => {
    const connectors = createConnectorsFromPolicy(
      connectorsSchema.parse({ patron: ['folio', 'illiad'], holdings: ['folio', 'demo'], price: ['demo'], ill: ['illiad'], systems }),
      { env, now },
    );
    expect(connectors.patrons.map((source) => source.system)).toEqual(['FOLIO', 'ILLiad']);
    expect(connectors.holdings.map((source) => source.system)).toEqual(['FOLIO', 'Demo ILS']);
    expect(connectors.illRequests.map((source) => source.system)).toEqual(['ILLiad']);
    expect(connectors.systems.map((system) => system.name)).toEqual(['folio', 'illiad', 'demo']);
    expect(connectors.describe()).toEqual([
      `folio: FOLIO at ${folioBaseURL} (tenant ${folioTenant})`,
      `illiad: ILLiad Web Platform at ${illiadBaseURL} (patrons matched by username)`,
      'demo: demo library (Northfield University, seed 1874)',
    ]);
    expect(JSON.stringify(connectors.describe())).not.toContain(folioCredentials.password);
  });

  it('names every problem with its path in the file and a remedy', () => {
    expect(
      problems({
        patron: ['folo', 'illiad'],
        price: ['illiad'],
        systems: {
          folo: { base_url: 'okapi.example.edu', tenant: 'x', username_env: 'FOLIO_USER', password_env: 'FOLIO_PASSWORD' },
          illiad: { base_url: illiadBaseURL, api_key_env: 'ILLIAD_KEY', mach_by: 'username' },
        },
      }),
    ).toEqual([
      'connectors.systems.folo.type: is missing, and "folo" is not itself a type of system; did you mean type: folio?',
      'connectors.systems.illiad.mach_by: is not one of the illiad settings; did you mean "match_by"?',
    ]);
    const types = 'demo, folio, alma, koha, sierra, illiad, vendor-price-file, google-books, doab, unpaywall';
    expect(problems({ patron: ['sirsi'] })).toEqual([`connectors.systems.sirsi: "sirsi" is not configured; add connectors.systems.sirsi with a type (one of: ${types}) and its settings`]);
    expect(problems({ patron: ['koha2'] })).toEqual([
      `connectors.systems.koha2: "koha2" is not configured; did you mean "koha"? or add connectors.systems.koha2 with a type (one of: ${types}) and its settings`,
    ]);
    expect(problems({ patron: ['main'], systems: { main: { type: 'folo' } } })).toEqual(['connectors.systems.main.type: "folo" is not a system Liaison knows; did you mean "folio"?']);
  });

  it('says what is missing, what is misspelt, and which secret is not in the environment', () => {
    expect(problems({ patron: ['folio'], systems: { folio: { tennant: 'x', username_env: 'FOLIO_USER', password_env: 'folio-s3cret!' } } }, {})).toEqual([
      'connectors.systems.folio.base_url: is missing; add base_url under connectors.systems.folio',
      'connectors.systems.folio.tenant: is missing; add tenant under connectors.systems.folio',
      'connectors.systems.folio.password_env: is not an environment variable name; write one such as "FOLIO_PASSWORD", not the secret itself',
      'connectors.systems.folio.tennant: is not one of the folio settings; did you mean "tenant"?',
    ]);
    expect(problems({ patron: ['folio'], systems }, {})).toEqual([
      "connectors.systems.folio.username_env: the environment variable FOLIO_USER is not set; set FOLIO_USER in the hub's environment (the secret itself never goes in the policy file)",
      "connectors.systems.folio.password_env: the environment variable FOLIO_PASSWORD is not set; set FOLIO_PASSWORD in the hub's environment (the secret itself never goes in the policy file)",
    ]);
    expect(problems({ patron: ['demo'], price: ['illiad'], systems })).toEqual([
      'connectors.price[0]: illiad (ILLiad) does not answer for prices; use one of: demo, vendor-price-file, google-books',
    ]);
  });

  it('throws a policy_invalid LiaisonError carrying the issues', () => {
    const error = (() => {
      try {
        createConnectorsFromPolicy(connectorsSchema.parse({ patron: ['koha2'] }), { env, now });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LiaisonError);
    expect((error as LiaisonError).code).toBe('policy_invalid');
    expect((error as LiaisonError).issues[0]!.path).toEqual(['connectors', 'systems', 'koha2']);
  });
});

describe('findPatron across an ILS and ILLiad', () => {
  const section = connectorsSchema.parse({ patron: ['folio', 'illiad'], ill: ['illiad'], systems });

  it('looks ILLiad up by the username of the FOLIO record and merges both', async () => {
    const connectors = createConnectorsFromPolicy(section, { env, now, http: quick });
    const found = await connectors.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(paths()).toContain('GET /ILLiadWebPlatform/Users/aokafor');
    expect(found.context.identity.patronType).toBe('graduate'); // FOLIO is first: its identity wins
    expect(found.context.identity.affiliation).toBe('History'); // filled in from ILLiad
    expect(found.context.loans).toHaveLength(120);
    expect(found.context.illRequests.map((request) => request.transactionNumber)).toEqual(['482394', '482201']);
    expect(found.context.missing).toEqual([]);
  });

  it('returns what FOLIO gave and names ILLiad when ILLiad fails', async () => {
    server.use(http.get(`${illiadBaseURL}/Users/:username`, () => new HttpResponse(null, { status: 401 })));
    const errors: string[] = [];
    const connectors = createConnectorsFromPolicy(section, { env, now, http: quick, onError: (system) => errors.push(system) });
    const found = await connectors.findPatron({ barcode: '21234004000006' });
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.context.loans).toHaveLength(120);
    expect(found.context.illRequests).toEqual([]);
    expect(found.context.missing).toEqual([
      {
        source: 'ILLiad',
        reason: "ILLiad GET /Users/{username}: refused our credentials (HTTP 401); check ILLIAD_API_KEY and that the key is in ILLiad's WebPlatformConfig table",
      },
    ]);
    expect(errors).toEqual(['ILLiad']);
  });

  it('asks ILLiad at once when staff gave the field it is matched by, and still answers when FOLIO is down', async () => {
    server.use(http.post(`${folioBaseURL}/authn/login-with-expiry`, () => new HttpResponse(null, { status: 500 })));
    const connectors = createConnectorsFromPolicy(
      connectorsSchema.parse({ patron: ['folio', 'illiad'], systems: { ...systems, illiad: { ...systems.illiad, match_by: 'barcode' } } }),
      { env, now, http: quick },
    );
    const found = await connectors.findPatron({ barcode: '21234004000006' });
    expect(found.kind).toBe('found');
    if (found.kind !== 'found') return;
    expect(found.context.identity.username).toBe('aokafor');
    expect(found.context.missing).toEqual([{ source: 'FOLIO', reason: 'FOLIO POST /authn/login-with-expiry: is unavailable (HTTP 500) after 4 attempts' }]);
  });

  it('is unavailable when every system fails, and not found when none has the patron', async () => {
    const connectors = createConnectorsFromPolicy(section, { env, now, http: quick });
    expect(await connectors.findPatron({ email: 'nobody@northfield.edu' })).toEqual({ kind: 'not_found', missing: [] });
    server.use(
      http.post(`${folioBaseURL}/authn/login-with-expiry`, () => new HttpResponse(null, { status: 503 })),
      http.get(`${illiadBaseURL}/Users/:username`, () => new HttpResponse(null, { status: 503 })),
    );
    const fresh = createConnectorsFromPolicy(section, { env, now, http: quick });
    const down = await fresh.findPatron({ email: 'amara.okafor@northfield.edu', username: 'aokafor' });
    expect(down.kind).toBe('unavailable');
  });

  it('names ILLiad as not asked when the FOLIO record has no username to match', async () => {
    server.use(
      http.get(`${folioBaseURL}/users`, () =>
        HttpResponse.json({ users: [{ id: folioUuid('05e5', 2), active: true, personal: { lastName: 'Reyes', email: 'mateo.reyes@northfield.edu' } }], totalRecords: 1 }),
      ),
    );
    const connectors = createConnectorsFromPolicy(section, { env, now, http: quick });
    const found = await connectors.findPatron({ email: 'mateo.reyes@northfield.edu' });
    expect(found.kind === 'found' && found.context.missing).toEqual([{ source: 'ILLiad', reason: 'not asked: the FOLIO record has no username to match' }]);
  });

  it('reuses cached answers for cache_seconds', async () => {
    const connectors = createConnectorsFromPolicy(connectorsSchema.parse({ ...section, cache_seconds: 60 }), {
      env,
      now,
      http: quick,
      cache: memoryCache({ now }),
    });
    await connectors.findPatron({ email: 'amara.okafor@northfield.edu' });
    const first = sent.length;
    const again = await connectors.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(again.kind).toBe('found');
    expect(sent.length).toBe(first);
  });

  it('does not cache systems that answer from memory or a local file, like the demo library', async () => {
    const store = memoryCache({ now });
    let writes = 0;
    const counting = { get: store.get, set: async (...args: Parameters<typeof store.set>) => { writes++; await store.set(...args); } };
    const connectors = createConnectorsFromPolicy(connectorsSchema.parse({ patron: ['demo'], holdings: ['demo'], cache_seconds: 60 }), { env, now, cache: counting });
    expect((await connectors.findPatron({ email: 'amara.okafor@northfield.edu' })).kind).toBe('found');
    await connectors.holdings[0]!.isHeld({ isbns: ['9780306406157'] });
    expect(writes).toBe(0);
  });
});

