// Pearson's chi-square goodness-of-fit test, for sampled counts against an exact distribution.

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Q(a, x) = Γ(a, x)/Γ(a), the upper regularised incomplete gamma function. */
export function upperGammaRegularised(a: number, x: number): number {
  if (x <= 0) return 1;
  const front = Math.exp(a * Math.log(x) - x - logGamma(a));
  if (x < a + 1) {
    // P(a, x) by its series Σ x^n / (a (a+1) … (a+n)).
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - front * sum);
  }
  // Q(a, x) by its continued fraction, evaluated with the modified Lentz method.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return front * h;
}

/** P(χ² ≥ statistic) with `df` degrees of freedom. */
export const chiSquarePValue = (statistic: number, df: number) => (df <= 0 ? 1 : upperGammaRegularised(df / 2, statistic / 2));

export interface ChiSquareResult {
  statistic: number;
  df: number;
  p: number;
  bins: number;
  /** Outcomes that were sampled but have exact probability 0 (p is then 0). */
  impossible: string[];
}

/**
 * `counts` (outcome → count) against `exact` (outcome → probability). Outcomes whose expected
 * count is below `minExpected` are pooled into one bin (merged into the smallest other bin if
 * the pool is still below it).
 */
export function chiSquareTest(counts: Record<string, number>, exact: ReadonlyMap<string, number>, minExpected = 5): ChiSquareResult {
  const shots = Object.values(counts).reduce((a, b) => a + b, 0);
  const impossible = Object.keys(counts).filter((key) => !((exact.get(key) ?? 0) > 1e-12));
  const bins: { expected: number; observed: number }[] = [];
  const pool = { expected: 0, observed: 0 };
  for (const [key, probability] of exact) {
    const bin = { expected: probability * shots, observed: counts[key] ?? 0 };
    if (bin.expected >= minExpected) bins.push(bin);
    else {
      pool.expected += bin.expected;
      pool.observed += bin.observed;
    }
  }
  if (pool.expected >= minExpected || bins.length === 0) bins.push(pool);
  else if (pool.expected > 0 || pool.observed > 0) {
    const smallest = bins.reduce((a, b) => (b.expected < a.expected ? b : a));
    smallest.expected += pool.expected;
    smallest.observed += pool.observed;
  }
  const statistic = bins.reduce((sum, { expected, observed }) => sum + (expected > 0 ? (observed - expected) ** 2 / expected : 0), 0);
  const df = bins.length - 1;
  return { statistic, df, p: impossible.length ? 0 : chiSquarePValue(statistic, df), bins: bins.length, impossible };
}
