import { sumLogDiagonal } from './cholesky';
import { checkGaussianParameter } from './gaussianKl';
import { resolveBase } from './logBase';
import { factorCovariance, type CovarianceMatrix } from './mvnKl';

/** The definitions, as the panel renders them (KaTeX); k is the dimension. */
export const GAUSSIAN_ENTROPY_FORMULA_LATEX = 'h\\big(\\mathcal{N}(\\mu,\\sigma^2)\\big) = \\frac{1}{2}\\ln\\!\\big(2\\pi e\\,\\sigma^2\\big)';
export const MVN_ENTROPY_FORMULA_LATEX = 'h\\big(\\mathcal{N}(\\mu,\\Sigma)\\big) = \\frac{1}{2}\\ln\\!\\big((2\\pi e)^k\\,|\\Sigma|\\big)';

export interface GaussianEntropyOptions {
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
}

export interface GaussianEntropyResult {
  readonly measure: 'gaussian-entropy';
  /** The differential entropy in `unit`. Unlike a discrete entropy it can be negative (σ < 1/√(2πe) ≈ 0.242). */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /** k: 1 for the univariate form. */
  readonly dimension: number;
  /** The value is the closed form. */
  readonly closedForm: true;
}

/** ½·(1 + ln 2π): the entropy of N(0, 1) in nats. */
const HALF_ONE_PLUS_LN_2PI = 0.5 * (1 + Math.log(2 * Math.PI));

/**
 * Differential entropy of a univariate normal distribution (σ the standard deviation; the mean does not
 * matter):
 *
 *   h(N(μ, σ²)) = ½·ln(2πe·σ²) = ½·(1 + ln 2π) + ln σ      (LaTeX: {@link GAUSSIAN_ENTROPY_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`. Computed as the sum on the right, so σ² is never
 * formed (it would overflow for σ > 1.3e154 and underflow for σ < 1.5e-154). It is negative for
 * σ < 1/√(2πe) and 0 at σ = 1/√(2πe).
 *
 * @throws DivergenceError `invalid-parameter` naming 'sigma' when σ is not finite and > 0, or for a bad base.
 * @example gaussianEntropy(1).value // 1.4189385332046727 (= scipy.stats.norm.entropy())
 */
export function gaussianEntropy(sigma: number, options: GaussianEntropyOptions = {}): GaussianEntropyResult {
  const base = resolveBase(options.base);
  checkGaussianParameter('sigma', sigma, 'sd');
  const nats = HALF_ONE_PLUS_LN_2PI + Math.log(sigma);
  return { measure: 'gaussian-entropy', value: nats / base.lnBase, unit: base.unit, base: base.base, dimension: 1, closedForm: true };
}

/**
 * Differential entropy of a k-variate normal distribution with covariance Σ (the mean does not matter):
 *
 *   h(N(μ, Σ)) = ½·ln((2πe)^k·|Σ|) = k·½·(1 + ln 2π) + Σ_i ln L_ii      (LaTeX: {@link MVN_ENTROPY_FORMULA_LATEX})
 *
 * with Σ = L·Lᵀ the Cholesky factorisation (½·ln|Σ| = Σ_i ln L_ii): the determinant itself is never formed,
 * as it over- or underflows long before its logarithm (|0.1·I| in 400 dimensions is 1e-400). In nats by
 * default, or in the unit of `options.base`. Can be negative.
 *
 * `cov` is validated as in `mvnKl` (name 'cov'): square, finite, symmetric within 1e-12, positive definite.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch` (not square), `invalid-value` (a non-finite entry),
 *   `not-positive-definite` (naming the row of the failing pivot), or `invalid-parameter` for a bad base.
 * @example mvnEntropy({ values: [1, 0, 0, 1], shape: [2, 2] }).value // 2.8378770664093453 (2·1.4189385332046727)
 */
export function mvnEntropy(cov: CovarianceMatrix, options: GaussianEntropyOptions = {}): GaussianEntropyResult {
  const base = resolveBase(options.base);
  const { l, d } = factorCovariance(cov, 'cov');
  const nats = d * HALF_ONE_PLUS_LN_2PI + sumLogDiagonal(l, d);
  return { measure: 'gaussian-entropy', value: nats / base.lnBase, unit: base.unit, base: base.base, dimension: d, closedForm: true };
}
