import { DivergenceError } from './errors';
import { resolveBase, type LogBase } from './logBase';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { jsDivergenceOfPair, jsDivergenceTerm } from './jsDivergence';
import type { PairResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const JS_DISTANCE_FORMULA_LATEX = 'd_{\\mathrm{JS}}(P, Q) = \\sqrt{\\mathrm{JSD}(P\\,\\|\\,Q)}';

/**
 * Jensen–Shannon distance, the square root of the Jensen–Shannon divergence (a metric on distributions;
 * what SciPy's `scipy.spatial.distance.jensenshannon` returns):
 *
 *   d_JS(P, Q) = sqrt(JSD(P‖Q))        (LaTeX: {@link JS_DISTANCE_FORMULA_LATEX})
 *
 * with JSD in the unit of `options.base` (nats by default), so the unit is its square root, e.g.
 * 'sqrt(bits)' (for base 2, 0 ≤ d_JS ≤ 1).
 *
 * Conventions and edge cases: those of `jsDivergence` (which computes the divergence, never negative, so
 * the root is never NaN: SciPy's can be, scipy #20083); d_JS(P, P) = 0 exactly; symmetric; finite.
 *
 * @throws DivergenceError as `jsDivergence`; `invalid-parameter` for a base < 1 (the divergence is then ≤ 0).
 * @example
 * jsDistance([1, 0], [0.5, 0.5]).value                // 0.46450140402245904 (exact 0.4645014040224590059…; SciPy 0.46450140402245893)
 * jsDistance([1, 0, 0], [0, 1, 0], { base: 2 }).value // 1 (unit 'sqrt(bits)')
 */
export function jsDistance(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): PairResult<'js-distance'> {
  return jsDistanceOfPair(preparePair(p, q, options), resolveBase(options.base));
}

/** The Jensen–Shannon distance of a prepared pair (shared with `allMeasures`). */
export function jsDistanceOfPair(pair: DistributionPair, base: LogBase): PairResult<'js-distance'> {
  checkDistanceBase(base);
  const divergence = jsDivergenceOfPair(pair, base);
  return { ...divergence, measure: 'js-distance', value: Math.sqrt(divergence.value), unit: `sqrt(${divergence.unit})` };
}

/** The summand of the JSD under the root, ½(p ln(p/m) + q ln(q/m)) in nats: d_JS = √(Σ of them). */
export const jsDistanceTerm = jsDivergenceTerm;

/**
 * In a base below 1 the divergence is ≤ 0 and has no real square root (SciPy returns NaN there): the distance
 * needs a base > 1.
 */
export function checkDistanceBase(base: LogBase): void {
  if (base.lnBase < 0) {
    throw new DivergenceError('invalid-parameter', `the Jensen–Shannon distance needs a log base > 1: in base ${base.base} the divergence is negative and has no square root`, {
      array: 'base',
    });
  }
}
