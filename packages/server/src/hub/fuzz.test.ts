/**
 * A seeded fuzz of the hub's HTTP surface: thousands of malformed requests built from valid ones
 * (NUL characters, lone surrogates, wrong types, missing and unknown fields, bad escapes in paths
 * and queries, odd headers, forged JWT claims), sent in-process. Not one may answer 5xx, and every
 * 4xx must have the documented `{"error":{"code","message"}}` shape. The seed is fixed, so a
 * failure names a request that fails again.
 */
import { errorRegistry, isErrorCode } from '@liaison/core';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './hub-for-tests.js';

const secret = 'fuzz-zendesk-secret-0123456789abcdef';
let hub: TestHub;
let staff: string;
let coordinator: string;
let handoffId: string;
let statusToken: string;

beforeAll(async () => {
  hub = await startTestHub({ zendeskSecret: secret });
  staff = `Bearer ${await hub.token('staff')}`;
  coordinator = `Bearer ${await hub.token('coordinator')}`;
  const created = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { authorization: staff }, payload: { question: 'Fuzz: where is my loan?' } });
  handoffId = created.json().handoff.id as string;
  statusToken = new URL(created.json().statusLink as string).pathname.split('/').pop()!;
}, 60_000);
afterAll(() => hub.close());

/** A small seeded generator (mulberry32), so every run sends the same requests. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Seed {
  method: 'GET' | 'POST';
  url: () => string;
  body?: () => Json;
  role?: 'staff' | 'coordinator';
}

const seeds: Seed[] = [
  { method: 'POST', url: () => '/api/v1/handoffs', body: () => ({ question: 'Why was I fined?', summary: 'Fine query', patron: { email: 'amara.okafor@northfield.edu', barcode: '21450009912345', name: 'Amara Okafor' }, note: 'Called twice' }) },
  { method: 'POST', url: () => `/api/v1/handoffs/${handoffId}/events`, body: () => ({ type: 'info_requested', note: 'Asked for the card number' }) },
  { method: 'POST', url: () => `/api/v1/handoffs/${handoffId}/events`, body: () => ({ type: 'reassigned', department: 'circulation', note: 'Theirs' }) },
  { method: 'POST', url: () => '/api/v1/route', body: () => ({ question: 'Can I renew a book?' }) },
  {
    method: 'POST',
    url: () => '/api/v1/purchase/evaluate',
    body: () => ({ source: 'illiad', requests: [{ TransactionNumber: '12345', RequestType: 'Loan', DocumentType: 'Book', LoanTitle: 'Middlemarch', ISSN: '9780141439549', LoanDate: '2024', CreationDate: '2026-03-09T10:00:00Z' }] }),
  },
  { method: 'POST', url: () => '/api/v1/purchase/overrides', body: () => ({ transactionNumber: '12345', verdict: 'buy', reason: 'Course text' }) },
  { method: 'POST', url: () => '/api/v1/evaluations', body: () => ({ rubricId: 'chat-transcript-review', staffId: 'U-FUZZ', unitId: 'unit-1', channel: 'chat', answers: { accurate: true, 'follow-up': 'na' } }) },
  { method: 'POST', url: () => '/api/v1/calibration', role: 'coordinator', body: () => ({ rubricId: 'chat-transcript-review', unitIds: ['unit-1', 'unit-2'] }) },
  { method: 'GET', url: () => '/api/v1/handoffs?state=open&department=circulation&limit=5' },
  { method: 'GET', url: () => `/api/v1/handoffs/${handoffId}` },
  { method: 'GET', url: () => `/api/v1/handoffs/${handoffId}/events` },
  { method: 'GET', url: () => '/api/v1/patron-context?email=amara.okafor%40northfield.edu' },
  { method: 'GET', url: () => '/api/v1/patron-context?barcode=21450009912345' },
  { method: 'GET', url: () => '/api/v1/insights?days=30' },
  { method: 'GET', url: () => '/api/v1/rubrics' },
  { method: 'GET', url: () => '/api/v1/evaluations/summary?rubricId=chat-transcript-review', role: 'coordinator' },
  { method: 'GET', url: () => '/api/v1/purchase/overrides/summary', role: 'coordinator' },
  { method: 'GET', url: () => `/s/${statusToken}` },
  { method: 'GET', url: () => '/healthz' },
];

const nastyTexts = [
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udc00',
  'end\ud83d',
  '😀 emoji pair',
  '<script>alert(1)</script>',
  '<!here> <!channel> <@U123|boss>',
  'javascript:alert(1)',
  'data:text/html,<b>x</b>',
  '',
  '   ',
  '\u202e RTL override',
  '%00',
  '\\u0000',
  "'; DROP TABLE handoffs; --",
  'x'.repeat(70_000),
];
const nastyValues: Json[] = [null, 0, -1, 1e308, 3.5, true, [], {}, [[[[[[[[[[[]]]]]]]]]]], { $gt: '' }, ['a\u0000'], { 'k\u0000': 1 }];
const nastySegments = ['%00', 'a%00b', '%ED%A0%80', '%C0%80', '%zz', '..', '%2e%2e', 'x'.repeat(150), '%F0%9F%98%80', "'", ' ', '%20', 'H-99999999'];
const nastyQueryValues = ['%00', 'a%00b', '%ED%A0%80', '%zz', '', 'x'.repeat(5000), '%F0%9F', '-1', '1e999', 'NaN', 'open,closed'];

/** Every leaf and its parent, to change one at random. */
function leaves(value: Json, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, index) => leaves(item, [...path, index]))];
  if (value && typeof value === 'object') return [path, ...Object.entries(value).flatMap(([key, item]) => leaves(item, [...path, key]))];
  return [path];
}

