import { resolveBase } from './logBase';
import { NeumaierSum } from './numeric';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { rescaled, unitlessResult, type UnitlessResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const TOTAL_VARIATION_FORMULA_LATEX = '\\delta(P, Q) = \\tfrac12 \\sum_i \\lvert p_i - q_i \\rvert';

/**
 * Total variation distance (the TS reference):
 *
 *   TV(P, Q) = ½ Σ_i |p_i - q_i|        (LaTeX: {@link TOTAL_VARIATION_FORMULA_LATEX})
 *
 * a number without unit: 0 ≤ TV ≤ 1 for normalised inputs (1 exactly for disjoint supports). Pinsker:
 * TV ≤ sqrt(D_KL/2) with D_KL in nats (`KlResult.pinskerTvBound`).
 *
 * Conventions and edge cases: symmetric; TV(P, P) = 0 exactly; zeros need no convention; normalised by
 * default (reported with the original sums, as KL), `normalize: false` gives ½Σ|p_i - q_i| of the values as
 * given; `input: 'log'` / `'logits'` as in klDivergence. `options.base` is checked (one options object serves
 * every measure) but does not change the value.
 *
 * Method: each p̂_i - q̂_i to a few ulps of itself, also where P ≈ Q after normalising sums that differ (see
 * `preparePair`; rounding s_p and s_q to doubles would cost a relative error of about 1e-16/TV), then a
 * compensated sum of non-negative terms. Log input: the normalising log-sum-exps carry the rounding of the
 * exponentials, about 1e-16 absolute on TV.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * totalVariation([0.5, 0.5], [0.9, 0.1]).value // 0.4
 * totalVariation([1, 3], [2, 2]).value         // 0.25 (normalized: true, sums { p: 4, q: 4 })
 */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): UnitlessResult<'tv'> {
  resolveBase(options.base);
  return totalVariationOfPair(preparePair(p, q, options));
}

/** The total variation distance of a prepared pair (shared with `allMeasures`). */
export function totalVariationOfPair(pair: DistributionPair): UnitlessResult<'tv'> {
  const terms = new NeumaierSum();
  pair.forEach((_p, _q, difference) => terms.add(Math.abs(difference)));
  const half = 0.5 * terms.value;
  // Normalised, at most 1 (reached by disjoint supports, where rounding could put it an ulp above).
  const value = pair.normalize ? Math.min(1, half) : rescaled(half, pair.scale);
  return unitlessResult('tv', value, pair);
}

/** The summand of TV at one index: ½|p - q|. */
export function totalVariationTerm(p: number, q: number): number {
  return 0.5 * Math.abs(p - q);
}
