import { describe, expect, it } from 'vitest';
import { logGamma, normalDistribution, normalQuantile, regularizedIncompleteBeta, studentTDistribution, studentTQuantile } from './quantile.js';

describe('logGamma', () => {
  it.each([
    [1, 0],
    [5, Math.log(24)],
    [0.5, 0.5 * Math.log(Math.PI)],
    [10.5, Math.log(1133278.388948785)], // Γ(10.5) = 19!! √π / 2^10
  ])('lnΓ(%s)', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 12);
  });
});

describe('regularizedIncompleteBeta', () => {
  it('matches closed forms: I_x(1, 1) = x and I_x(a, 1) = x^a', () => {
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 14);
    expect(regularizedIncompleteBeta(0.2, 2, 3)).toBeCloseTo(1 - 0.8 ** 4 - 4 * 0.2 * 0.8 ** 3, 14); // binomial tail
  });
});

describe('Student t', () => {
  it('t with 1 degree of freedom is Cauchy: F(t) = 1/2 + atan(t)/π', () => {
    for (const t of [-3, -0.5, 0, 1, 7]) expect(studentTDistribution(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
  });
  // Published two-sided 95% and 99% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2).
  it.each([
    [0.975, 1, 12.706],
    [0.975, 2, 4.303],
    [0.975, 5, 2.571],
    [0.975, 10, 2.228],
    [0.975, 30, 2.042],
    [0.975, 100, 1.984],
    [0.995, 1, 63.657],
    [0.995, 10, 3.169],
    [0.95, 20, 1.725],
  ])('t(%s, %s) = %s', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 3);
  });
  it('is symmetric and exact in closed form for 2 degrees of freedom', () => {
    // For df = 2, t_p = (2p - 1) / sqrt(2p(1 - p)).
    for (const p of [0.6, 0.9, 0.975, 0.999]) expect(studentTQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-studentTQuantile(0.975, 5), 12);
  });
  it('rejects probabilities outside (0, 1)', () => {
    expect(() => studentTQuantile(1, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.9, 0)).toThrow(RangeError);
  });
});

describe('standard normal', () => {
  it.each([
    [0.975, 1.959963985],
    [0.995, 2.575829304],
    [0.95, 1.644853627],
    [0.8413447461, 1],
  ])('z(%s) = %s', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 8);
  });
  it('Φ(1.96) = 0.9750021', () => {
    expect(normalDistribution(1.96)).toBeCloseTo(0.9750021048517795, 12);
    expect(normalDistribution(-1.96)).toBeCloseTo(1 - 0.9750021048517795, 12);
  });
});
