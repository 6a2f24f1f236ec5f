import { expect, it } from 'vitest';
import { forEachBackend } from '../backends-for-tests.js';

const now = new Date('2025-03-03T15:00:00.000Z');
const inSeconds = (count: number) => new Date(now.getTime() + count * 1000);

forEachBackend('connector cache', (backend) => {
  it('returns a value until it expires, replaces it on set, and purges expired entries', async () => {
    const store = await backend.open();
    await store.cache.set('holdings:9780262046305', { held: true }, inSeconds(60));
    expect(await store.cache.get('holdings:9780262046305', now)).toEqual({ held: true });
    expect(await store.cache.get('holdings:9780262046305', inSeconds(60))).toBeUndefined();
    await store.cache.set('holdings:9780262046305', [1, 2], inSeconds(120));
    expect(await store.cache.get('holdings:9780262046305', inSeconds(60))).toEqual([1, 2]);
    await store.cache.set('price:x', 12.5, inSeconds(10));
    expect(await store.cache.purgeExpired(inSeconds(30))).toBe(1);
    await store.cache.delete('holdings:9780262046305');
    expect(await store.cache.get('holdings:9780262046305', now)).toBeUndefined();
  });
});
