import { DivergenceError } from './errors';
import { resolveBase } from './logBase';
import { logRatio } from './numeric';

/** The definition, as the panel renders it (KaTeX) and as documented below. σ is the standard deviation. */
export const GAUSSIAN_KL_FORMULA_LATEX =
  'D_{\\mathrm{KL}}\\big(\\mathcal{N}(\\mu_0,\\sigma_0^2)\\,\\|\\,\\mathcal{N}(\\mu_1,\\sigma_1^2)\\big) = ' +
  '\\ln\\frac{\\sigma_1}{\\sigma_0} + \\frac{\\sigma_0^2 + (\\mu_0-\\mu_1)^2}{2\\sigma_1^2} - \\frac{1}{2}';

export interface GaussianKlOptions {
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
}

export interface GaussianKlResult {
  readonly measure: 'gaussian-kl';
  /** D(N(μ0, σ0²) ‖ N(μ1, σ1²)) in `unit`: ≥ 0, 0 exactly when μ0 = μ1 and σ0 = σ1; never NaN. */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /** The value is the closed form (not an estimate). */
  readonly closedForm: true;
}

/**
 * 1/n! for n = 2 .. 19: e^x − 1 − x = x²·Σ_{n≥2} x^(n−2)/n!, and for |x| ≤ 1 the terms past 1/19! are below
 * 2^-55 of the sum.
 */
const EXP_SERIES: readonly number[] = (() => {
  const c: number[] = [];
  let f = 1;
  for (let n = 2; n <= 19; n++) {
    f *= n;
    c.push(1 / f);
  }
  return c;
})();

/**
 * e^x − 1 − x (≥ 0 for every x, 0 only at x = 0), accurate to a few ulp everywhere, including near 0 where
 * `Math.expm1(x) - x` keeps only a relative accuracy of about u/|x| (the x²/2 that is left sits below the
 * rounding of expm1(x) ≈ x: 1e-6 at x = 1e-10, nothing at 1e-16). For |x| ≤ 1 the Taylor series
 * x²·(1/2 + x/6 + x²/24 + …) by Horner's rule; for x < −1 the sum of two positives e^x + (−1 − x); for x > 1,
 * expm1(x) − x, which cancels by at most a factor 2.4.
 *
 * @example expm1MinusX(1e-10) // 5.000000000166667e-21 (Math.expm1(1e-10) - 1e-10 gives 4.999996610153345e-21)
 */
export function expm1MinusX(x: number): number {
  if (Math.abs(x) <= 1) {
    let s = EXP_SERIES[EXP_SERIES.length - 1]!;
    for (let k = EXP_SERIES.length - 2; k >= 0; k--) s = s * x + EXP_SERIES[k]!;
    return x * x * s;
  }
  if (x < -1) return Math.exp(x) + (-1 - x);
  return Math.expm1(x) - x;
}

/**
 * Throws `invalid-parameter` unless `value` is a finite mean (`kind` 'mean') or a finite standard deviation
 * > 0 (`kind` 'sd'), naming the parameter as the caller spells it ('mu0', 'sigma1', ...).
 */
export function checkGaussianParameter(name: string, value: number, kind: 'mean' | 'sd'): void {
  if (kind === 'mean' ? Number.isFinite(value) : value > 0 && value < Infinity) return;
  const rule = kind === 'mean' ? 'a mean must be a finite number' : 'a standard deviation must be finite and > 0';
  throw new DivergenceError('invalid-parameter', `${name} is ${String(value)}: ${rule}`, { array: name });
}

/**
 * ½·(r² − 1 − 2 ln r) with r = σ0/σ1 (> 0): D(N(0, σ0²) ‖ N(0, σ1²)) in nats, the part of the Gaussian KL
 * that the scales contribute (≥ 0, 0 only when σ0 = σ1). With t = ln r = logRatio(σ0, σ1), never forming
 * σ0/σ1 for it, r² − 1 − 2 ln r = e^{2t} − 1 − 2t = expm1MinusX(2t), accurate to a few ulp however close σ0
 * is to σ1; where |2t| > 1 it is taken from r itself (r² from e^{2t} would carry the rounding of 2t, |2t|·u,
 * into its relative error), halved before squaring so that a result near the largest double does not
 * overflow on the way.
 */
export function scaleDivergence(sigma0: number, sigma1: number): number {
  const x = 2 * logRatio(sigma0, sigma1);
  if (Math.abs(x) <= 1) return 0.5 * expm1MinusX(x);
  const r = sigma0 / sigma1;
  return x < 0 ? 0.5 * (r * r) + 0.5 * (-1 - x) : r * (0.5 * r) - 0.5 * (1 + x);
}

