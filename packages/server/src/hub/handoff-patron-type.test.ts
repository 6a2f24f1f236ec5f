/**
 * A hand-off created with only the patron's e-mail is routed with the patron type the library's
 * systems report: "course reserves" from a faculty member goes to circulation, as the example
 * policy says, without staff typing "Faculty". A slow or failing system never fails the create.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectorError, type PatronSource } from '@liaison/connectors';
import type { Handoff } from '@liaison/core';
import { demoConnectors } from './demo-connectors.js';
import { startTestHub, testClock, type TestHub } from './hub-for-tests.js';
import type { HubConnectors } from './connectors.js';

const question = 'Please put these books on course reserves for my syllabus';
const facultyEmail = 'mei-lin.chen@northfield.edu';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function create(body: Record<string, unknown>, options: Parameters<typeof startTestHub>[0] = {}): Promise<{ handoff: Handoff; ms: number }> {
  hub = await startTestHub(options);
  const started = performance.now();
  const response = await hub.app.inject({ method: 'POST', url: '/api/v1/handoffs', payload: body, headers: await hub.auth('staff') });
  const ms = performance.now() - started;
  expect(response.statusCode, response.body).toBe(201);
  return { handoff: (await hub.store.handoffs.get(response.json().handoff.id))!, ms };
}

/** The demo connectors with their patron source replaced. */
function withPatronSource(source: PatronSource): HubConnectors {
  return { ...demoConnectors(testClock()), patrons: [source] };
}

// The first hub of the file boots PGlite, which takes seconds on a busy machine.
describe('routing a hand-off by the patron type the ILS reports', { timeout: 60_000 }, () => {
  it('sends "course reserves … syllabus" from a faculty e-mail to circulation, and says where the type came from', async () => {
    const { handoff } = await create({ question, patron: { email: facultyEmail } });
    expect(handoff.department).toBe('circulation');
    expect(handoff.routing?.ruleId).toBe('faculty-course-reserves');
    expect(handoff.responsibility).toBe('retained');
    // The affiliation the ILS reports is kept too: it picks the patron's liaison team.
    expect(handoff.patron).toEqual({ email: facultyEmail, patronType: 'Faculty', affiliation: 'Environmental Studies' });
    expect(handoff.routing?.explanation).toBe(
      'Rule "faculty-course-reserves" matched the words "course reserves", "reserves", "syllabus" and the patron type "Faculty". The patron type "Faculty" is as Demo ILS reports it.',
    );
  });

  it('keeps the type staff gave and does not ask the systems', async () => {
    let asked = 0;
    const source: PatronSource = { system: 'FOLIO', findPatron: async () => { asked += 1; return null; } };
    const { handoff } = await create({ question, patron: { email: facultyEmail, patronType: 'Undergraduate' } }, { connectors: withPatronSource(source) });
    expect(asked).toBe(0);
    expect(handoff.department).toBe('reference');
    expect(handoff.patron?.patronType).toBe('Undergraduate');
  });

  it('routes without a type, and says so, when the ILS refuses', async () => {
    const source: PatronSource = {
      system: 'FOLIO',
      findPatron: async () => {
        throw new ConnectorError({ code: 'connector_unavailable', system: 'FOLIO', call: 'GET /users', status: 503, failure: 'is unavailable (HTTP 503)' });
      },
    };
    const { handoff } = await create({ question, patron: { email: facultyEmail } }, { connectors: withPatronSource(source) });
    expect(handoff.department).toBe('reference');
    expect(handoff.patron).toEqual({ email: facultyEmail });
    expect(handoff.routing?.explanation).toContain('The patron type could not be looked up (FOLIO GET /users: is unavailable (HTTP 503)), so the hand-off was routed without one.');
    expect(handoff.routing?.explanation).not.toContain(facultyEmail);
  });

  it('waits no longer than the look-up budget for an ILS that never answers', async () => {
    const source: PatronSource = { system: 'Koha', findPatron: () => new Promise(() => {}) };
    const { handoff, ms } = await create({ question, patron: { email: facultyEmail } }, { connectors: withPatronSource(source), handoffPatronLookupTimeoutMs: 150 });
    expect(handoff.department).toBe('reference');
    expect(handoff.routing?.explanation).toContain('The patron type could not be looked up (Koha find patron: did not answer within 0.15 s)');
    // Bounded: the create answered, though the system never did (10 s is far above the 150 ms budget).
    expect(ms).toBeLessThan(10_000);
  });

  it('says the systems do not know a patron they have no record of', async () => {
    const { handoff } = await create({ question, patron: { email: 'nobody@northfield.edu' } });
    expect(handoff.department).toBe('reference');
    expect(handoff.routing?.explanation).toContain("The library's systems do not know this patron, so the hand-off was routed without a patron type.");
  });
});
