import { describe, expect, it } from 'vitest';
import { cacheVerifiedTokens } from './verified-token-cache.js';

/** A token store that counts how often it is asked, and a clock moved by hand. */
function fixture(records: Record<string, { id: string; expiresAt?: string | null } | null>) {
  let now = Date.parse('2026-11-30T15:00:00Z');
  const asked: string[] = [];
  const cache = cacheVerifiedTokens(
    async (token) => {
      asked.push(token);
      return records[token] ?? null;
    },
    { now: () => new Date(now), ttlMs: 5_000 },
  );
  return { cache, asked, records, advance: (ms: number) => (now += ms) };
}

describe('verified staff tokens kept a few seconds', () => {
  it('asks the store once per token within the time to live, and again after it', async () => {
    const { cache, asked, advance } = fixture({ 'lsn_a': { id: 'tok_a' } });
    expect(await cache.verify('lsn_a')).toEqual({ id: 'tok_a' });
    advance(4_999);
    expect(await cache.verify('lsn_a')).toEqual({ id: 'tok_a' });
    expect(asked).toEqual(['lsn_a']);
    advance(1);
    await cache.verify('lsn_a');
    expect(asked).toEqual(['lsn_a', 'lsn_a']);
  });

  it('never keeps a refusal: a token that was unknown is asked about again', async () => {
    const { cache, asked, records } = fixture({ 'lsn_new': null });
    expect(await cache.verify('lsn_new')).toBeNull();
    records['lsn_new'] = { id: 'tok_new' };
    expect(await cache.verify('lsn_new')).toEqual({ id: 'tok_new' });
    expect(asked).toHaveLength(2);
  });

  it('forgets a revoked token at once, even when its look-up was under way as it was revoked', async () => {
    const { cache, asked, records } = fixture({ 'lsn_a': { id: 'tok_a' }, 'lsn_b': { id: 'tok_b' } });
    await cache.verify('lsn_a');
    await cache.verify('lsn_b');
    cache.forget('tok_a');
    records['lsn_a'] = null;
    expect(await cache.verify('lsn_a')).toBeNull();
    expect(await cache.verify('lsn_b')).toEqual({ id: 'tok_b' });
    expect(asked).toEqual(['lsn_a', 'lsn_b', 'lsn_a']);

    // A look-up that read the token just before the revocation must not be remembered.
    records['lsn_c'] = { id: 'tok_c' };
    const underway = cache.verify('lsn_c');
    cache.forget('tok_c');
    records['lsn_c'] = null;
    expect(await underway).toEqual({ id: 'tok_c' });
    expect(await cache.verify('lsn_c')).toBeNull();
  });

  it('never keeps a token past its own expiry, nor when the clock is set back', async () => {
    const { cache, asked, advance } = fixture({ 'lsn_soon': { id: 'tok_soon', expiresAt: '2026-11-30T15:00:02Z' } });
    await cache.verify('lsn_soon');
    advance(2_000);
    await cache.verify('lsn_soon');
    expect(asked).toHaveLength(2);
    advance(-60_000);
    await cache.verify('lsn_soon');
    expect(asked).toHaveLength(3);
  });

  it('asks every time when the time to live is 0', async () => {
    let count = 0;
    const cache = cacheVerifiedTokens(async () => ({ id: `tok_${++count}` }), { now: () => new Date(), ttlMs: 0 });
    await cache.verify('lsn_a');
    await cache.verify('lsn_a');
    expect(count).toBe(2);
  });
});
