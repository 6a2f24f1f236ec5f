import { describe, expect, it } from 'vitest';
import { poissonUpperTail } from './poisson.js';

describe('poissonUpperTail', () => {
  // Values from the cumulative Poisson tables printed in statistics textbooks, to four decimals.
  const tables: { k: number; mean: number; tail: number }[] = [
    { k: 9, mean: 5, tail: 1 - 0.9319 }, // P(X ≤ 8 | 5) = 0.9319
    { k: 16, mean: 10, tail: 1 - 0.9513 }, // P(X ≤ 15 | 10) = 0.9513
    { k: 5, mean: 2, tail: 1 - 0.9473 }, // P(X ≤ 4 | 2) = 0.9473
    { k: 1, mean: 1, tail: 1 - 0.3679 }, // P(X = 0 | 1) = e^-1
  ];
  it.each(tables)('P(X ≥ $k | mean $mean) matches the published table', ({ k, mean, tail }) => {
    expect(poissonUpperTail(k, mean)).toBeCloseTo(tail, 4);
  });

  // Exact values worked out with 50-digit decimal arithmetic, for relative precision in the far tail.
  const exact: { k: number; mean: number; tail: number }[] = [
    { k: 14, mean: 3.1, tail: 4.910917566514922e-6 },
    { k: 20, mean: 10, tail: 3.454341975856808e-3 },
    { k: 10, mean: 0.5, tail: 1.709670029348903e-10 },
    { k: 50, mean: 10, tail: 1.854726883869799e-19 },
    { k: 130, mean: 100, tail: 2.282093054316955e-3 },
    { k: 100, mean: 100, tail: 5.132987982791487e-1 },
    { k: 3, mean: 5, tail: 8.753479805169189e-1 },
    { k: 6, mean: 1.5, tail: 4.455980775247849e-3 },
  ];
  it.each(exact)('P(X ≥ $k | mean $mean) to 10 significant digits', ({ k, mean, tail }) => {
    expect(Math.abs(poissonUpperTail(k, mean) - tail) / tail).toBeLessThan(1e-10);
  });

  const edges: { name: string; k: number; mean: number; tail: number }[] = [
    { name: 'at least none is certain', k: 0, mean: 4, tail: 1 },
    { name: 'at least one when none are expected never happens', k: 1, mean: 0, tail: 0 },
    { name: 'at least none when none are expected is certain', k: 0, mean: 0, tail: 1 },
  ];
  it.each(edges)('$name', ({ k, mean, tail }) => {
    expect(poissonUpperTail(k, mean)).toBe(tail);
  });

  it('falls as the count rises', () => {
    const tails = [0, 1, 2, 3, 5, 8, 13, 21].map((k) => poissonUpperTail(k, 3));
    for (let i = 1; i < tails.length; i += 1) expect(tails[i]!).toBeLessThan(tails[i - 1]!);
  });

  it.each([
    { k: 2.5, mean: 1 },
    { k: 2, mean: -1 },
    { k: 2, mean: Number.NaN },
    { k: 2, mean: Number.POSITIVE_INFINITY },
  ])('refuses k $k with mean $mean', ({ k, mean }) => {
    expect(() => poissonUpperTail(k, mean)).toThrow(RangeError);
  });
});
