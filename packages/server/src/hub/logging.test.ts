import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatronContext } from '@liaison/core';
import { ConnectorError, createDemoLibrary, featuredPatrons } from '@liaison/connectors';
import { demoConnectors } from './demo-connectors.js';
import type { AddressInfo } from 'node:net';
import { logCapture, openTestStore, sendRaw, startTestHub, testClock, type TestHub } from './hub-for-tests.js';

const clock = testClock();
const log = logCapture();
let hub: TestHub;
let seeded: PatronContext[];

/** Every string that identifies one of the seeded patrons: names (and each part), e-mails, barcodes, usernames. */
function identifiers(patrons: PatronContext[]): string[] {
  return patrons.flatMap(({ identity }) => [
    identity.name,
    ...identity.name.split(/\s+/).filter((part) => part.length > 3),
    identity.email,
    identity.barcode,
    identity.username,
  ].filter((value): value is string => typeof value === 'string' && value.length > 0));
}

beforeAll(async () => {
  const demo = createDemoLibrary({ now: clock });
  seeded = (await Promise.all(Object.values(featuredPatrons).map((email) => demo.patrons.findPatron({ email })))) as PatronContext[];
  const failingIll = {
    system: 'ILLiad',
    // A connector error whose message quotes the patron, as a careless vendor response might.
    findPatron: async (by: { email?: string }) => {
      throw new ConnectorError({ code: 'connector_bad_response', system: 'ILLiad', call: 'GET /Users', failure: `no user ${by.email ?? ''}` });
    },
  };
  hub = await startTestHub({
    store: await openTestStore(),
    clock,
    logDestination: log.destination,
    connectors: { ...demoConnectors(clock), patrons: [demo.patrons, failingIll] },
  });
}, 60_000);
afterAll(() => hub.close());

describe('the hub\'s log', () => {
  it('writes one line per request, when it is answered: its route, status and time', async () => {
    const staff = await hub.auth();
    const before = log.lines().length;
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/handoffs?limit=1', headers: staff })).statusCode).toBe(200);
    const lines = log.lines().slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', route: '/api/v1/handoffs' }, res: { statusCode: 200 } });
    expect(lines[0]!['responseTime']).toEqual(expect.any(Number));
  });

  it('is structured JSON and never holds a seeded patron\'s name, e-mail or barcode', async () => {
    const staff = await hub.auth();
    for (const patron of seeded) {
      const { name, email, barcode, patronType } = patron.identity;
      // Hand-offs about the patron, with their identifiers in the body and in the question text.
      const created = await hub.app.inject({
        method: 'POST',
        url: '/api/v1/handoffs',
        headers: { ...staff, 'idempotency-key': `log-${email}` },
        payload: { question: `${name} (${email}, card ${barcode}) asks about a fine`, patron: { email, barcode, patronType }, note: `Called ${name}` },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().handoff.id as string;
      await hub.app.inject({ method: 'GET', url: `/api/v1/handoffs/${id}`, headers: staff });
      await hub.app.inject({ method: 'POST', url: `/api/v1/handoffs/${id}/events`, headers: staff, payload: { type: 'info_requested', note: `Asked ${name} to call back` } });
      // Patron context by e-mail and by barcode: identifiers in the query string.
      for (const query of [`email=${encodeURIComponent(email!)}`, `barcode=${barcode}`]) {
        const response = await hub.app.inject({ method: 'GET', url: `/api/v1/patron-context?${query}`, headers: staff });
        expect(response.statusCode).toBe(200);
      }
      // Bad requests that echo the identifiers back in their bodies.
      await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: staff, payload: { question: name, patron: { email: `${name} <${email}>` } } });
      await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', headers: { ...staff, 'content-type': 'application/json' }, payload: `{"question": "${name} ${barcode}` });
      // A refused caller, and a 404 whose URL carries an e-mail.
      await hub.app.inject({ method: 'GET', url: `/api/v1/patron-context?email=${encodeURIComponent(email!)}`, headers: { authorization: `Bearer lsn_${barcode}` } });
      await hub.app.inject({ method: 'GET', url: `/nowhere/${encodeURIComponent(email!)}?barcode=${barcode}` });
    }
    // Reminders written to the log (no Slack): by hand-off number only.
    clock.advance(3 * 86_400_000);
    await hub.scheduler.tick();

    const text = log.text();
    const lines = log.lines(); // throws if any line is not JSON
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((line) => line['msg'] === 'reminder due')).toBe(true);
    expect(lines.some((line) => (line['req'] as { route?: string } | undefined)?.route === '/api/v1/patron-context')).toBe(true);
    const found = identifiers(seeded).filter((value) => text.toLowerCase().includes(value.toLowerCase()));
    const leaking = text.split('\n').filter((line) => found.some((value) => line.toLowerCase().includes(value.toLowerCase())));
    expect(found, leaking.slice(0, 5).join('\n')).toEqual([]);
    // Nor the staff tokens that proved the calls.
    expect(text).not.toMatch(/lsn_[A-Za-z0-9_-]{20,}/);
  });

  it('holds no seeded patron when Node\'s HTTP parser refuses a request naming them, even at trace level', async () => {
    // At trace level Fastify logged each refused request with `rawPacket`: its request line and headers, as bytes.
    const traceLog = logCapture();
    const traced = await startTestHub({ clock, logDestination: traceLog.destination, logLevel: 'trace' });
    await traced.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = traced.app.server.address() as AddressInfo;
    try {
      for (const patron of seeded) {
        const { name, email, barcode } = patron.identity;
        const query = `email=${email}&barcode=${barcode}`;
        const refused = [
          `GET /api/v1/patron-context?${query} HTTP/1.1\r\nHost: hub\r\nX-Patron: ${name}\u0001\r\n\r\n`,
          `GET /api/v1/patron-context?name=${name} HTTP/1.1\r\nHost: hub\r\n\r\n`,
          `GET /api/v1/patron-context?${query} HTTP/1.1\r\nHost: hub\r\nX-Note: ${`${name} ${email} `.repeat(2500)}\r\n\r\n`,
          `POST /api/v1/handoffs?${query} HTTP/1.1\r\nHost: hub\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nX-Patron: ${name}\r\n\r\n0\r\n\r\n`,
          `GET /api/v1/patron-context?${query} HTTP/7.3\r\nHost: hub\r\nX-Patron: ${name}\r\n\r\n`,
          `GET /api/v1/patron-context?${query} HTTP/1.1\r\nX-Patron: ${name}\r\nConnection: close\r\n\r\n`,
          `GET /s/%zz${email}?${query} HTTP/1.1\r\nHost: hub\r\nX-Patron: ${name}\r\nConnection: close\r\n\r\n`,
          `GET /s/${'x'.repeat(120)}${email}?${query} HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n\r\n`,
        ];
        for (const bytes of refused) expect((await sendRaw(port, bytes)).closed).toBe(true);
      }
    } finally {
      await traced.close();
    }
    const text = traceLog.text();
    expect(traceLog.lines().length).toBeGreaterThan(10);
    // Not printed on failure: the line would be the raw request itself.
    expect(text.includes('rawPacket'), 'a log line carries rawPacket').toBe(false);
    const found = identifiers(seeded).filter((value) => text.toLowerCase().includes(value.toLowerCase()));
    const leaking = text.split('\n').filter((line) => found.some((value) => line.toLowerCase().includes(value.toLowerCase())));
    expect(found, leaking.slice(0, 3).join('\n').slice(0, 2000)).toEqual([]);
  }, 60_000);
});
