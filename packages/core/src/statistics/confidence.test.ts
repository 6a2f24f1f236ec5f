import { describe, expect, it } from 'vitest';
import { meanConfidenceInterval, wilsonInterval } from './confidence.js';

describe('meanConfidenceInterval', () => {
  it("reproduces Student's sleep data (Cushny & Peebles 1905; R's t.test on datasets::sleep, paired): 0.7001 to 2.4599", () => {
    // Extra hours of sleep, drug 2 minus drug 1, for the ten patients.
    const differences = [1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4];
    const result = meanConfidenceInterval(differences);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.mean).toBeCloseTo(1.58, 10);
    expect(result.value.lower).toBeCloseTo(0.7001142, 6);
    expect(result.value.upper).toBeCloseTo(2.4598858, 6);
    expect(result.value.n).toBe(10);
  });

  it('widens with the level: 99% is wider than 95% is wider than 80%', () => {
    const values = [70, 82, 91, 64, 88];
    const width = (level: number) => {
      const result = meanConfidenceInterval(values, level);
      if (!result.ok) throw result.error;
      return result.value.upper - result.value.lower;
    };
    expect(width(0.99)).toBeGreaterThan(width(0.95));
    expect(width(0.95)).toBeGreaterThan(width(0.8));
  });

  it('gives two values the t(0.975, 1) = 12.706 multiplier', () => {
    const result = meanConfidenceInterval([0, 2]);
    if (!result.ok) throw result.error;
    // mean 1, s = √2, standard error 1: the half-width is the t quantile itself.
    expect(result.value.upper - 1).toBeCloseTo(12.7062, 4);
  });

  it('returns a zero-width interval when every value is the same', () => {
    const result = meanConfidenceInterval([80, 80, 80]);
    if (!result.ok) throw result.error;
    expect([result.value.lower, result.value.upper]).toEqual([80, 80]);
  });

  it.each([[[]], [[75]]])('refuses an interval from %j', (values) => {
    const result = meanConfidenceInterval(values);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('statistics_insufficient_data');
  });

  it('throws on a level outside (0, 1) or a value that is not a number', () => {
    expect(() => meanConfidenceInterval([1, 2], 95)).toThrow(RangeError);
    expect(() => meanConfidenceInterval([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857–872, Table II, method 3 (score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i -> %s to %s', (successes, n, lower, upper) => {
    const result = wilsonInterval(successes, n);
    if (!result.ok) throw result.error;
    expect(result.value.lower).toBeCloseTo(lower, 4);
    expect(result.value.upper).toBeCloseTo(upper, 4);
  });

  it('stays inside 0–1 at n of n and puts the bound exactly at 1', () => {
    const result = wilsonInterval(12, 12);
    if (!result.ok) throw result.error;
    expect(result.value.upper).toBe(1);
    expect(result.value.lower).toBeGreaterThan(0.7);
    expect(result.value.lower).toBeLessThan(1);
  });

  it('refuses a proportion of nothing and throws on impossible counts', () => {
    const none = wilsonInterval(0, 0);
    expect(none.ok).toBe(false);
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});
