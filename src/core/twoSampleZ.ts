import { DivergenceError } from './errors';
import { sampleMoments, validateSample, type SampleMoments } from './sampleStats';
import { normalSf } from './specialFunctions';

/** The statistic, as the panel renders it (KaTeX); s² are the unbiased (ddof = 1) sample variances. */
export const Z_TEST_FORMULA_LATEX = 'z = \\frac{\\bar{x}_P - \\bar{x}_Q}{\\sqrt{s_P^2/n + s_Q^2/m}}';

/** The result of a two-sample test of equal means (the z-test, Welch's t-test). */
export interface MeanTestResult<M extends string> {
  readonly measure: M;
  /** A two-sample hypothesis test of equal means (two-sided), not a divergence. */
  readonly kind: 'test';
  /** (mean_P − mean_Q)/standardError. */
  readonly statistic: number;
  /** The two-sided p-value, in [0, 1]; keeps its relative accuracy far into the tail. */
  readonly pvalue: number;
  /** mean_P − mean_Q. */
  readonly meanDifference: number;
  /** sqrt(s_P²/n + s_Q²/m). */
  readonly standardError: number;
  readonly means: { readonly p: number; readonly q: number };
  /** Unbiased sample variances (ddof = 1). */
  readonly variances: { readonly p: number; readonly q: number };
  readonly n: number;
  readonly m: number;
}

/** The z-test's result: `pvalue` is 2·P(Z > |z|) for a standard normal Z. */
export type TwoSampleZResult = MeanTestResult<'ztest'>;

/** The difference of means of two samples, its standard error and the samples' moments. */
export interface MeanDifference {
  readonly p: SampleMoments;
  readonly q: SampleMoments;
  readonly difference: number;
  readonly standardError: number;
}

/**
 * The difference of means and its standard error sqrt(s_P²/n + s_Q²/m), shared by the z and Welch tests.
 *
 * @throws DivergenceError `empty-input`, `invalid-parameter` (fewer than 2 values: the variance with
 *   ddof = 1 needs 2), `invalid-value` (a non-finite value; or both samples constant, when the statistic is
 *   0/0 or ±∞/0 and no test is defined).
 */
export function meanDifference(p: ArrayLike<number>, q: ArrayLike<number>, test: string): MeanDifference {
  const why = `the ${test} needs at least 2 values in each sample (variance with ddof = 1)`;
  validateSample(p, 'P', 2, why);
  validateSample(q, 'Q', 2, why);
  const mp = sampleMoments(p);
  const mq = sampleMoments(q);
  const standardError = Math.sqrt(mp.variance / mp.n + mq.variance / mq.n);
  if (!(standardError > 0 && standardError < Infinity)) {
    const problem =
      standardError === 0
        ? `P and Q are both constant (zero variance, or a spread whose square underflows): the ${test} statistic is undefined`
        : `the variances of P and Q overflow: the ${test} statistic is undefined`;
    throw new DivergenceError('invalid-value', problem);
  }
  // The means' rounding errors join the difference: nearly equal means (1e6 + small shifts) keep their digits.
  return { p: mp, q: mq, difference: mp.mean - mq.mean + (mp.meanError - mq.meanError), standardError };
}

/**
 * The result object of the test `measure` from the difference of means `d`, the statistic and its p-value;
 * `extra` fields (Welch's df) follow the p-value.
 */
export function meanTestResult<M extends string, E extends object>(
  measure: M,
  d: MeanDifference,
  statistic: number,
  pvalue: number,
  extra: E,
): MeanTestResult<M> & E {
  return {
    measure,
    kind: 'test',
    statistic,
    pvalue,
    ...extra,
    meanDifference: d.difference,
    standardError: d.standardError,
    means: { p: d.p.mean, q: d.q.mean },
    variances: { p: d.p.variance, q: d.q.variance },
    n: d.p.n,
    m: d.q.n,
  };
}

/**
 * Two-sample z-test of equal means (two-sided), with each variance estimated from its sample (ddof = 1):
 *
 *   z = (x̄_P − x̄_Q)/sqrt(s_P²/n + s_Q²/m),  p = 2·Φ̄(|z|) = erfc(|z|/√2)   (LaTeX: {@link Z_TEST_FORMULA_LATEX})
 *
 * The large-sample test: for small samples Welch's t is the honest one (`welchT`). Means and variances by
 * compensated two-pass sums, the difference of means with their rounding errors; the p-value from erfc
 * (fdlibm) with the rounding of |z|/√2 taken back (`normalSf`): a few ulp even at 1e-300 (z ≈ 37), 0 beyond
 * z ≈ 38.5. The same as `2 * scipy.stats.norm.sf(abs(z))` with
 * z from `numpy.var(ddof=1)` (and statsmodels' `ztest(usevar='unequal')`).
 *
 * @throws DivergenceError `empty-input`, `invalid-parameter` (a sample of 1 value), `invalid-value`
 *   (non-finite value; both samples constant).
 * @example twoSampleZ([1, 2, 3, 4], [2, 3, 4, 5, 6]) // statistic −1.5666989036012806, pvalue 0.11718508719813803
 */
export function twoSampleZ(p: ArrayLike<number>, q: ArrayLike<number>): TwoSampleZResult {
  const d = meanDifference(p, q, 'z-test');
  const statistic = d.difference / d.standardError;
  return meanTestResult('ztest', d, statistic, Math.min(1, 2 * normalSf(Math.abs(statistic))), {});
}
