import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';
import { IdempotencyKeyReusedError } from './idempotency.js';

const now = new Date('2025-03-03T15:00:00.000Z');

forEachBackend('idempotency keys', (backend) => {
  it('runs the work once for ten concurrent retries with one key, and gives all of them its response', async () => {
    const store = await backend.open();
    let runs = 0;
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        store.idempotency.remember(
          'slack-event',
          'Ev0123',
          async (tx) => {
            runs++;
            await tx.cache.set('written-by-the-work', runs, new Date('2100-01-01T00:00:00Z'));
            return { ok: true, run: runs };
          },
          { now },
        ),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((result) => !result.replayed)).toHaveLength(1);
    expect(results.map((result) => result.response)).toEqual(Array(10).fill({ ok: true, run: 1 }));
    const keys = await store.db.selectFrom('idempotency_keys').selectAll().execute();
    expect(keys).toHaveLength(1);
  });

  it('keeps nothing when the work fails, so a retry runs it again', async () => {
    const store = await backend.open();
    const failing = store.idempotency.remember('api', 'k1', async (tx) => {
      await tx.cache.set('half-done', 1, new Date('2100-01-01T00:00:00Z'));
      throw new Error('ILS timed out');
    }, { now });
    await expect(failing).rejects.toThrow('ILS timed out');
    expect(await store.cache.get('half-done', now)).toBeUndefined();
    const retry = await store.idempotency.remember('api', 'k1', async () => 'second try', { now });
    expect(retry).toEqual({ response: 'second try', replayed: false });
  });

  it('separates scopes and forgets a key once it expires', async () => {
    const store = await backend.open();
    const options = { now, ttlSeconds: 60 };
    expect((await store.idempotency.remember('a', 'k', async () => 1, options)).response).toBe(1);
    expect((await store.idempotency.remember('b', 'k', async () => 2, options)).response).toBe(2);
    expect(await store.idempotency.remember('a', 'k', async () => 3, { now: new Date(now.getTime() + 59_000) })).toEqual({ response: 1, replayed: true });
    expect(await store.idempotency.remember('a', 'k', async () => 4, { now: new Date(now.getTime() + 60_000) })).toEqual({ response: 4, replayed: false });
    expect(await store.idempotency.purgeExpired(new Date(now.getTime() + 60_000))).toBe(1);
  });
  it('replays a key sent again with the same request, and refuses it with another, leaving the first response', async () => {
    const store = await backend.open();
    let runs = 0;
    const work = async () => ++runs;
    expect(await store.idempotency.remember('api', 'k', work, { now, fingerprint: 'sha256:aaa' })).toEqual({ response: 1, replayed: false });
    expect(await store.idempotency.remember('api', 'k', work, { now, fingerprint: 'sha256:aaa' })).toEqual({ response: 1, replayed: true });
    await expect(store.idempotency.remember('api', 'k', work, { now, fingerprint: 'sha256:bbb' })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    expect(await store.idempotency.remember('api', 'k', work, { now, fingerprint: 'sha256:aaa' })).toEqual({ response: 1, replayed: true });
    expect(runs).toBe(1);
  });
});
