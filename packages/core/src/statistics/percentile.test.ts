import { describe, expect, it } from 'vitest';
import { median, percentile } from './percentile.js';

describe('percentile (Hyndman & Fan type 7, as R quantile() and PostgreSQL percentile_cont)', () => {
  // Worked values from R: quantile(1:10, c(0, .25, .5, .9, 1)) → 1, 3.25, 5.5, 9.1, 10;
  // quantile(c(7, 1, 3), .9) → 6.2; quantile(42, .9) → 42.
  it.each([
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0, expected: 1 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.25, expected: 3.25 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.5, expected: 5.5 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 0.9, expected: 9.1 },
    { values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p: 1, expected: 10 },
    { values: [7, 1, 3], p: 0.9, expected: 6.2 },
    { values: [42], p: 0.9, expected: 42 },
  ])('$p of $values is $expected', ({ values, p, expected }) => {
    expect(percentile(values, p)).toBeCloseTo(expected, 10);
  });

  it('has no percentile for an empty sample and refuses a p outside 0–1', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    expect(median(values)).toBe(2);
    expect(values).toEqual([3, 1, 2]);
  });
});
