import { describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { z } from 'zod';
import { createHttpClient, retryAfterMs, type HttpClientOptions } from './http.js';
import { ConnectorError } from './errors.js';
import { vendorBaseURL, vendorHandlers, vendorTitle, vendorToken } from './handlers/vendor.js';
import { recordingServer } from './handlers/recording-server.js';

const { server, sent } = recordingServer(...vendorHandlers);

const titles = z.object({
  items: z.array(
    z.object({
      isbn: z.string(),
      listPrice: z.object({ amount: z.number(), currency: z.string().length(3) }),
      availability: z.enum(['IN_STOCK', 'OUT_OF_PRINT']),
    }),
  ),
});
const patrons = z.object({ patrons: z.array(z.object({ id: z.string(), email: z.string() })) });
const patronEmail = 'amara.okafor@northfield.edu';

function client(overrides: Partial<HttpClientOptions> = {}) {
  const sleeps: number[] = [];
  const http = createHttpClient({
    system: 'Vendor',
    baseURL: vendorBaseURL,
    auth: { bearer: vendorToken },
    headers: { 'X-Library': 'northfield' },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => new Date('2025-03-10T12:00:00Z'),
    ...overrides,
  });
  return { http, sleeps };
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('createHttpClient', () => {
  it('sends the path, the query and the configured headers, and parses the answer', async () => {
    const { http } = client();
    const answer = await http.get('GET /titles', '/titles', { params: { isbn: [vendorTitle.isbn, '9781234567897'] }, schema: titles });

    // Parsed, not trusted: fields the schema does not name are dropped.
    const { title: _title, ...parsedTitle } = vendorTitle;
    expect(answer.items).toEqual([parsedTitle]);
    expect(sent).toHaveLength(1);
    const url = new URL(sent[0]!.url);
    expect(url.pathname).toBe('/v2/titles');
    expect(url.searchParams.getAll('isbn')).toEqual([vendorTitle.isbn, '9781234567897']);
    expect(sent[0]!.headers.get('authorization')).toBe(`Bearer ${vendorToken}`);
    expect(sent[0]!.headers.get('x-library')).toBe('northfield');
    expect(sent[0]!.headers.get('accept')).toContain('application/json');
  });

  it.each(['/users/..', '/users/../admin', '/users/%2E%2e/loans', '/users/.%2e', '/users/.', '/users/..\\admin', '/titles/../x?isbn=1'])(
    'sends nothing for the path %j, whose dot segment would leave the resource asked for, and answers not found',
    async (path) => {
      const { http } = client();
      const error = await failure(http.get('GET /users/{id}', path, { schema: patrons }));
      expect(error.code).toBe('connector_not_found');
      expect(error.message).toBe('Vendor GET /users/{id}: an identifier with a "." or ".." path segment was not sent');
      expect(sent).toHaveLength(0);
    },
  );

  it('asks a token provider for the current token on each call', async () => {
    let calls = 0;
    const { http } = client({ auth: { bearer: async () => (++calls, vendorToken) } });
    await http.get('GET /patrons', '/patrons', { params: { email: patronEmail }, schema: patrons });
    await http.get('GET /patrons', '/patrons', { params: { email: patronEmail }, schema: patrons });
    expect(calls).toBe(2);
  });

  it('sends basic credentials when configured so', async () => {
    server.use(http.get(`${vendorBaseURL}/titles`, () => HttpResponse.json({ items: [] })));
    const { http: vendor } = client({ auth: { basic: { username: 'liaison', password: 's3cret' } } });
    await vendor.get('GET /titles', '/titles', { schema: titles });
    expect(sent[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('liaison:s3cret').toString('base64')}`);
  });

  it('waits as long as Retry-After (in seconds) says on 429, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${vendorBaseURL}/titles`, () =>
        ++calls === 1 ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '2' } }) : HttpResponse.json({ items: [] }),
      ),
    );
    const { http: vendor, sleeps } = client();
    await expect(vendor.get('GET /titles', '/titles', { params: { isbn: '1' }, schema: titles })).resolves.toEqual({ items: [] });
    expect(sleeps).toEqual([2000]);
    expect(sent).toHaveLength(2);
    // The retry is the same request: same query, same credentials.
    expect(new URL(sent[1]!.url).searchParams.get('isbn')).toBe('1');
    expect(sent[1]!.headers.get('authorization')).toBe(`Bearer ${vendorToken}`);
  });

  it('honours Retry-After given as an HTTP date', async () => {
    let calls = 0;
    server.use(
      http.get(`${vendorBaseURL}/titles`, () =>
        ++calls === 1
          ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': 'Mon, 10 Mar 2025 12:00:03 GMT' } })
          : HttpResponse.json({ items: [] }),
      ),
    );
    const { http: vendor, sleeps } = client();
    await vendor.get('GET /titles', '/titles', { schema: titles });
    expect(sleeps).toEqual([3000]);
  });

  it('gives up at once, as rate limited, when Retry-After asks for longer than the cap', async () => {
    server.use(http.get(`${vendorBaseURL}/titles`, () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3600' } })));
    const { http: vendor, sleeps } = client();
    const error = await failure(vendor.get('GET /titles', '/titles', { schema: titles }));
    expect(error.code).toBe('connector_rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(sleeps).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('retries 503 with exponential backoff and jitter, then succeeds', async () => {
    let calls = 0;
    server.use(
      http.get(`${vendorBaseURL}/titles`, () =>
        ++calls <= 2 ? new HttpResponse('<html>down</html>', { status: 503 }) : HttpResponse.json({ items: [] }),
      ),
    );
    const { http: vendor, sleeps } = client();
    await expect(vendor.get('GET /titles', '/titles', { schema: titles })).resolves.toEqual({ items: [] });
    // 250 ms then 500 ms ceilings; with random() = 0.5 each wait is three quarters of its ceiling.
    expect(sleeps).toEqual([188, 375]);
    expect(sent).toHaveLength(3);
  });

  it('stops after the configured retries and says how many attempts were made', async () => {
    server.use(http.get(`${vendorBaseURL}/titles`, () => new HttpResponse(null, { status: 502 })));
    const { http: vendor, sleeps } = client({ retries: 2 });
    const error = await failure(vendor.get('GET /titles', '/titles', { schema: titles }));
    expect(error.code).toBe('connector_unavailable');
    expect(error.status).toBe(502);
    expect(error.message).toBe('Vendor GET /titles: is unavailable (HTTP 502) after 3 attempts');
    expect(sleeps).toHaveLength(2);
    expect(sent).toHaveLength(3);
  });

  it('retries network failures', async () => {
    let calls = 0;
    server.use(http.get(`${vendorBaseURL}/titles`, () => (++calls === 1 ? HttpResponse.error() : HttpResponse.json({ items: [] }))));
    const { http: vendor } = client();
    await expect(vendor.get('GET /titles', '/titles', { schema: titles })).resolves.toEqual({ items: [] });
    expect(sent).toHaveLength(2);
  });

  it.each([
    [401, 'connector_unauthorized'],
    [403, 'connector_unauthorized'],
    [404, 'connector_not_found'],
    [400, 'connector_bad_response'],
  ] as const)('does not retry HTTP %i (%s)', async (status, code) => {
    server.use(http.get(`${vendorBaseURL}/patrons`, () => HttpResponse.json({ error: `nope for ${patronEmail}` }, { status })));
    const { http: vendor, sleeps } = client();
    const error = await failure(vendor.get('GET /patrons', '/patrons', { params: { email: patronEmail }, schema: patrons }));
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.retryable).toBe(false);
    expect(sleeps).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['FOLIO (Okapi) text', "Access for user 'liaison-reader' (4f0e711c-d583-41e0-9555-b62f1725023f) requires permission: accounts.collection.get", ['accounts.collection.get']],
    ['Koha, one permission', { error: 'Authorization failure. Missing required permission(s).', required_permissions: { borrowers: 'edit_borrowers' } }, ['borrowers: edit_borrowers']],
    ['Koha, alternatives', { error: 'x', required_permissions: [{ circulate: 'circulate_remaining_permissions' }, { circulate: 'manage_bookings' }] }, ['circulate: circulate_remaining_permissions', 'circulate: manage_bookings']],
    ['Koha, a whole module', { error: 'x', required_permissions: { catalogue: '1' } }, ['catalogue']],
  ])('names the permission a 403 says is missing (%s), and nothing else from the body', async (_case, body, permissions) => {
    server.use(http.get(`${vendorBaseURL}/patrons`, () => (typeof body === 'string' ? new HttpResponse(body, { status: 403 }) : HttpResponse.json(body, { status: 403 }))));
    const { http: vendor } = client();
    const error = await failure(vendor.get('GET /patrons', '/patrons', { schema: patrons }));
    expect(error.code).toBe('connector_unauthorized');
    expect(error.missingPermissions).toEqual(permissions);
    expect(error.message).toBe(`Vendor GET /patrons: refused: the API user lacks the permission ${permissions.join(' or ')} (HTTP 403); grant it to the user Liaison signs in as, in Vendor`);
    expect(error.message).not.toMatch(/liaison-reader|4f0e711c/);
  });

  it('names the system, the call and the remedy when credentials are refused', async () => {
    const { http: vendor } = client({ auth: { bearer: 'expired' } });
    const error = await failure(vendor.get('GET /patrons', '/patrons', { params: { email: patronEmail }, schema: patrons }));
    expect(error.message).toBe(
      'Vendor GET /patrons: refused our credentials (HTTP 401); check the API key or token for this system in liaison.config.yaml',
    );
  });

  it('turns a slow answer into connector_timeout, without retrying it', async () => {
    server.use(
      http.get(`${vendorBaseURL}/titles`, async () => {
        await delay(400);
        return HttpResponse.json({ items: [] });
      }),
    );
    const { http: vendor, sleeps } = client({ timeoutMs: 50 });
    const error = await failure(vendor.get('GET /titles', '/titles', { schema: titles }));
    expect(error.code).toBe('connector_timeout');
    expect(error.message).toBe('Vendor GET /titles: timed out after 50 ms');
    expect(error.retryable).toBe(true);
    expect(sleeps).toEqual([]);
  });

  it('fails with connector_bad_response naming the first bad field', async () => {
    server.use(
      http.get(`${vendorBaseURL}/titles`, () =>
        HttpResponse.json({ items: [vendorTitle, { ...vendorTitle, listPrice: { amount: '42.50', currency: 'USD' } }] }),
      ),
    );
    const { http: vendor } = client();
    const error = await failure(vendor.get('GET /titles', '/titles', { schema: titles }));
    expect(error.code).toBe('connector_bad_response');
    expect(error.path).toEqual(['items', 1, 'listPrice', 'amount']);
    expect(error.message).toContain('Vendor GET /titles: answered in an unexpected shape at items[1].listPrice.amount');
  });

  it('rejects a body that is not JSON at all (a login page) as a bad response', async () => {
    server.use(http.get(`${vendorBaseURL}/titles`, () => HttpResponse.html('<html>Sign in</html>')));
    const { http: vendor } = client();
    const error = await failure(vendor.get('GET /titles', '/titles', { schema: titles }));
    expect(error.code).toBe('connector_bad_response');
    expect(error.message).toContain('(the whole body)');
  });

  it('puts no patron e-mail into any error message', async () => {
    const failures = [
      () => new HttpResponse(null, { status: 500 }),
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '99999' } }),
      () => HttpResponse.json({ message: `no patron ${patronEmail}` }, { status: 404 }),
      () => HttpResponse.json({ message: `bad token for ${patronEmail}` }, { status: 401 }),
      () => HttpResponse.json({ patrons: [{ id: 7, email: patronEmail }] }),
      () => HttpResponse.json({ patrons: { [patronEmail]: { id: 'p-1' } } }),
      () => HttpResponse.error(),
    ];
    for (const respond of failures) {
      server.use(http.get(`${vendorBaseURL}/patrons`, respond));
      const { http: vendor } = client();
      const error = await failure(vendor.get('GET /patrons', '/patrons', { params: { email: patronEmail }, schema: patrons }));
      expect(error.message).not.toContain(patronEmail);
      expect(error.message).not.toContain('amara');
      expect(JSON.stringify(error)).not.toContain('amara');
      expect(String(error.stack)).not.toContain('amara');
    }
  });

  it('names calls made straight on the axios instance by a path template, not the real path', async () => {
    server.use(http.get(`${vendorBaseURL}/patrons/:id`, () => new HttpResponse(null, { status: 404 })));
    const { http: vendor } = client();
    const error = await failure(vendor.axios.get(`/patrons/${encodeURIComponent(patronEmail)}`, { params: { expand: 'loans' } }));
    expect(error.call).toBe('GET /patrons/{id}');
    expect(error.message).not.toContain('amara');
  });

  it('rejects with the caller\'s reason when the caller aborts, and does not retry', async () => {
    server.use(
      http.get(`${vendorBaseURL}/titles`, async () => {
        await delay(300);
        return HttpResponse.json({ items: [] });
      }),
    );
    const { http: vendor, sleeps } = client();
    const controller = new AbortController();
    const reason = new Error('staff closed the ticket');
    setTimeout(() => controller.abort(reason), 20);
    await expect(vendor.get('GET /titles', '/titles', { schema: titles, signal: controller.signal })).rejects.toBe(reason);
    expect(sleeps).toEqual([]);
  });
});

describe('retryAfterMs', () => {
  const now = () => new Date('2025-03-10T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 10 Mar 2025 12:01:00 GMT', 60_000],
    ['Mon, 10 Mar 2025 11:00:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j ms', (value, expected) => {
    expect(retryAfterMs(value, now)).toBe(expected);
  });
});
