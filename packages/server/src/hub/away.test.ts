import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from './hub-for-tests.js';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);
afterAll(() => hub.close());

// The test clock stands at Tuesday 10 March 2026, morning in the library's zone.
const put = async (person: string, payload: unknown, headers: Record<string, string>) =>
  hub.app.inject({ method: 'PUT', url: `/api/v1/away/${encodeURIComponent(person)}`, headers, payload: payload as object });
const as = async (role: 'staff' | 'coordinator' | 'admin', name?: string) => ({ authorization: `Bearer ${await hub.token(role, name)}` });

describe('time away over the API', () => {
  it('lets staff mark themselves away and shows who covers, in core\'s words', async () => {
    // U024REF0001 is Chemistry's primary in the example policy, U024REF0002 the backup.
    const response = await put('U024REF0001', { until: '2026-03-20' }, await as('staff', 'U024REF0001'));
    expect(response.statusCode).toBe(200);
    expect(response.json().away).toMatchObject({
      person: 'U024REF0001', from: '2026-03-10', until: '2026-03-20', setBy: 'U024REF0001',
      cover: { kind: 'covered', coveredBy: 'U024REF0002', reason: { code: 'away_covered_by_backup', message: "Chemistry's liaison, U024REF0001, is away until 20 March; routed to U024REF0002." } },
    });
    const listed = await hub.app.inject({ method: 'GET', url: '/api/v1/away', headers: await as('staff') });
    expect(listed.json()).toMatchObject({ today: '2026-03-10', away: [{ person: 'U024REF0001' }] });
    const one = await hub.app.inject({ method: 'GET', url: '/api/v1/away/U024REF0001', headers: await as('staff') });
    expect(one.json().away.until).toBe('2026-03-20');
  });

  it('lets a coordinator set anyone\'s, and nobody else', async () => {
    expect((await put('U024REF0002', { until: '2026-03-12' }, await as('staff', 'U024REF0001'))).statusCode).toBe(403);
    const byCoordinator = await put('U024REF0002', { until: '2026-03-12', backup: 'U024REFLEAD' }, await as('coordinator'));
    expect(byCoordinator.statusCode).toBe(200);
    expect(byCoordinator.json().away).toMatchObject({ backup: 'U024REFLEAD', cover: { coveredBy: 'U024REFLEAD' } });
  });

  it('"back" ends the time away yesterday, or forgets one not yet begun', async () => {
    const headers = await as('coordinator');
    await put('U024CIRCLEAD', { from: '2026-03-02', until: '2026-03-20' }, headers);
    const back = await hub.app.inject({ method: 'DELETE', url: '/api/v1/away/U024CIRCLEAD', headers });
    expect(back.statusCode).toBe(200);
    expect(await hub.store.away.get('U024CIRCLEAD')).toMatchObject({ until: '2026-03-09' });
    expect((await hub.app.inject({ method: 'DELETE', url: '/api/v1/away/U024CIRCLEAD', headers })).statusCode).toBe(404);
    await put('U024ERMLEAD', { from: '2026-03-15', until: '2026-03-20' }, headers);
    expect((await hub.app.inject({ method: 'DELETE', url: '/api/v1/away/U024ERMLEAD', headers })).statusCode).toBe(200);
    expect(await hub.store.away.get('U024ERMLEAD')).toBeUndefined();
  });

  describe('attacked', () => {
    it('refuses no token (401) and a bad token (401)', async () => {
      expect((await put('U024REF0001', { until: '2026-03-20' }, {})).statusCode).toBe(401);
      expect((await put('U024REF0001', { until: '2026-03-20' }, { authorization: 'Bearer lsn_nope' })).statusCode).toBe(401);
      expect((await hub.app.inject({ method: 'GET', url: '/api/v1/away' })).statusCode).toBe(401);
    });

    it.each([
      { name: 'a date in the past', payload: { until: '2026-03-01' }, field: 'until' },
      { name: '1 MiB of text', payload: { until: 'x'.repeat(1024 * 1024 - 100) }, field: 'until' },
      { name: 'a <script> as backup', payload: { until: '2026-03-20', backup: '<script>alert(1)</script>' }, field: 'backup' },
      { name: 'a Slack <!here> as backup', payload: { until: '2026-03-20', backup: '<!here>' }, field: 'backup' },
      { name: 'a javascript: URL as backup', payload: { until: '2026-03-20', backup: 'javascript:alert(1)' }, field: 'backup' },
      { name: 'an unknown field', payload: { until: '2026-03-20', note: '<script>' }, field: '' },
    ])('answers $name with a 400 that names the field', async ({ payload, field }) => {
      const response = await put('U024REF0001', payload, await as('coordinator'));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('away_invalid');
      expect(response.json().error.message).toContain(field);
    });

    it.each([
      { name: 'a <script>', person: '<script>' },
      { name: 'a Slack <!here>', person: '<!here>' },
      { name: 'a javascript: URL', person: 'javascript:alert(1)' },
      { name: '80 characters', person: 'x'.repeat(80) },
    ])('refuses $name as the person with a 400', async ({ person }) => {
      const response = await put(person, { until: '2026-03-20' }, await as('coordinator'));
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_person');
    });

    it('refuses a path too long to read with a 414 that says so, not a 5xx', async () => {
      const response = await put('x'.repeat(5000), { until: '2026-03-20' }, await as('coordinator'));
      expect(response.statusCode).toBe(414);
      expect(response.json().error.code).toBeTruthy();
    });

    it('refuses a NUL in the date or the person with the hub\'s 400 for unstorable text', async () => {
      const headers = await as('coordinator');
      for (const response of [await put('U024REF0001', { until: '2026-03-20\u0000' }, headers), await put('U024\u0000X', { until: '2026-03-20' }, headers)]) {
        expect(response.statusCode).toBe(400);
        expect(response.json().error.code).toBe('unstorable_text');
      }
    });

    it('a replayed PUT sets the same period, not a second one', async () => {
      const headers = await as('coordinator');
      await put('U024ILLLEAD', { until: '2026-03-20' }, headers);
      await put('U024ILLLEAD', { until: '2026-03-20' }, headers);
      const all = await hub.store.away.listEndingOnOrAfter('2026-03-01');
      expect(all.filter((period) => period.person === 'U024ILLLEAD')).toHaveLength(1);
    });
  });
});
