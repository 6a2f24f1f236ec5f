import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { errorRegistry, isErrorCode } from '@liaison/core';
import { parseRawAnswer, sendRaw, startTestHub, type TestHub } from './hub-for-tests.js';

const email = 'amara.okafor@northfield.edu';
const name = 'Amara Okafor';

let hub: TestHub;
let port: number;
beforeAll(async () => {
  hub = await startTestHub({ requestTimeoutMs: 600 });
  await hub.app.listen({ port: 0, host: '127.0.0.1' });
  port = (hub.app.server.address() as AddressInfo).port;
}, 60_000);
afterAll(() => hub.close());

/** The documented error shape, and nothing of the request in it. */
function expectErrorShape(body: unknown, status: number): void {
  expect(status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  expect(body).toEqual({ error: expect.objectContaining({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) }) });
  // Every code is one core's registry defines, sent with the status the registry gives it
  // (bad_request stands for Fastify's other 4xx, and keeps Fastify's status).
  const code = (body as { error: { code: string } }).error.code;
  expect(isErrorCode(code), `${code} is in core's error registry`).toBe(true);
  if (isErrorCode(code) && code !== 'bad_request') expect(status, code).toBe(errorRegistry[code].httpStatus);
  const text = JSON.stringify(body);
  for (const echoed of [email, 'amara', 'Okafor', '21450009912345']) expect(text.toLowerCase()).not.toContain(echoed.toLowerCase());
}

describe('a client that stalls', () => {
  it('is answered 408 and cut off when its body stops arriving part-way', async () => {
    const token = await hub.token();
    const headers = `POST /api/v1/handoffs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    // The first 20 bytes of a 1000-byte body, then nothing: without a request timeout the hub held it open for ever.
    const answer = await sendRaw(port, `${headers}{"question":"Where i`, 15_000);
    expect(answer.closed).toBe(true);
    const { status, body } = parseRawAnswer(answer.text);
    expect(status).toBe(408);
    expectErrorShape(body, status);
    expect((body as { error: { code: string } }).error.code).toBe('request_timeout');
  }, 20_000);
});

describe('requests refused before any route sees them', () => {
  // Each one a request Node's HTTP parser refuses, with a patron's identifiers in it.
  const refused: [string, string][] = [
    ['an invalid character in a header', `GET /api/v1/patron-context?email=${email} HTTP/1.1\r\nHost: hub\r\nX-Patron: ${name}\u0001\r\n\r\n`],
    ['a space in the URL', `GET /api/v1/patron-context?name=${name} HTTP/1.1\r\nHost: hub\r\n\r\n`],
    ['headers over 64 KB', `GET /api/v1/patron-context?email=${email} HTTP/1.1\r\nHost: hub\r\nX-Note: ${`${name} ${email} `.repeat(2500)}\r\n\r\n`],
    ['Content-Length with Transfer-Encoding', `POST /api/v1/handoffs?email=${email} HTTP/1.1\r\nHost: hub\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nX-Patron: ${name}\r\n\r\n0\r\n\r\n`],
    ['an unknown HTTP version', `GET /api/v1/patron-context?email=${email} HTTP/7.3\r\nHost: hub\r\n\r\n`],
    ['HTTP/1.1 without Host', `GET /api/v1/patron-context?email=${email} HTTP/1.1\r\n\r\n`],
    ['a bad percent escape in the path', `GET /s/%zz${email} HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n`],
    ['a path segment over 100 characters', `GET /s/${'x'.repeat(120)}${email} HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n`],
  ];
  it.each(refused)('%s gets a 4xx in the documented shape that does not quote the request', async (_what, bytes) => {
    const answer = await sendRaw(port, bytes);
    const { status, body, headers } = parseRawAnswer(answer.text);
    expectErrorShape(body, status);
    expect(headers).toContain('x-content-type-options: nosniff');
  });

  it.each([
    ['malformed JSON', { 'content-type': 'application/json' }, `{"question": "${name} ${email}`],
    // JSON.parse's own message quotes the text around the mistake ("amara.okaf"... is not valid JSON).
    ['text that is not JSON at all', { 'content-type': 'application/json' }, `${email} ${name}`],
    ['an empty JSON body', { 'content-type': 'application/json' }, ''],
    ['a body that is not JSON', { 'content-type': 'text/plain' }, `${name} ${email}`],
    ['JSON with __proto__', { 'content-type': 'application/json' }, `{"__proto__": {"email": "${email}"}}`],
  ])('%s gets a 4xx in the documented shape that does not quote the body', async (_what, headers, payload) => {
    const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...(await hub.auth()), ...headers }, payload });
    expectErrorShape(response.json(), response.statusCode);
  });

  it('a body over the limit gets 413 in the documented shape', async () => {
    const response = await hub.app.inject({
      method: 'POST',
      url: '/api/v1/handoffs',
      headers: { ...(await hub.auth()), 'content-type': 'application/json' },
      payload: JSON.stringify({ question: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.statusCode).toBe(413);
    expectErrorShape(response.json(), response.statusCode);
  });
});