/**
 * D(N(μ0, σ0²) ‖ N(μ1, σ1²)) in nats, for valid parameters (see {@link gaussianKl}), as
 *   D = ½·(r² − 1 − 2 ln r) + ½·z²,  r = σ0/σ1,  z = (μ0 − μ1)/σ1,
 * a sum of two terms ≥ 0 (the first from {@link scaleDivergence}).
 */
export function gaussianKlNats(mu0: number, sigma0: number, mu1: number, sigma1: number): number {
  const delta = mu0 - mu1;
  // μ0 − μ1 overflows only when the means have opposite signs: the scaled difference may still be finite.
  const z = Number.isFinite(delta) ? delta / sigma1 : mu0 / sigma1 - mu1 / sigma1;
  return scaleDivergence(sigma0, sigma1) + z * (0.5 * z);
}

/**
 * Kullback–Leibler divergence of one univariate normal distribution from another (σ is the standard
 * deviation, not the variance):
 *
 *   D(N(μ0, σ0²) ‖ N(μ1, σ1²)) = ln(σ1/σ0) + (σ0² + (μ0 − μ1)²)/(2σ1²) − ½   (LaTeX: {@link GAUSSIAN_KL_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`. It is not symmetric: the reverse direction
 * D(N(μ1, σ1²) ‖ N(μ0, σ0²)) is `gaussianKl(mu1, sigma1, mu0, sigma0)`, and {@link gaussianKlBoth} gives both.
 *
 * Computed as ½·[(r² − 1 − 2 ln r) + ((μ0 − μ1)/σ1)²] with r = σ0/σ1 (see {@link gaussianKlNats}): both terms
 * are ≥ 0, so nothing cancels, and r² − 1 − 2 ln r is taken from t = ln r as e^{2t} − 1 − 2t by a series
 * where r ≈ 1. The textbook form subtracts ½ from terms near ½ and keeps only the absolute accuracy 1e-16:
 * at σ0 = σ1·(1 + 1e-8), where D ≈ 1e-16, it has no correct digit; this has all but the last.
 *
 * Edge cases: D = 0 exactly when μ0 = μ1 and σ0 = σ1; a value beyond the largest double (σ0/σ1 ≈ 1.9e154 or
 * more, or |μ0 − μ1|/σ1 ≈ 1.9e154 or more) is Infinity, as the exact value rounds.
 *
 * @throws DivergenceError `invalid-parameter` naming the parameter ('mu0', 'sigma0', 'mu1', 'sigma1') when a
 *   mean is not finite or a standard deviation is not finite and > 0; or for a bad base.
 * @example
 * gaussianKl(0, 1, 1, 2).value            // 0.4431471805599453 (= ln 2 + 2/8 − ½)
 * gaussianKl(0, 1, 0, 1 + 1e-8).value     // 9.99999971178392e-17 (exact 9.99999971178391957…e-17; the textbook form gives 2.2e-16)
 * gaussianKl(0, 1, 1, 2, { base: 2 }).unit // 'bits'
 */
export function gaussianKl(mu0: number, sigma0: number, mu1: number, sigma1: number, options: GaussianKlOptions = {}): GaussianKlResult {
  const base = resolveBase(options.base);
  checkGaussianParameter('mu0', mu0, 'mean');
  checkGaussianParameter('sigma0', sigma0, 'sd');
  checkGaussianParameter('mu1', mu1, 'mean');
  checkGaussianParameter('sigma1', sigma1, 'sd');
  return {
    measure: 'gaussian-kl',
    value: gaussianKlNats(mu0, sigma0, mu1, sigma1) / base.lnBase,
    unit: base.unit,
    base: base.base,
    closedForm: true,
  };
}

export interface GaussianKlBothResult {
  /** D(N(μ0, σ0²) ‖ N(μ1, σ1²)). */
  readonly forward: GaussianKlResult;
  /** D(N(μ1, σ1²) ‖ N(μ0, σ0²)). */
  readonly reverse: GaussianKlResult;
  /** Jeffreys' symmetric divergence J = forward + reverse, in the same unit. */
  readonly jeffreys: number;
}

/**
 * Both directions of {@link gaussianKl} at once, for the panel: KL is not symmetric, and the two directions
 * differ whenever σ0 ≠ σ1 (with equal σ both are (μ0 − μ1)²/(2σ²)). Same validation and options.
 *
 * @example
 * const { forward, reverse } = gaussianKlBoth(0, 1, 1, 2);
 * forward.value // 0.4431471805599453
 * reverse.value // 1.3068528194400546 (= −ln 2 + 5/2 − ½)
 */
export function gaussianKlBoth(mu0: number, sigma0: number, mu1: number, sigma1: number, options: GaussianKlOptions = {}): GaussianKlBothResult {
  const forward = gaussianKl(mu0, sigma0, mu1, sigma1, options);
  const reverse = gaussianKl(mu1, sigma1, mu0, sigma0, options);
  return { forward, reverse, jeffreys: forward.value + reverse.value };
}
