import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';

const now = new Date('2026-03-03T14:00:00.000Z');
const hour = 3_600_000;

forEachBackend('dashboard sessions', (backend) => {
  it('finds a session by its secret until it expires, is ended, or its token is revoked', async () => {
    const store = await backend.open();
    const { record } = await store.tokens.create('Pat', 'coordinator', now);
    const principal = { via: 'staff_token' as const, id: record.id, name: 'Pat', role: 'coordinator' as const };
    const { secret } = await store.sessions.create({ principal, tokenId: record.id, now, lifetimeMs: 8 * hour });
    expect(await store.sessions.find(secret, now)).toEqual(principal);
    expect(await store.sessions.find(`${secret}x`, now)).toBeUndefined();
    expect(await store.sessions.find(secret, new Date(now.getTime() + 8 * hour))).toBeUndefined();

    await store.tokens.revoke(record.id, now);
    expect(await store.sessions.find(secret, now)).toBeUndefined();

    const teams = { via: 'teams_sso' as const, id: 'pat@example.edu', name: 'Pat', role: 'staff' as const };
    const second = await store.sessions.create({ principal: teams, tokenId: null, now, lifetimeMs: hour });
    expect(await store.sessions.find(second.secret, now)).toEqual(teams);
    expect(await store.sessions.end(second.secret)).toBe(true);
    expect(await store.sessions.find(second.secret, now)).toBeUndefined();
    expect(await store.sessions.end(second.secret)).toBe(false);
    expect(await store.sessions.removeExpired(new Date(now.getTime() + 9 * hour))).toBe(1);
  });
});
