import { ksTwoSidedSf } from './ksDistribution';
import { validateSample } from './sampleStats';

/** The statistic, as the panel renders it (KaTeX). */
export const KS_FORMULA_LATEX = 'D_{n,m} = \\sup_x \\left| F_{P,n}(x) - F_{Q,m}(x) \\right|';

/** `auto` takes the exact p-value while both sample sizes are at most this (SciPy's MAX_AUTO_N). */
export const KS_MAX_EXACT_N = 10000;

export interface KsResult {
  readonly measure: 'ks';
  /** A two-sample hypothesis test (alternative: two-sided), not a divergence. */
  readonly kind: 'test';
  /**
   * D = max_x |F_P(x) − F_Q(x)| of the empirical CDFs, in [0, 1]. With the exact method it is h/lcm(n, m)
   * for the integer h nearest D·lcm(n, m), as SciPy reports it.
   */
  readonly statistic: number;
  /** P(D ≥ statistic) under H0 (both samples from one continuous distribution), in [0, 1]. */
  readonly pvalue: number;
  /** 'exact' while max(n, m) ≤ {@link KS_MAX_EXACT_N}, else 'asymptotic' (as SciPy's method='auto'). */
  readonly method: 'exact' | 'asymptotic';
  /** The value (from P or Q) at which |F_P − F_Q| is largest (the first such, as SciPy's argmax). */
  readonly location: number;
  /** +1 when F_P > F_Q there (P tends to smaller values), −1 when F_P < F_Q. */
  readonly sign: 1 | -1;
  readonly n: number;
  readonly m: number;
}

/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, with SciPy's `ks_2samp(p, q, method='auto')` semantics
 * (SciPy 1.17):
 *
 *   D = sup_x |F_P(x) − F_Q(x)|   (LaTeX: {@link KS_FORMULA_LATEX})
 *
 * - the empirical CDFs are right-continuous and evaluated at every pooled value, so ties (within and between
 *   the samples) are handled as SciPy does; the location is the first pooled value (P's sorted values, then
 *   Q's) where the larger of max(F_P − F_Q) and max(F_Q − F_P) occurs, the positive side winning a tie;
 * - p-value 'exact' when max(n, m) ≤ 10000: D is rounded to h/lcm(n, m) and P(D ≥ h/lcm) is the proportion
 *   of lattice paths from (0, 0) to (n, m) that leave the band |x/n − y/m| < h/lcm: for n = m the
 *   Gnedenko–Korolyuk alternating sum of binomial ratios, nested Horner-like; otherwise Hodges' (1958)
 *   inside method with Viehmann's (2021) recursion for the complementary probability (the same
 *   floating-point operations as SciPy, so the same doubles); a value it cannot represent (outside
 *   [0, 1]) falls back to the asymptotic method, as SciPy's does;
 * - 'asymptotic' otherwise: kstwo.sf(D, round(n·m/(n + m))) (the finite-n two-sided one-sample distribution
 *   with the effective size, see `ksTwoSidedSf`), rounded half to even as NumPy does;
 * - the p-value is clipped to [0, 1]. Two identical samples give D = 0 and p = 1.
 *
 * @throws DivergenceError `empty-input` for an empty sample, `invalid-value` (naming P or Q and the index) for
 *   NaN or ±Infinity.
 * @example
 * ksTest([1, 2, 3], [4, 5, 6])          // statistic 1, pvalue 0.09999999999999999 (= 2/C(6, 3)), method 'exact', location 3, sign 1
 * ksTest([0.1, 0.4, 0.7], [0.2, 0.5]).pvalue // 1 (D = 1/3)
 */
export function ksTest(p: ArrayLike<number>, q: ArrayLike<number>): KsResult {
  validateSample(p, 'P');
  validateSample(q, 'Q');
  const n1 = p.length;
  const n2 = q.length;
  const a = Float64Array.from(p).sort();
  const b = Float64Array.from(q).sort();

  // cdf1 − cdf2 at every pooled value, in SciPy's order (a's values, then b's), tracking the first argmin and
  // argmax. The counts come from two monotone pointers (searchsorted 'right' on sorted data).
  let maxDiff = -Infinity;
  let minDiff = Infinity;
  let maxAt = 0;
  let minAt = 0;
  for (const values of [a, b]) {
    let ia = 0;
    let ib = 0;
    for (let i = 0; i < values.length; i++) {
      const x = values[i]!;
      while (ia < n1 && a[ia]! <= x) ia++;
      while (ib < n2 && b[ib]! <= x) ib++;
      const diff = ia / n1 - ib / n2;
      if (diff > maxDiff) {
        maxDiff = diff;
        maxAt = x;
      }
      if (diff < minDiff) {
        minDiff = diff;
        minAt = x;
      }
    }
  }
  const minS = Math.min(1, Math.max(0, -minDiff));
  const negative = minS > maxDiff;
  const statistic = negative ? minS : maxDiff;
  const location = negative ? minAt : maxAt;
  const sign: 1 | -1 = negative ? -1 : 1;
  return { measure: 'ks', kind: 'test', ...ksPValue(statistic, n1, n2), location, sign, n: n1, m: n2 };
}

/**
 * The p-value of the statistic D of two samples of sizes n1 and n2, as `ksTest` gives it (exact or
 * asymptotic, see there), with D as reported (rounded to h/lcm(n1, n2) by the exact method): for an engine
 * that computed D where the data lives.
 */
export function ksPValue(statistic: number, n1: number, n2: number): Pick<KsResult, 'statistic' | 'pvalue' | 'method'> {
  let method: 'exact' | 'asymptotic' = Math.max(n1, n2) <= KS_MAX_EXACT_N ? 'exact' : 'asymptotic';
  let pvalue = NaN;
  if (method === 'exact') {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = roundHalfEven(statistic * lcm);
    statistic = h / lcm;
    if (h === 0) pvalue = 1;
    else pvalue = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
    if (!(pvalue >= 0 && pvalue <= 1)) method = 'asymptotic';
  }
  if (method === 'asymptotic') {
    const en = (n1 * n2) / (n1 + n2);
    pvalue = ksTwoSidedSf(roundHalfEven(en), statistic);
  }
  return { statistic, pvalue: Math.min(1, Math.max(0, pvalue)), method };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Round to the nearest integer, ties to even (NumPy's `np.round`, Python's `round`). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * P(D_{n,n} ≥ h/n) = 2·Σ_{k≥1} (−1)^{k−1} C(2n, n − kh)/C(2n, n), summed as SciPy's
 * `_compute_prob_outside_square` does: each ratio as a product of h simple factors, nested Horner-like as
 * 2·A1·(1 − A2·(1 − A3·(…))) to avoid the alternating sum's cancellation.
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * The proportion of lattice paths from (0, 0) to (m, n) that do not stay strictly inside the band
 * |x/m − y/n| < h/lcm(m, n): SciPy's `_compute_outer_prob_inside_method`, Hodges' inside method with
 * Viehmann's (2021) recursion for 1 − p, one column of the path-count matrix at a time over a sliding window,
 * each entry a weighted mean (A(x, y−1)·i + A(x−1, y)·j)/(i + j) so that nothing overflows.
 */
function probabilityOutsideBand(n1: number, n2: number, g: number, h: number): number {
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, Math.min(lenA, maxj - minj + (lastlen - curlen)));
  }
  return A[maxj - minj - 1]!;
}
