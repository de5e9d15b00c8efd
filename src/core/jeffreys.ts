import { resolveBase, type LogBase } from './logBase';
import { NeumaierSum } from './numeric';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { logUnitResult, rescaled, type PairResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const JEFFREYS_FORMULA_LATEX =
  'J(P, Q) = D_{\\mathrm{KL}}(P\\,\\|\\,Q) + D_{\\mathrm{KL}}(Q\\,\\|\\,P) = \\sum_i (p_i - q_i) \\log\\frac{p_i}{q_i}';

/**
 * Jeffreys divergence, the symmetrised KL divergence (the TS reference):
 *
 *   J(P, Q) = D(P‖Q) + D(Q‖P) = Σ_i (p_i - q_i) log(p_i/q_i)        (LaTeX: {@link JEFFREYS_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`.
 *
 * Conventions and edge cases:
 * - symmetric: J(P, Q) = J(Q, P); J(P, P) = 0 exactly;
 * - an element with exactly one of p_i, q_i equal to 0 gives +Infinity (one of the two KL divergences is);
 *   p_i = q_i = 0 contributes 0;
 * - normalised by default (reported with the original sums, as KL); `normalize: false` gives
 *   Σ (p_i - q_i) ln(p_i/q_i) of the values as given, which is ≥ 0 too;
 * - `input: 'log'` / `'logits'` as in klDivergence.
 *
 * Method: the second form, whose terms are all ≥ 0 (p - q and ln(p/q) share their sign), with p̂_i - q̂_i and
 * ln(p̂_i/q̂_i) each to a few ulps also where P ≈ Q (see `preparePair`): within a few ulps of exact, where
 * adding two separately computed KL divergences would round each normalisation's ln(s_q/s_p) into a sum
 * that may be far smaller.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * jeffreys([0.5, 0.5], [0.9, 0.1]).value // 0.8788898309344878 (nats: 0.4*ln(9))
 * jeffreys([1, 0], [0.5, 0.5]).value     // Infinity
 */
export function jeffreys(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): PairResult<'jeffreys'> {
  const base = resolveBase(options.base);
  return jeffreysOfPair(preparePair(p, q, options), base);
}

/** Jeffreys divergence of a prepared pair (shared with `allMeasures`). */
export function jeffreysOfPair(pair: DistributionPair, base: LogBase): PairResult<'jeffreys'> {
  const terms = new NeumaierSum();
  pair.forEach((_p, _q, difference, lnRatio) => {
    // An infinite ln-ratio is one zero against a positive value (which may have underflowed when scaled).
    if (!Number.isFinite(lnRatio)) terms.add(Infinity);
    else if (difference !== 0) terms.add(difference * lnRatio);
  });
  // Each term is ≥ 0 but for roundings of near-zero ones.
  const nats = rescaled(Math.max(0, terms.value), pair.scale);
  return logUnitResult('jeffreys', nats, base, pair);
}

/**
 * The summand of J at one index, in nats: (p - q) ln(p/q); 0 where p = q (also both 0), +Infinity where exactly
 * one of them is 0.
 */
export function jeffreysTerm(p: number, q: number): number {
  if (p === q) return 0;
  if (p === 0 || q === 0) return Infinity;
  return (p - q) * Math.log(p / q);
}
