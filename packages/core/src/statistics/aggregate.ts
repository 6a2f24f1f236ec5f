/**
 * Summaries for quality reports that say no more than the data allow: a mean with its
 * confidence interval, a pass rate with Wilson's interval, and no result at all for one staff
 * member with fewer than `minN` evaluations — a handful of mystery-shopper visits is too few to
 * judge a person by, and too few to keep them anonymous in a team report.
 */
import type { Reason } from '../errors.js';
import { meanConfidenceInterval, wilsonInterval } from './confidence.js';

/** Whose results these are. Only `staff` (one person) is hidden below `minN`. */
export type SummarySubject = 'staff' | 'team' | 'library';

export type SummaryReasonCode = 'suppressed_small_sample' | 'no_data' | 'single_value' | 'no_variation';

export interface SummaryOptions {
  /** Fewest evaluations before one staff member's results are shown (policy `rubrics.min_n`, default 5). */
  minN?: number;
  /** Confidence level, 0–1 (default 0.95). */
  level?: number;
  subject: SummarySubject;
}

export interface ScoreSummary {
  n: number;
  /** Mean in the scores' unit (percent for rubric scores), or null when hidden or there is no data. */
  mean: number | null;
  /** Confidence interval for the mean, or null when hidden or fewer than 2 scores. */
  ci: [number, number] | null;
  /** True when results exist but are hidden to protect an individual. */
  suppressed: boolean;
  /** Why something is missing or should be read with care. */
  reason?: Reason<SummaryReasonCode>;
}

export interface ProportionSummary {
  n: number;
  successes: number | null;
  /** successes / n, 0–1, or null when hidden or there is no data. */
  proportion: number | null;
  /** Wilson interval, 0–1. */
  ci: [number, number] | null;
  suppressed: boolean;
  reason?: Reason<SummaryReasonCode>;
}

function suppression(n: number, minN: number, subject: SummarySubject): Reason<SummaryReasonCode> | null {
  if (subject !== 'staff' || n >= minN || n === 0) return null;
  return {
    code: 'suppressed_small_sample',
    message: `Fewer than ${minN} evaluations; results are hidden to protect individual staff`,
  };
}

function checkMinN(minN: number): void {
  if (!Number.isInteger(minN) || minN < 1) throw new RangeError(`minN must be a whole number of 1 or more, got ${minN}`);
}

/** Mean and confidence interval of scores (their unit, e.g. percent), hidden for one staff member below `minN` evaluations. */
export function summarizeScores(values: readonly number[], options: SummaryOptions): ScoreSummary {
  const { minN = 5, level = 0.95, subject } = options;
  checkMinN(minN);
  const n = values.length;
  const hidden = suppression(n, minN, subject);
  if (hidden) return { n, mean: null, ci: null, suppressed: true, reason: hidden };
  if (n === 0) return { n, mean: null, ci: null, suppressed: false, reason: { code: 'no_data', message: 'No evaluations yet' } };
  if (n === 1) {
    return {
      n,
      mean: values[0]!,
      ci: null,
      suppressed: false,
      reason: { code: 'single_value', message: 'Only 1 evaluation; one score cannot show how much results vary, so there is no interval' },
    };
  }
  const interval = meanConfidenceInterval(values, level);
  if (!interval.ok) throw interval.error; // unreachable: n ≥ 2 here
  const { mean, lower, upper, standardDeviation } = interval.value;
  const summary: ScoreSummary = { n, mean, ci: [lower, upper], suppressed: false };
  if (standardDeviation === 0) {
    summary.reason = {
      code: 'no_variation',
      message: `All ${n} scores are the same; the interval has no width, which reflects the small sample, not certainty`,
    };
  }
  return summary;
}

/** Share of successes (e.g. passed evaluations) out of n, 0–1, with Wilson's interval; hidden for one staff member below `minN`. */
export function summarizeProportion(successes: number, n: number, options: SummaryOptions): ProportionSummary {
  const { minN = 5, level = 0.95, subject } = options;
  checkMinN(minN);
  const hidden = suppression(n, minN, subject);
  if (hidden) return { n, successes: null, proportion: null, ci: null, suppressed: true, reason: hidden };
  const interval = wilsonInterval(successes, n, level);
  if (!interval.ok) {
    return { n, successes: null, proportion: null, ci: null, suppressed: false, reason: { code: 'no_data', message: 'No evaluations yet' } };
  }
  const { proportion, lower, upper } = interval.value;
  return { n, successes, proportion, ci: [lower, upper], suppressed: false };
}
