/**
 * Percentiles of a sample, the way PostgreSQL's `percentile_cont` and R's default `quantile`
 * (Hyndman & Fan type 7) compute them: sort, then interpolate linearly between the two values
 * around position p·(n−1). The dashboard asks SQL for these over a year of hand-offs; this is the
 * readable rule its figures are checked against.
 */

/** The p-th percentile (p from 0 to 1) of `values`, in their unit; null for an empty sample. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be between 0 and 1, got ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/** The median (50th percentile) of `values`; null for an empty sample. */
export function median(values: readonly number[]): number | null {
  return percentile(values, 0.5);
}
