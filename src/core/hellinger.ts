import { resolveBase } from './logBase';
import { NeumaierSum } from './numeric';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { unitlessResult, type UnitlessResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const HELLINGER_FORMULA_LATEX =
  'H(P, Q) = \\sqrt{1 - \\sum_i \\sqrt{p_i q_i}} = \\sqrt{\\tfrac12 \\sum_i \\left(\\sqrt{p_i} - \\sqrt{q_i}\\right)^2}';

/**
 * Hellinger distance (the TS reference):
 *
 *   H(P, Q) = sqrt(1 - Σ_i sqrt(p_i q_i)) = sqrt(½ Σ_i (√p_i - √q_i)²)        (LaTeX: {@link HELLINGER_FORMULA_LATEX})
 *
 * a number without unit: 0 ≤ H ≤ 1 for normalised inputs (1 exactly for disjoint supports). The two forms
 * agree for normalised inputs; with `normalize: false` the value is the second, sqrt(½ Σ (√p_i - √q_i)²) of
 * the values as given. Bhattacharyya's distance is -ln(1 - H²).
 *
 * Conventions and edge cases: symmetric; H(P, P) = 0 exactly; zeros need no convention; normalised by
 * default (reported with the original sums, as KL); `input: 'log'` / `'logits'` as in klDivergence.
 * `options.base` is checked (one options object serves every measure) but does not change the value.
 *
 * Method: the second form, with √p̂_i - √q̂_i = (p̂_i - q̂_i)/(√p̂_i + √q̂_i) and p̂_i - q̂_i without cancellation
 * (see `preparePair`): a sum of non-negative terms, within a few ulps also for nearly equal P and Q, where
 * 1 - Σ sqrt(p q) keeps only about 1e-16/H² of relative accuracy.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * hellinger([0.5, 0.5], [0.9, 0.1]).value // 0.32491969623290634
 * hellinger([1, 0], [0, 1]).value         // 1
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): UnitlessResult<'hellinger'> {
  resolveBase(options.base);
  return hellingerOfPair(preparePair(p, q, options));
}

/** The Hellinger distance of a prepared pair (shared with `allMeasures`). */
export function hellingerOfPair(pair: DistributionPair): UnitlessResult<'hellinger'> {
  const { squared } = hellingerParts(pair);
  // Raw values were scaled by 1/scale: H scales with its square root (from lnScale where scale overflows).
  const root = pair.scale < Infinity ? Math.sqrt(pair.scale) : Math.exp(0.5 * pair.lnScale);
  const value = pair.normalize ? Math.sqrt(Math.min(1, squared)) : Math.sqrt(squared) * root;
  return unitlessResult('hellinger', value, pair);
}

/** The summand of the Bhattacharyya coefficient BC = Σ √(p q) at one index; H = √(1 - BC) for distributions. */
export function hellingerTerm(p: number, q: number): number {
  return Math.sqrt(p * q);
}

/** The sums behind Hellinger's and Bhattacharyya's distances, for the visited (possibly scaled) values. */
export interface HellingerParts {
  /** H² = ½ Σ (√p_i - √q_i)², from the differences. */
  readonly squared: number;
  /** The Bhattacharyya coefficient Σ sqrt(p_i q_i), summed directly (accurate where it is not near 1). */
  readonly coefficient: number;
  /** Some element has p_i > 0 and q_i > 0 as given: the supports overlap, so the coefficient is > 0. */
  readonly overlap: boolean;
}

export function hellingerParts(pair: DistributionPair): HellingerParts {
  const squared = new NeumaierSum();
  const coefficient = new NeumaierSum();
  let overlap = false;
  pair.forEach((p, q, difference, lnRatio) => {
    const rootP = Math.sqrt(p);
    const rootQ = Math.sqrt(q);
    if (difference !== 0) {
      const d = difference / (rootP + rootQ);
      squared.add(d * d);
    }
    if (!Number.isFinite(lnRatio)) return; // one of them is 0: no overlap here
    overlap = true;
    // sqrt(p q); where one value underflowed when normalised, from the other and their ln-ratio.
    if (p > 0 && q > 0) coefficient.add(rootP * rootQ);
    else if (q > 0) coefficient.add(q * Math.exp(0.5 * lnRatio));
    else if (p > 0) coefficient.add(p * Math.exp(-0.5 * lnRatio));
  });
  return { squared: 0.5 * squared.value, coefficient: coefficient.value, overlap };
}
