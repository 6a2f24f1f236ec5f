/**
 * The Poisson upper tail: how likely it is to see at least k events in a period when they arrive
 * at random at a usual rate. Spike detection asks it whether a week's count of complaints is more
 * than chance would bring.
 */

/** ln(k!) for a whole number k ≥ 0, summed directly: the counts here are at most a few thousand. */
function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i += 1) sum += Math.log(i);
  return sum;
}

/** P(X = k) for X ~ Poisson(mean), computed in logarithms so large counts do not overflow. */
function probabilityOf(k: number, mean: number): number {
  return Math.exp(-mean + k * Math.log(mean) - logFactorial(k));
}

/**
 * P(X ≥ k) for X ~ Poisson(mean): the chance of at least `k` events (a whole number) when `mean`
 * (≥ 0) are expected. Summed from the side that keeps small answers precise.
 */
export function poissonUpperTail(k: number, mean: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`poissonUpperTail: k must be a whole number, not ${k}`);
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poissonUpperTail: mean must be a finite number ≥ 0, not ${mean}`);
  if (k <= 0) return 1;
  if (mean === 0) return 0;
  if (k > mean) {
    // Terms fall from k onwards, so summing upward until they stop mattering keeps a tiny tail
    // exact where 1 − P(X < k) would round to zero.
    let term = probabilityOf(k, mean);
    let sum = term;
    for (let i = k + 1; term > sum * 1e-17; i += 1) {
      term *= mean / i;
      sum += term;
    }
    return Math.min(1, sum);
  }
  // Here the tail is large (about a half or more), so 1 − P(X < k) loses nothing; terms fall
  // from k − 1 downward.
  let term = probabilityOf(k - 1, mean);
  let below = term;
  for (let i = k - 1; i >= 1 && term > below * 1e-17; i -= 1) {
    term *= i / mean;
    below += term;
  }
  return Math.max(0, 1 - below);
}
