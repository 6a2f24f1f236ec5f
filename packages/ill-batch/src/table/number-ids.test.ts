import { describe, expect, it } from 'vitest';
import { NumberIds } from './number-ids.js';

describe.each([
  ['hashed', {}],
  ['kept in a list while ascending', { isMostlyAscending: true }],
])('NumberIds, %s', (_name, options) => {
  it('gives each whole number one id, the same as a Map would, through many growths', () => {
    const ids = new NumberIds(options);
    const expected = new Map<number, number>();
    // ISBN-13s, transaction numbers and numbers that differ only above 32 bits.
    const keys: number[] = [];
    for (let i = 0; i < 20_000; i++) keys.push(9_780_000_000_000 + i * 7919, 100_000 + i, i * 4_294_967_296);
    const wanted: number[] = [];
    const got: number[] = [];
    for (const key of [...keys, ...keys.reverse()]) {
      const fresh = expected.size;
      const want = expected.get(key) ?? fresh;
      expected.set(key, want);
      wanted.push(want);
      got.push(ids.idOf(key, fresh));
    }
    expect(got).toEqual(wanted);
    expect(ids.size).toBe(expected.size);
  });

  it('gives the same ids to ascending keys, repeats and keys out of order', () => {
    const ids = new NumberIds(options);
    const expected = new Map<number, number>();
    // A long ascending run (past the list's first size), repeats, then keys out of order.
    const keys = [1, 2, 2, 5, 9, 9];
    for (let i = 0; i < 10_000; i++) keys.push(100_000 + 3 * i, 100_000 + 3 * i);
    keys.push(100_000_000_000, 3, 5, 4, 100_003, 100_000_000_001, 1, 7);
    for (let i = 0; i < 10_000; i++) keys.push(200_000_000_000 + i);
    keys.push(2, 200_000_000_000, 150);
    const wanted: number[] = [];
    const got: number[] = [];
    for (const key of keys) {
      const fresh = expected.size;
      const want = expected.get(key) ?? fresh;
      expected.set(key, want);
      wanted.push(want);
      got.push(ids.idOf(key, fresh));
    }
    expect(got).toEqual(wanted);
    expect(ids.size).toBe(expected.size);
  });

  it('forgets every key when cleared', () => {
    const ids = new NumberIds(options);
    expect(ids.idOf(42, 0)).toBe(0);
    ids.clear();
    expect(ids.idOf(42, 7)).toBe(7);
  });
});
