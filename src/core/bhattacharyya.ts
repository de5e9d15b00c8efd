import { resolveBase, type LogBase } from './logBase';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { hellingerParts, hellingerTerm } from './hellinger';
import { logUnitResult, type PairResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const BHATTACHARYYA_FORMULA_LATEX = 'D_B(P, Q) = -\\ln \\sum_i \\sqrt{p_i q_i}';

/**
 * Bhattacharyya distance (the TS reference):
 *
 *   D_B(P, Q) = -ln BC(P, Q),  BC = Σ_i sqrt(p_i q_i)        (LaTeX: {@link BHATTACHARYYA_FORMULA_LATEX})
 *
 * in nats by default (its usual, natural-log definition), or in the unit of `options.base`. For normalised
 * inputs D_B = -ln(1 - H²) with H the Hellinger distance, and D_B = ½·D_{1/2} (Rényi's divergence of
 * order ½).
 *
 * Conventions and edge cases: symmetric; D_B(P, P) = 0 exactly; +Infinity when the supports are disjoint
 * (BC = 0), never NaN; normalised by default (reported with the original sums, as KL), ≥ 0; with
 * `normalize: false`, -ln Σ sqrt(p_i q_i) of the values as given (may be negative); `input: 'log'` /
 * `'logits'` as in klDivergence.
 *
 * Method: where BC ≥ ½, D_B = -log1p(-H²) with H² = ½ Σ (√p̂_i - √q̂_i)² summed from the differences (see
 * `hellinger`): forming BC and its logarithm would leave D_B near 0 with an absolute error of about 1e-16,
 * a relative error of 1e-16/D_B. Raw values: -log1p(x) with x = BC - 1 = ½(Σp - 1) + ½(Σq - 1) - H².
 * Where BC < ½, -ln BC from the direct (positive) sum.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * bhattacharyya([0.5, 0.5], [0.9, 0.1]).value // 0.11157177565710491 (nats: -ln(sqrt(0.45) + sqrt(0.05)))
 * bhattacharyya([1, 0], [0, 1]).value         // Infinity
 */
export function bhattacharyya(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): PairResult<'bhattacharyya'> {
  return bhattacharyyaOfPair(preparePair(p, q, options), resolveBase(options.base));
}

/** The Bhattacharyya distance of a prepared pair (shared with `allMeasures`). */
export function bhattacharyyaOfPair(pair: DistributionPair, base: LogBase): PairResult<'bhattacharyya'> {
  return logUnitResult('bhattacharyya', bhattacharyyaNats(pair), base, pair);
}

/** D_B of a prepared pair in nats (also Rényi's D_½ = 2·D_B of a normalised pair: src/core/renyi.ts). */
export function bhattacharyyaNats(pair: DistributionPair): number {
  const { squared, coefficient, overlap } = hellingerParts(pair);
  if (!overlap) return Infinity;
  if (pair.normalize) return Math.max(0, squared <= 0.5 ? -Math.log1p(-squared) : -Math.log(coefficient));
  if (pair.excess) {
    const x = 0.5 * pair.excess.p + 0.5 * pair.excess.q - squared;
    return Math.abs(x) <= 0.5 ? -Math.log1p(x) : -Math.log(coefficient);
  }
  return -(pair.lnScale + Math.log(coefficient));
}

/** The summand of BC at one index, √(p q): D_B = -ln BC is a function of the sum of Hellinger's summands. */
export const bhattacharyyaTerm = hellingerTerm;
