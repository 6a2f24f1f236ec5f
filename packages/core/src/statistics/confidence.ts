/**
 * Confidence intervals for the two numbers a quality report shows: an average score (Student's t
 * interval for a mean) and a pass rate (Wilson's score interval for a proportion, which stays
 * inside 0–1 and behaves at 0 of n and n of n, where the textbook ± formula does not).
 */
import { LiaisonError, err, ok } from '../errors.js';
import type { Result } from '../errors.js';
import { normalQuantile, studentTQuantile } from './quantile.js';

export interface MeanInterval {
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator), in the values' unit. */
  standardDeviation: number;
  lower: number;
  upper: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

export interface ProportionInterval {
  successes: number;
  n: number;
  /** successes / n, 0–1. */
  proportion: number;
  /** Bounds, 0–1. */
  lower: number;
  upper: number;
  level: number;
}

// A bad level or a non-number is a caller's mistake, not a property of the data: those throw.
// Too little data is an honest outcome a report must show: that is a Result.
function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1 (e.g. 0.95), got ${level}`);
}

/** Student's t confidence interval for the mean of `values` (their unit) at `level` (0–1, default 0.95); needs at least 2 values. Throws RangeError on a level outside (0, 1) or a non-finite value. */
export function meanConfidenceInterval(values: readonly number[], level = 0.95): Result<MeanInterval, LiaisonError> {
  checkLevel(level);
  const notFinite = values.findIndex((value) => !Number.isFinite(value));
  if (notFinite >= 0) throw new RangeError(`values[${notFinite}] is ${String(values[notFinite])}, not a finite number`);
  const n = values.length;
  if (n < 2) {
    return err(
      new LiaisonError('statistics_insufficient_data', `a confidence interval needs at least 2 values; there ${n === 1 ? 'is 1' : 'are none'}`, [
        { path: [], message: `has ${n} value${n === 1 ? '' : 's'}`, hint: 'collect more evaluations' },
      ]),
    );
  }
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const standardDeviation = Math.sqrt(variance);
  const halfWidth = studentTQuantile((1 + level) / 2, n - 1) * (standardDeviation / Math.sqrt(n));
  return ok({ n, mean, standardDeviation, lower: mean - halfWidth, upper: mean + halfWidth, level });
}

/** Wilson score interval (Wilson 1927, without continuity correction) for `successes` out of `n` at `level` (0–1, default 0.95); bounds are 0–1. Throws RangeError on impossible counts. */
export function wilsonInterval(successes: number, n: number, level = 0.95): Result<ProportionInterval, LiaisonError> {
  checkLevel(level);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number of 0 or more, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be a whole number from 0 to n (${n}), got ${successes}`);
  }
  if (n === 0) {
    return err(
      new LiaisonError('statistics_insufficient_data', 'a proportion needs at least 1 evaluation; there are none', [
        { path: ['n'], message: 'is 0', hint: 'collect at least one evaluation' },
      ]),
    );
  }
  const z = normalQuantile((1 + level) / 2);
  const z2 = z * z;
  const p = successes / n;
  const centre = (successes + z2 / 2) / (n + z2);
  const halfWidth = (z * Math.sqrt(n * p * (1 - p) + z2 / 4)) / (n + z2);
  // At 0 or n successes a bound is exactly 0 or 1; clamp the rounding error that would cross it.
  return ok({
    successes,
    n,
    proportion: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - halfWidth),
    upper: successes === n ? 1 : Math.min(1, centre + halfWidth),
    level,
  });
}
