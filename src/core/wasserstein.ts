import { cdfDistanceIntegral, cdfDistanceResult, type CdfDistanceResult, type SampleWeights } from './cdfDistance';

/** The definition for 1-D distributions, as the panel renders it (KaTeX). */
export const WASSERSTEIN_FORMULA_LATEX = 'W_1(P, Q) = \\int_{-\\infty}^{\\infty} \\left| F_P(x) - F_Q(x) \\right| \\, dx';

/** Weights of the values of P and Q. */
export type WassersteinOptions = SampleWeights;

/** W1 ≥ 0 in `value`, in the units of the values; 0 when P and Q are the same weighted sample. */
export type WassersteinResult = CdfDistanceResult<'wasserstein'>;

/**
 * The first Wasserstein (earth mover's) distance between two 1-D empirical distributions, optionally
 * weighted, exactly as `scipy.stats.wasserstein_distance(p, q, pWeights, qWeights)`:
 *
 *   W_1 = ∫ |F_P(x) − F_Q(x)| dx   (LaTeX: {@link WASSERSTEIN_FORMULA_LATEX})
 *
 * the minimal cost of moving the mass of P onto Q, computed from the CDFs of the pooled sorted values (see
 * `cdfDistanceIntegral`). Weights are normalised by their sums (that is not reported as normalisation: weights
 * are relative by definition). Symmetric in P and Q.
 *
 * @throws DivergenceError `empty-input`, `invalid-value` (non-finite value; negative or non-finite weight),
 *   `length-mismatch` (weights vs values), `zero-sum` (all weights 0).
 * @example wasserstein([0, 1, 3], [5, 6, 8]).value // 5
 * @example wasserstein([0, 1], [0, 1], { pWeights: [3, 1], qWeights: [2, 2] }).value // 0.25
 */
export function wasserstein(p: ArrayLike<number>, q: ArrayLike<number>, options: WassersteinOptions = {}): WassersteinResult {
  return cdfDistanceResult('wasserstein', cdfDistanceIntegral(p, q, 1, options.pWeights, options.qWeights), p, q, options);
}
