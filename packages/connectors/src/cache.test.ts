import { describe, expect, it } from 'vitest';
import type { Fact } from '@liaison/core';
import { memoryCache, storeCache, withCache, type Cache } from './cache.js';
import type { HoldingsSource } from './sources.js';

function clock(start = '2025-03-10T12:00:00Z') {
  let time = new Date(start).getTime();
  return { now: () => new Date(time), advance: (seconds: number) => (time += seconds * 1000) };
}

/** A patron source that counts how often it is really asked. */
class CountingPatrons {
  readonly system = 'FOLIO';
  calls = 0;
  async findPatron(by: { email?: string; barcode?: string }, _options?: { signal?: AbortSignal }) {
    this.calls += 1;
    if (by.email === 'nobody@northfield.edu') return null;
    return { name: `Patron ${this.calls}`, email: by.email, barcode: by.barcode };
  }
}

/** A cache that remembers the keys it was given. */
function recordingCache(inner: Cache) {
  const keys: string[] = [];
  const cache: Cache = {
    get: (key) => inner.get(key),
    set: (key, value, expiresAt) => (keys.push(key), inner.set(key, value, expiresAt)),
  };
  return { cache, keys };
}

describe('withCache', () => {
  it('reuses an answer within the time to live and asks again after it', async () => {
    const time = clock();
    const source = new CountingPatrons();
    const cached = withCache(source, memoryCache({ now: time.now }), { ttlSeconds: 60, now: time.now });

    const first = await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    time.advance(59);
    const second = await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(second).toEqual(first);
    expect(source.calls).toBe(1);

    time.advance(1);
    const third = await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(source.calls).toBe(2);
    expect(third?.name).toBe('Patron 2');
  });

  it('keys by arguments: another patron is asked for, the same one in another order or with a signal is not', async () => {
    const time = clock();
    const source = new CountingPatrons();
    const cached = withCache(source, memoryCache({ now: time.now }), { ttlSeconds: 60, now: time.now });
    await cached.findPatron({ email: 'a@northfield.edu', barcode: '21234000123456' });
    await cached.findPatron({ barcode: '21234000123456', email: 'a@northfield.edu' }, { signal: new AbortController().signal });
    expect(source.calls).toBe(1);
    await cached.findPatron({ email: 'b@northfield.edu' });
    expect(source.calls).toBe(2);
  });

  it('stores keys as SHA-256 digests, never the e-mail or barcode', async () => {
    const time = clock();
    const { cache, keys } = recordingCache(memoryCache({ now: time.now }));
    const cached = withCache(new CountingPatrons(), cache, { ttlSeconds: 60, now: time.now });
    await cached.findPatron({ email: 'amara.okafor@northfield.edu', barcode: '21234000123456' });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^FOLIO:findPatron:[0-9a-f]{64}$/);
    expect(keys[0]).not.toContain('amara');
    expect(keys[0]).not.toContain('21234000123456');

    const salted = recordingCache(memoryCache({ now: time.now }));
    await withCache(new CountingPatrons(), salted.cache, { ttlSeconds: 60, now: time.now, keySecret: 'k' }).findPatron({
      email: 'amara.okafor@northfield.edu',
      barcode: '21234000123456',
    });
    expect(salted.keys[0]).toMatch(/^FOLIO:findPatron:[0-9a-f]{64}$/);
    expect(salted.keys[0]).not.toBe(keys[0]);
  });

  it('does not keep empty answers or failures', async () => {
    const time = clock();
    const source = new CountingPatrons();
    const cache = memoryCache({ now: time.now });
    const cached = withCache(source, cache, { ttlSeconds: 60, now: time.now });
    expect(await cached.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(await cached.findPatron({ email: 'nobody@northfield.edu' })).toBeNull();
    expect(source.calls).toBe(2);
    expect(cache.size).toBe(0);

    let attempts = 0;
    const flaky: HoldingsSource = {
      system: 'Koha',
      async isHeld(): Promise<Fact<boolean>> {
        attempts += 1;
        if (attempts === 1) throw new Error('down');
        return { value: true, source: 'Koha' };
      },
    };
    const cachedHoldings = withCache(flaky, cache, { ttlSeconds: 60, now: time.now });
    await expect(cachedHoldings.isHeld({ isbns: ['9780306406157'] })).rejects.toThrow('down');
    await expect(cachedHoldings.isHeld({ isbns: ['9780306406157'] })).resolves.toEqual({ value: true, source: 'Koha' });
    await cachedHoldings.isHeld({ isbns: ['9780306406157'] });
    expect(attempts).toBe(2);
  });

  it('answers from the source when the cache itself fails', async () => {
    const time = clock();
    const broken: Cache = { get: () => Promise.reject(new Error('db down')), set: () => Promise.reject(new Error('db down')) };
    const source = new CountingPatrons();
    const cached = withCache(source, broken, { ttlSeconds: 60, now: time.now });
    await expect(cached.findPatron({ email: 'a@northfield.edu' })).resolves.toMatchObject({ email: 'a@northfield.edu' });
    expect(cached.system).toBe('FOLIO');
  });
});

describe('memoryCache', () => {
  it('forgets an entry at its expiry time and hands out copies', async () => {
    const time = clock();
    const cache = memoryCache({ now: time.now });
    await cache.set('k', { loans: [1] }, new Date(time.now().getTime() + 10_000));
    const copy = (await cache.get('k')) as { loans: number[] };
    copy.loans.push(2);
    expect(await cache.get('k')).toEqual({ loans: [1] });
    time.advance(10);
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('storeCache', () => {
  it('asks the repository with the current time, so expired rows are not returned', async () => {
    const time = clock();
    const rows = new Map<string, { value: unknown; expiresAt: Date }>();
    const repository = {
      async get(key: string, at: Date) {
        const row = rows.get(key);
        return row && row.expiresAt > at ? row.value : undefined;
      },
      async set(key: string, value: unknown, expiresAt: Date) {
        rows.set(key, { value, expiresAt });
      },
    };
    const source = new CountingPatrons();
    const cached = withCache(source, storeCache(repository, { now: time.now }), { ttlSeconds: 30, now: time.now });
    await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(source.calls).toBe(1);
    time.advance(31);
    await cached.findPatron({ email: 'amara.okafor@northfield.edu' });
    expect(source.calls).toBe(2);
  });
});
