import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';
import { hashToken } from './tokens.js';

const now = new Date('2025-03-03T15:00:00.000Z');

forEachBackend('staff tokens', (backend) => {
  it('returns the plaintext once and stores only its SHA-256 hash', async () => {
    const store = await backend.open();
    const { token, record } = await store.tokens.create('ILL office extension', 'staff', now);
    expect(token).toMatch(/^lsn_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'ILL office extension', role: 'staff', lastUsedAt: null, revokedAt: null });
    const rows = await store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows[0]?.token_hash).toBe(hashToken(token));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    const secret = token.slice('lsn_'.length);
    for (const row of rows) {
      for (const value of Object.values(row)) expect(String(value)).not.toContain(secret);
    }
  });

  it('verifies a live token, notes when it was used, and refuses revoked, unknown and malformed ones', async () => {
    const store = await backend.open();
    const { token, record } = await store.tokens.create('Dashboard', 'coordinator', now);
    const later = new Date(now.getTime() + 3_600_000);
    expect(await store.tokens.verify(token, later)).toMatchObject({ id: record.id, role: 'coordinator', lastUsedAt: later.toISOString() });
    expect(await store.tokens.verify(`${token}x`, later)).toBeUndefined();
    expect(await store.tokens.verify(token.slice(4), later)).toBeUndefined();
    // Last use is kept to the minute, so many requests at once do not all write the same row.
    const halfAMinuteOn = new Date(later.getTime() + 30_000);
    expect((await store.tokens.verify(token, halfAMinuteOn))?.lastUsedAt).toBe(later.toISOString());
    const twoMinutesOn = new Date(later.getTime() + 120_000);
    expect((await store.tokens.verify(token, twoMinutesOn))?.lastUsedAt).toBe(twoMinutesOn.toISOString());
    expect(await store.tokens.revoke(record.id, later)).toBe(true);
    expect(await store.tokens.revoke(record.id, later)).toBe(false);
    expect(await store.tokens.verify(token, later)).toBeUndefined();
    expect((await store.tokens.list()).map((listed) => listed.revokedAt)).toEqual([later.toISOString()]);
  });

  it('accepts only the three roles', async () => {
    const store = await backend.open();
    // @ts-expect-error — a role the type does not allow is refused by the database too
    await expect(store.tokens.create('x', 'superuser', now)).rejects.toThrow();
  });
});

forEachBackend('staff tokens that expire', (backend) => {
  it('work until their expiry and not after; list and get show it', async () => {
    const store = await backend.open();
    const expiresAt = new Date(now.getTime() + 3_600_000);
    const { token, record } = await store.tokens.create('Weekend cover', 'staff', now, { expiresAt });
    expect(record.expiresAt).toBe(expiresAt.toISOString());
    expect(await store.tokens.verify(token, new Date(expiresAt.getTime() - 1))).toMatchObject({ id: record.id });
    expect(await store.tokens.verify(token, expiresAt)).toBeUndefined();
    expect(await store.tokens.get(record.id)).toMatchObject({ expiresAt: expiresAt.toISOString() });
    expect((await store.tokens.list()).find((t) => t.id === record.id)?.expiresAt).toBe(expiresAt.toISOString());
  });
});
