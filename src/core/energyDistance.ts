import { cdfDistanceIntegral, cdfDistanceResult, type CdfDistanceResult, type SampleWeights } from './cdfDistance';

/** The definition for 1-D distributions, as the panel renders it (KaTeX). */
export const ENERGY_DISTANCE_FORMULA_LATEX =
  'D_E(P, Q) = \\left(2\\,\\mathbb{E}|X - Y| - \\mathbb{E}|X - X\'| - \\mathbb{E}|Y - Y\'|\\right)^{1/2} = ' +
  '\\left(2 \\int_{-\\infty}^{\\infty} \\left(F_P(x) - F_Q(x)\\right)^2 dx\\right)^{1/2}';

/** Weights of the values of P and Q, as for Wasserstein. */
export type EnergyDistanceOptions = SampleWeights;

/** D_E ≥ 0 in `value` (the square root: the metric, not its square), in the units of the values. */
export type EnergyDistanceResult = CdfDistanceResult<'energy'>;

/**
 * The energy distance between two 1-D empirical distributions, optionally weighted, exactly as
 * `scipy.stats.energy_distance(p, q, pWeights, qWeights)`:
 *
 *   D_E = (2E|X−Y| − E|X−X'| − E|Y−Y'|)^{1/2} = √2·(∫ (F_P − F_Q)² dx)^{1/2}   (LaTeX: {@link ENERGY_DISTANCE_FORMULA_LATEX})
 *
 * the square root (Székely & Rizzo's metric; some authors call its square the energy distance), computed from
 * the CDFs of the pooled sorted values (see `cdfDistanceIntegral`). ≥ 0 by construction, symmetric.
 *
 * @throws DivergenceError as `wasserstein`.
 * @example energyDistance([0], [2]).value // 2.0000000000000004 (√2·√2)
 * @example energyDistance([0, 8], [0, 8], { pWeights: [3, 1], qWeights: [2, 2] }).value // 1.0000000000000002
 */
export function energyDistance(p: ArrayLike<number>, q: ArrayLike<number>, options: EnergyDistanceOptions = {}): EnergyDistanceResult {
  const integral = cdfDistanceIntegral(p, q, 2, options.pWeights, options.qWeights);
  return cdfDistanceResult('energy', Math.SQRT2 * Math.sqrt(integral), p, q, options);
}
