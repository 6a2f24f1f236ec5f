/**
 * Quantiles of Student's t and the standard normal distribution, for confidence intervals.
 *
 * Written here rather than taken from a package so core stays dependency-free and runs in a
 * browser and a service worker. The method is the textbook one: the distribution functions come
 * from the regularised incomplete beta and gamma functions (continued fraction and series,
 * evaluated with the modified Lentz method, as in Press et al., Numerical Recipes, §6.2–6.4),
 * and each quantile is found by bisection on its distribution function, which is monotone, so
 * the search cannot diverge. Accuracy is about 1e-12, far beyond what a score report shows.
 */

// Lanczos approximation, g = 7, n = 9 (relative error below 1e-15 for positive arguments).
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural logarithm of the gamma function, for x > 0. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const z = x - 1;
  let sum = lanczos[0]!;
  for (let i = 1; i < lanczos.length; i++) sum += lanczos[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const epsilon = 1e-15;
const tiny = 1e-300;
const maxIterations = 1000;

/** Continued fraction for the incomplete beta function (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only below the mean; use the symmetry above it.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Regularised lower incomplete gamma function P(a, x), for a > 0 and x ≥ 0. */
export function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  const logFront = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    // Series.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= maxIterations; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * epsilon) break;
    }
    return sum * Math.exp(logFront);
  }
  // Continued fraction for the upper function Q(a, x) (modified Lentz).
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= maxIterations; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return 1 - Math.exp(logFront) * h;
}

/** Probability that Student's t with `degreesOfFreedom` is at most `t`. */
export function studentTDistribution(t: number, degreesOfFreedom: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Probability that a standard normal variable is at most `z`. */
export function normalDistribution(z: number): number {
  const half = 0.5 * regularizedLowerGamma(0.5, (z * z) / 2); // erf(|z|/√2) / 2
  return z >= 0 ? 0.5 + half : 0.5 - half;
}

/** The x at which an increasing distribution function reaches probability p (0.5 < p < 1), by bisection above 0. */
function upperQuantile(distribution: (x: number) => number, p: number): number {
  let low = 0;
  let high = 1;
  while (distribution(high) < p) {
    low = high;
    high *= 2;
    if (high > 1e12) return Infinity;
  }
  for (let i = 0; i < 200 && high - low > 1e-13 * high; i++) {
    const middle = (low + high) / 2;
    if (distribution(middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

function checkProbability(p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be between 0 and 1, got ${p}`);
}

/** The t value below which Student's t with `degreesOfFreedom` (> 0) falls with probability p (0 < p < 1). */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  checkProbability(p);
  if (!(degreesOfFreedom > 0)) throw new RangeError(`degrees of freedom must be more than 0, got ${degreesOfFreedom}`);
  if (p === 0.5) return 0;
  const upper = upperQuantile((t) => studentTDistribution(t, degreesOfFreedom), p > 0.5 ? p : 1 - p);
  return p > 0.5 ? upper : -upper;
}

/** The z value below which a standard normal variable falls with probability p (0 < p < 1). */
export function normalQuantile(p: number): number {
  checkProbability(p);
  if (p === 0.5) return 0;
  const upper = upperQuantile(normalDistribution, p > 0.5 ? p : 1 - p);
  return p > 0.5 ? upper : -upper;
}
