/**
 * Krippendorff's alpha: how far raters agree beyond chance when they score the same
 * interactions — the check a calibration session needs before peer-review scores can be trusted.
 * Follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): values are
 * tallied into a coincidence matrix over pairable values (units with at least two ratings),
 * and alpha = 1 − D_observed / D_expected under the level's difference function.
 */
import { LiaisonError, err, ok } from '../errors.js';
import type { Result } from '../errors.js';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaResult {
  /** 1 = perfect agreement, 0 = agreement no better than chance; may be negative. */
  alpha: number;
  level: MeasurementLevel;
  /** Number of pairable values (n in Krippendorff's notation). */
  pairableValues: number;
  /** Units (columns) with at least two ratings, the only ones alpha uses. */
  unitsUsed: number;
  /** Units left out because fewer than two raters rated them. */
  unitsDropped: number;
}

/** The squared difference δ² between the values at sorted positions c and k, for the level. */
function differenceFunction(level: MeasurementLevel, values: number[], marginals: number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c]! - values[k]!) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c]! + values[k]!;
        return sum === 0 ? 0 : ((values[c]! - values[k]!) / sum) ** 2;
      };
    case 'ordinal': {
      // Ordinal distance depends on how many values fall between two ranks, not their numeric gap:
      // δ²(c,k) = (Σ_{g=c..k} n_g − (n_c + n_k)/2)².
      const cumulative = [0];
      for (const count of marginals) cumulative.push(cumulative[cumulative.length - 1]! + count);
      return (c, k) => {
        const low = Math.min(c, k);
        const high = Math.max(c, k);
        const between = cumulative[high + 1]! - cumulative[low]!;
        return (between - (marginals[c]! + marginals[k]!) / 2) ** 2;
      };
    }
  }
}

function insufficient(message: string, hint: string): LiaisonError {
  return new LiaisonError('statistics_insufficient_data', message, [{ path: [], message, hint }]);
}

/** Krippendorff's alpha for `data[rater][unit]` (null = not rated) at the given level of measurement; units rated by fewer than two raters are dropped. */
export function krippendorffAlpha(data: readonly (readonly (number | null)[])[], level: MeasurementLevel): Result<AlphaResult, LiaisonError> {
  const unitCount = Math.max(0, ...data.map((row) => row.length));
  data.forEach((row, rater) =>
    row.forEach((value, unit) => {
      if (value !== null && !Number.isFinite(value)) throw new RangeError(`data[${rater}][${unit}] is ${String(value)}, not a number or null`);
      if (level === 'ratio' && value !== null && value < 0) throw new RangeError(`data[${rater}][${unit}] is ${value}; ratio data cannot be negative`);
    }),
  );

  const units: number[][] = [];
  for (let unit = 0; unit < unitCount; unit++) {
    const values = data.map((row) => row[unit]).filter((value): value is number => value !== null && value !== undefined);
    if (values.length >= 2) units.push(values);
  }
  if (units.length === 0) {
    return err(insufficient('no unit was rated by at least two raters, so there is nothing to compare', 'have two or more raters score the same interactions'));
  }

  const values = [...new Set(units.flat())].sort((a, b) => a - b);
  const position = new Map(values.map((value, i) => [value, i]));
  const size = values.length;
  const coincidences = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (const unitValues of units) {
    const counts = new Array<number>(size).fill(0);
    for (const value of unitValues) counts[position.get(value)!]! += 1;
    const weight = 1 / (unitValues.length - 1);
    for (let c = 0; c < size; c++) {
      if (counts[c] === 0) continue;
      for (let k = 0; k < size; k++) {
        // Ordered pairs of values from different raters within the unit.
        const pairs = counts[c]! * (c === k ? counts[k]! - 1 : counts[k]!);
        coincidences[c]![k]! += pairs * weight;
      }
    }
  }
  const marginals = coincidences.map((row) => row.reduce((sum, count) => sum + count, 0));
  const n = marginals.reduce((sum, count) => sum + count, 0);

  if (size < 2) {
    return err(insufficient(`every rating is ${values[0]}; with no variation alpha is undefined`, 'include interactions that differ, so agreement can be told from chance'));
  }

  const delta = differenceFunction(level, values, marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < size; c++) {
    for (let k = 0; k < size; k++) {
      const d = delta(c, k);
      observed += coincidences[c]![k]! * d;
      expected += marginals[c]! * marginals[k]! * d;
    }
  }
  if (expected === 0) {
    return err(insufficient('the ratings show no difference under this level of measurement, so alpha is undefined', 'check the level of measurement'));
  }
  // D_o = observed / n and D_e = expected / (n (n − 1)), so D_o / D_e = (n − 1) · observed / expected.
  const alpha = 1 - ((n - 1) * observed) / expected;
  return ok({ alpha, level, pairableValues: n, unitsUsed: units.length, unitsDropped: unitCount - units.length });
}