function setAt(root: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement ?? null;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key as string] ?? null, root) as Record<string, Json> | Json[];
  const key = path[path.length - 1]!;
  if (replacement === undefined) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete (parent as Record<string, Json>)[key as string];
  } else (parent as Record<string, Json>)[key as string] = replacement;
  return root;
}

function mutateBody(body: Json, random: ReturnType<typeof generator>): Json {
  let result = body;
  for (let i = 0, n = 1 + Math.floor(random.next() * 3); i < n; i++) {
    const path = random.pick(leaves(result));
    const roll = random.next();
    if (roll < 0.5) result = setAt(result, path, random.pick(nastyTexts));
    else if (roll < 0.75) result = setAt(result, path, random.pick(nastyValues));
    else if (roll < 0.85 && path.length > 0) result = setAt(result, path, undefined);
    else if (result && typeof result === 'object' && !Array.isArray(result)) result[random.pick(['extra', 'k\u0000', '\ud800', 'patron', 'question'])] = random.pick(nastyTexts);
  }
  return result;
}

function mutateUrl(url: string, random: ReturnType<typeof generator>): string {
  const [path = '', query] = url.split('?');
  const segments = path.split('/');
  if (random.chance(0.5) && segments.length > 2) segments[1 + Math.floor(random.next() * (segments.length - 1))] = random.pick(nastySegments);
  let search = query ?? '';
  if (random.chance(0.6)) {
    const pairs = search ? search.split('&') : [];
    const key = random.pick(['email', 'barcode', 'state', 'q', 'days', 'limit', 'rubricId', 'department', 'x%00', '%ED%A0%80']);
    pairs.push(`${key}=${random.pick(nastyQueryValues)}`);
    if (random.chance(0.3)) pairs.push(`${key}=${random.pick(nastyQueryValues)}`);
    search = pairs.join('&');
  }
  return search ? `${segments.join('/')}?${search}` : segments.join('/');
}

