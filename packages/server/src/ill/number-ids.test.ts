import { describe, expect, it } from 'vitest';
import { NumberIds } from './number-ids.js';

describe('NumberIds', () => {
  it('gives each whole number one id, the same as a Map would, through many growths', () => {
    const ids = new NumberIds();
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

  it('forgets every key when cleared', () => {
    const ids = new NumberIds();
    expect(ids.idOf(42, 0)).toBe(0);
    ids.clear();
    expect(ids.idOf(42, 7)).toBe(7);
  });
});
