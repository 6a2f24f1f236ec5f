import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './alpha.js';
import type { MeasurementLevel } from './alpha.js';

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
// four observers, twelve units, values 1–5, with missing data.
const fourObservers = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
];

describe('krippendorffAlpha', () => {
  it.each<[MeasurementLevel, number]>([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ])("reproduces Krippendorff's published %s alpha (%s) for the four-observer example", (level, published) => {
    const result = krippendorffAlpha(fourObservers, level);
    if (!result.ok) throw result.error;
    expect(result.value.alpha).toBeCloseTo(published, 3);
    // Unit 12 has one value and is dropped; the rest give 40 pairable values.
    expect(result.value.unitsUsed).toBe(11);
    expect(result.value.unitsDropped).toBe(1);
    expect(result.value.pairableValues).toBe(40);
  });

  it("reproduces the two-observer binary example from the same paper (alpha = 0.095)", () => {
    const result = krippendorffAlpha(
      [
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ],
      'nominal',
    );
    if (!result.ok) throw result.error;
    expect(result.value.alpha).toBeCloseTo(0.095, 3);
    expect(result.value.pairableValues).toBe(20);
  });

  it('reproduces the three-coder, fifteen-unit example (Wikipedia; fast-krippendorff tests): nominal 0.691, interval 0.811', () => {
    const data = [
      [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
      [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
      [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ];
    const nominal = krippendorffAlpha(data, 'nominal');
    const interval = krippendorffAlpha(data, 'interval');
    if (!nominal.ok || !interval.ok) throw new Error('expected results');
    expect(nominal.value.alpha).toBeCloseTo(0.691358, 6);
    expect(interval.value.alpha).toBeCloseTo(0.810845, 6);
  });

  it('gives 1 for perfect agreement at every level', () => {
    const data = [
      [1, 2, 3, 4],
      [1, 2, 3, 4],
    ];
    for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as const) {
      const result = krippendorffAlpha(data, level);
      if (!result.ok) throw result.error;
      expect(result.value.alpha).toBe(1);
    }
  });

  it('treats ratio zeros as agreeing with each other', () => {
    const result = krippendorffAlpha(
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
      'ratio',
    );
    if (!result.ok) throw result.error;
    expect(result.value.alpha).toBe(1);
  });

  it('is the same whichever order the raters come in', () => {
    const reordered = [fourObservers[2]!, fourObservers[0]!, fourObservers[3]!, fourObservers[1]!];
    const a = krippendorffAlpha(fourObservers, 'ordinal');
    const b = krippendorffAlpha(reordered, 'ordinal');
    if (!a.ok || !b.ok) throw new Error('expected results');
    expect(b.value.alpha).toBeCloseTo(a.value.alpha, 12);
  });

  it.each([
    ['no variation', [[3, 3, 3], [3, 3, 3]], /no variation/],
    ['no unit rated twice', [[1, null], [null, 2]], /at least two raters/],
    ['no raters', [], /at least two raters/],
  ])('refuses %s', (_name, data, message) => {
    const result = krippendorffAlpha(data as (number | null)[][], 'nominal');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('statistics_insufficient_data');
      expect(result.error.message).toMatch(message);
    }
  });

  it('throws on values that are not numbers, and negative ratio values', () => {
    expect(() => krippendorffAlpha([[1, Number.NaN], [1, 2]], 'interval')).toThrow(RangeError);
    expect(() => krippendorffAlpha([[-1, 2], [1, 2]], 'ratio')).toThrow(RangeError);
  });
});