async function zendeskJwt(sub: string, name: string): Promise<string> {
  const now = Math.floor(hub.clock().getTime() / 1000);
  return new SignJWT({ name }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt(now).setExpirationTime(now + 120).sign(new TextEncoder().encode(secret));
}

describe('a seeded fuzz of malformed requests', () => {
  it('answers not one of 3,000 with a 5xx, and every 4xx in the documented shape', async () => {
    const random = generator(20260310);
    const failures: string[] = [];
    let refusedByTransport = 0;
    let sent = 0;
    for (let i = 0; i < 3000; i++) {
      const seed = random.pick(seeds);
      const url = random.chance(0.6) ? mutateUrl(seed.url(), random) : seed.url();
      const headers: Record<string, string> = { authorization: seed.role === 'coordinator' ? coordinator : staff };
      const roll = random.next();
      if (roll < 0.1) headers['authorization'] = `Bearer ${await zendeskJwt(random.pick(['3141', 'a\u0000b', 'agent\ud800', '']), random.pick(['Agent', 'N\u0000', '\udfff']))}`;
      else if (roll < 0.15) delete headers['authorization'];
      if (random.chance(0.3)) headers['idempotency-key'] = random.pick(['fuzz-key', `fuzz-${i}`, 'k'.repeat(300), ' ', '%00', 'fuzz-\u00e9']);
      let payload: string | undefined;
      if (seed.body) {
        const body = seed.body();
        payload = random.chance(0.8) ? JSON.stringify(mutateBody(body, random)) : random.pick(['{', '{"question":', '[]', 'null', '"text"', '{"a":1}{', JSON.stringify(body).slice(0, 20)]);
        headers['content-type'] = random.chance(0.95) ? 'application/json' : random.pick(['text/plain', 'application/json; charset=latin1', 'application/x-www-form-urlencoded']);
      }
      let response;
      try {
        response = await hub.app.inject({ method: seed.method, url, headers, ...(payload !== undefined ? { payload } : {}) });
      } catch {
        // The test's own HTTP client refused to build the request (as a real one would): nothing reached the hub.
        refusedByTransport++;
        continue;
      }
      sent++;
      const described = `${seed.method} ${url.slice(0, 200)} ${JSON.stringify(headers).slice(0, 200)} ${(payload ?? '').slice(0, 300)}`;
      if (response.statusCode >= 500) failures.push(`${response.statusCode} ${described} → ${response.body.slice(0, 200)}`);
      // The status page's own "not found" is a page for a patron's browser, in HTML on purpose.
      else if (response.statusCode >= 400 && !(url.startsWith('/s/') && response.statusCode === 404 && String(response.headers['content-type']).startsWith('text/html'))) {
        let body: unknown;
        try {
          body = response.json();
        } catch {
          body = response.body;
        }
        const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        if (typeof error?.code !== 'string' || typeof error.message !== 'string') failures.push(`shape ${response.statusCode} ${described} → ${response.body.slice(0, 200)}`);
        // Clients branch on the code: each is one core's registry defines, with the status it gives it.
        else if (!isErrorCode(error.code)) failures.push(`unregistered code ${error.code} ${described}`);
        else if (error.code !== 'bad_request' && errorRegistry[error.code].httpStatus !== response.statusCode) failures.push(`status ${response.statusCode} for ${error.code} ${described}`);
      }
    }
    expect(failures.slice(0, 10), `${failures.length} bad answers`).toEqual([]);
    expect(sent).toBeGreaterThan(2500);
    expect(refusedByTransport).toBeLessThan(500);
  }, 240_000);

  it.each([
    ['a NUL in a question', 'POST', '/api/v1/handoffs', { question: 'a\u0000b' }, 'body.question'],
    ['a NUL in a note', 'POST', '/api/v1/handoffs', { question: 'ok', note: 'x\u0000' }, 'body.note'],
    ['a lone surrogate in a question', 'POST', '/api/v1/handoffs', { question: 'a\ud800b' }, 'body.question'],
    ['a NUL in a LoanTitle', 'POST', '/api/v1/purchase/evaluate', { source: 'illiad', requests: [{ TransactionNumber: '1', RequestType: 'Loan', LoanTitle: 'M\u0000' }] }, 'body.requests.0.LoanTitle'],
    ['a NUL in a transaction number', 'POST', '/api/v1/purchase/overrides', { transactionNumber: '1\u0000', verdict: 'buy', reason: 'x' }, 'body.transactionNumber'],
    ['a NUL in a calibration unit id', 'POST', '/api/v1/calibration', { rubricId: 'chat-transcript-review', unitIds: ['u\u0000'] }, 'body.unitIds.1'],
    ['a NUL in a status link', 'GET', '/s/%00', undefined, 'params.token'],
    ['a NUL in a hand-off id', 'GET', '/api/v1/handoffs/H-%00', undefined, 'params.id'],
    ['a NUL in the query', 'GET', '/api/v1/patron-context?email=a%00b', undefined, 'query.email'],
  ])('%s is a 400 naming the field, with or without an Idempotency-Key', async (_what, method, url, payload, field) => {
    for (const key of [undefined, `named-${field}`]) {
      const headers = { authorization: coordinator, ...(key ? { 'idempotency-key': key } : {}) };
      const response = await hub.app.inject({ method: method as 'GET' | 'POST', url, headers, ...(payload ? { payload } : {}) });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('unstorable_text');
      expect(response.json().error.message).toContain(field.replace('unitIds.1', 'unitIds.0'));
    }
  });

  it('a NUL or lone surrogate in a Zendesk JWT\'s sub is a 400 naming the claim', async () => {
    for (const sub of ['agent\u0000', 'agent\ud800']) {
      const response = await hub.app.inject({ method: 'GET', url: '/api/v1/rubrics', headers: { authorization: `Bearer ${await zendeskJwt(sub, 'Agent')}` } });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.message).toContain('jwt.sub');
    }
  });
});
