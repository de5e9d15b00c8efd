import { resolveBase, type LogBase } from './logBase';
import { logRatio, NeumaierSum } from './numeric';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { klTerm } from './klDivergence';
import { logUnitResult, rescaled, type PairResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const JS_DIVERGENCE_FORMULA_LATEX =
  '\\mathrm{JSD}(P\\,\\|\\,Q) = \\tfrac12 D_{\\mathrm{KL}}(P\\,\\|\\,M) + \\tfrac12 D_{\\mathrm{KL}}(Q\\,\\|\\,M),\\quad M = \\tfrac12 (P + Q)';

/**
 * Jensen–Shannon divergence (the TS reference; its square root is `jsDistance`):
 *
 *   JSD(P‖Q) = ½ D(P‖M) + ½ D(Q‖M),  M = ½(P + Q)        (LaTeX: {@link JS_DIVERGENCE_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base` (bits for 2: then 0 ≤ JSD ≤ 1).
 *
 * Conventions and edge cases:
 * - symmetric, always finite: 0 ≤ JSD ≤ ln 2 nats (log_b 2 in base b) for normalised inputs, ln 2 exactly
 *   for disjoint supports; zeros need no convention (m_i > 0 wherever p_i or q_i is);
 * - JSD(P, P) = 0 exactly; never NaN, never negative (SciPy's `jensenshannon` can return NaN: scipy #20083);
 * - normalised by default (reported with the original sums, as KL); `normalize: false` applies the formula
 *   to the values as given;
 * - `input: 'log'` / `'logits'` as in klDivergence.
 *
 * Method: with ε_i = (p_i - q_i)/(p_i + q_i) and m_i = ½(p_i + q_i), the two terms of element i are
 *   p_i ln(p_i/m_i) + q_i ln(q_i/m_i) = m_i·[(1+ε)ln(1+ε) + (1-ε)ln(1-ε)] = m_i·[2ε·atanh(ε) + log1p(-ε²)],
 * which is ≈ m_i·ε² and ≥ 0. For |ε| ≤ ½ the last form loses at most a factor of 3 to cancellation (the
 * first two lose 1/ε: the ε-sized halves of a term of size ε² cancel), and ε comes from p̂_i - q̂_i computed
 * without cancellation (see `preparePair`); for |ε| > ½, p ln(p/m) + q ln(q/m) with `logRatio` cancels at most
 * by a factor of 4. So every term is within a few ulps and the sum of non-negative terms is too, also for
 * P ≈ Q where forming p/m (as SciPy does) leaves only a few correct digits.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * jsDivergence([1, 0], [0, 1], { base: 2 }).value // 1 (bit: disjoint supports)
 * jsDivergence([1, 0], [0.5, 0.5]).value          // 0.2157615543388357 (nats)
 */
export function jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): PairResult<'js'> {
  return jsDivergenceOfPair(preparePair(p, q, options), resolveBase(options.base));
}

/** The Jensen–Shannon divergence of a prepared pair (shared with `jsDistance` and `allMeasures`). */
export function jsDivergenceOfPair(pair: DistributionPair, base: LogBase): PairResult<'js'> {
  const terms = new NeumaierSum();
  pair.forEach((p, q, difference) => {
    if (difference === 0) return;
    const m = 0.5 * p + 0.5 * q; // halves first: p + q may overflow for raw values
    if (m === 0) return; // both below the subnormals after normalisation: nothing to add
    const e = (0.5 * difference) / m;
    if (Math.abs(e) <= 0.5) {
      terms.add(m * (2 * e * Math.atanh(e) + Math.log1p(-e * e)));
    } else {
      // One addend per element, its two halves added commutatively: swapping P and Q changes no bit.
      terms.add((p > 0 ? p * logRatio(p, m) : 0) + (q > 0 ? q * logRatio(q, m) : 0));
    }
  });
  // Each term is ≥ 0 mathematically; for normalised inputs the sum is at most ln 2 (reached by disjoint
  // supports, where the rounding of Σp̂ and Σq̂ could put it an ulp above).
  const half = Math.max(0, 0.5 * terms.value);
  const nats = pair.normalize ? Math.min(Math.LN2, half) : rescaled(half, pair.scale);
  return logUnitResult('js', nats, base, pair);
}

/**
 * The summand of JSD at one index, in nats: ½(p ln(p/m) + q ln(q/m)) with m = ½(p + q) (what the panel writes
 * and draws; the sum above is computed more carefully).
 */
export function jsDivergenceTerm(p: number, q: number): number {
  return 0.5 * (klTerm(p, (p + q) / 2) + klTerm(q, (p + q) / 2));
}
