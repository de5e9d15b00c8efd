import { bhattacharyyaNats } from './bhattacharyya';
import { DivergenceError } from './errors';
import { resolveBase, type LogBase } from './logBase';
import { NeumaierSum } from './numeric';
import type { MeasureOptions } from './distributionInput';
import { preparePair, type DistributionPair } from './distributionPair';
import { logUnitResult, rescaled, type RenyiResult } from './measureResult';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const RENYI_FORMULA_LATEX = 'D_\\alpha(P\\,\\|\\,Q) = \\frac{1}{\\alpha - 1} \\ln \\sum_i p_i^{\\alpha} q_i^{1-\\alpha}';

export interface RenyiOptions extends MeasureOptions {
  /** The order α > 0: α → 1 is KL (α = 1 gives it), α = Infinity gives ln max p_i/q_i. */
  readonly alpha: number;
}

/**
 * Rényi divergence of order α of P from Q (the TS reference):
 *
 *   D_α(P‖Q) = ln(Σ_i p_i^α q_i^(1-α)) / (α - 1),  α > 0        (LaTeX: {@link RENYI_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`.
 *
 * Conventions and edge cases:
 * - α = 1 is the limit, D_KL(P‖Q); α = Infinity is D_∞ = ln max_{p_i>0} p_i/q_i; for normalised inputs
 *   D_α ≥ 0 is non-decreasing in α, and D_½ = 2·D_B (Bhattacharyya);
 * - p_i = 0 contributes 0; p_i > 0 with q_i = 0 gives +Infinity for α ≥ 1, and contributes 0 for α < 1
 *   (q_i^(1-α) = 0), so that only disjoint supports give +Infinity there; never NaN;
 * - normalised by default (reported with the original sums, as KL); `normalize: false` applies the formula to
 *   the values as given (then α = 1 gives the raw Σ p_i ln(p_i/q_i), as klDivergence, not the limit, which is
 *   infinite unless Σp = 1); `input: 'log'` / `'logits'` as in klDivergence.
 *
 * Method: with L_i = ln(p̂_i/q̂_i) (see `preparePair`) and t = α - 1, Σ p̂_i^α q̂_i^(1-α) = Σ p̂_i e^{t L_i} = 1 + Y
 * with Y = Σ p̂_i expm1(t L_i) (as Σ p̂_i = 1), and D_α = log1p(Y)/t = Z·log1p(tZ)/(tZ), Z = Σ p̂_i expm1(t L_i)/t.
 * expm1(t L)/t is taken from its series where |t L| < 1e-5, so Z → Σ p̂_i L_i = D_KL continuously as α → 1
 * (no 0/0, no switch between formulas) and the result keeps its relative accuracy for |α - 1| down to 0,
 * where forming Σ p^α q^(1-α) and its logarithm keeps only about 1e-16/(|α - 1|·D) of it. Where |Y| > ½,
 * ln Σ p̂_i e^{t L_i} from the direct positive sum, shifted by the largest t L_i where that would overflow.
 * For α < ½ the same with P and Q swapped, by the skew symmetry D_α(P‖Q) = α/(1-α)·D_{1-α}(Q‖P), which keeps
 * the relative accuracy as α → 0 (where D_α ≈ α·D_KL(Q‖P)). Like KL, the terms of Y have both signs: for
 * nearly equal P and Q they cancel to about their ε², as Σ p̂ L does. Normalised, orders ½ and 2 avoid that:
 * D_½ = 2·D_B from Σ(√p̂ - √q̂)², D_2 = log1p(χ²) from Σ (p̂ - q̂)²/q̂, sums of terms ≥ 0 (`finiteOrder`).
 *
 * @throws DivergenceError `invalid-parameter` for α ≤ 0, NaN or missing (and base, input kind), and
 *   `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based index), `zero-sum`.
 * @example
 * renyi([0.5, 0.5], [0.9, 0.1], { alpha: 2 }).value      // 1.0216512475319814 (nats: ln(25/9))
 * renyi([0.5, 0.5], [0.9, 0.1], { alpha: 0.5 }).value    // 0.22314355131420982 (= 2·D_B = ln(5/4))
 * renyi([0.5, 0.5], [1, 0], { alpha: 0.5 }).value        // 0.6931471805599452 (ln 2 within 1 ulp: q = 0 contributes 0)
 */
export function renyi(p: ArrayLike<number>, q: ArrayLike<number>, options: RenyiOptions): RenyiResult {
  const alpha = checkAlpha(options?.alpha);
  const base = resolveBase(options.base);
  return renyiOfPair(preparePair(p, q, options), base, alpha);
}

/** α, checked: a number > 0 (Infinity allowed). @throws DivergenceError `invalid-parameter`. */
export function checkAlpha(alpha: unknown): number {
  if (typeof alpha !== 'number' || !(alpha > 0)) {
    throw new DivergenceError(
      'invalid-parameter',
      `the order alpha must be a number > 0 (1 gives KL, Infinity the max-divergence); it is ${alpha === undefined ? 'missing' : String(alpha)}`,
      { array: 'alpha' },
    );
  }
  return alpha;
}

/** Rényi's divergence of order α of a prepared pair (shared with `allMeasures`); α checked by the caller. */
export function renyiOfPair(pair: DistributionPair, base: LogBase, alpha: number): RenyiResult {
  const nats = alpha === Infinity ? maxDivergence(pair) : finiteOrder(pair, alpha);
  return { ...logUnitResult('renyi', pair.normalize ? Math.max(0, nats) : nats, base, pair), alpha };
}

/**
 * The summand of S_α = Σ p^α q^(1-α) at one index for the order α (of M = max p/q for α = Infinity): 0 where
 * p = 0; where q = 0 < p, +Infinity for α > 1 (and α = Infinity) and 0 for α < 1.
 */
export function renyiTerm(p: number, q: number, alpha: number): number {
  if (p === 0) return 0;
  if (q === 0) return alpha > 1 ? Infinity : 0;
  return alpha === Infinity ? p / q : p ** alpha * q ** (1 - alpha);
}

/** D_∞ = ln max p_i/q_i over p_i > 0 (scale-free for raw values, so lnScale does not enter). */
function maxDivergence(pair: DistributionPair): number {
  let max = -Infinity;
  pair.forEach((_p, _q, _difference, lnRatio) => {
    if (lnRatio > max) max = lnRatio;
  });
  return max;
}

/** expm1(t·L)/t, from its series where |t·L| < 1e-5 (next term (tL)^4/120 < 1e-22): L exactly at t = 0. */
function expm1Over(t: number, lnRatio: number): number {
  const y = t * lnRatio;
  if (Math.abs(y) < 1e-5) return lnRatio * (1 + y * (0.5 + y * (1 / 6 + y / 24)));
  return Math.expm1(y) / t;
}

/**
 * D_α for finite α. For α < ½ through the skew symmetry D_α(P‖Q) = α/(1-α)·D_{1-α}(Q‖P) (the same sum
 * Σ p^α q^(1-α)): as α → 0 the direct y = Σ p̂ expm1((α-1)L) tends to Σ(q̂ - p̂) = 0 through terms that do not
 * (cancellation by a factor 1/α), whereas the dual's terms tend to those of D_KL(Q‖P) and D_α ≈ α·D_KL(Q‖P).
 */
function finiteOrder(pair: DistributionPair, alpha: number): number {
  if (pair.normalize) {
    // Normalised, two orders have sums whose terms are ≥ 0 where the power sum's cancel (P ≈ Q: at P = Q·(1 ±
    // 10^-9) it kept 6 digits of D_½, these keep all): D_½ = -2 ln Σ √(p̂ q̂) = 2·D_B, from Σ(√p̂ - √q̂)²;
    // D_2 = ln Σ p̂²/q̂ = log1p(χ²), χ² = Σ (p̂ - q̂)²/q̂.
    if (alpha === 0.5) return 2 * bhattacharyyaNats(pair);
    if (alpha === 2) {
      const chiSquare = chiSquareOf(pair);
      if (chiSquare !== undefined) return Math.log1p(chiSquare);
    }
  }
  if (alpha < 0.5) return (alpha / (1 - alpha)) * logPowerSumOver(pair, -alpha, true);
  return logPowerSumOver(pair, alpha - 1, false);
}

/**
 * Pearson's χ² = Σ (p̂ - q̂)²/q̂ of a normalised pair, each term (d/q)·d (assembly/chiSquareKernel.ts: the same
 * operations), or +Infinity where some q_i = 0 < p_i; `undefined` where a q_i > 0 underflowed to 0 when
 * normalised, or the sum overflows (the power sum, which works from ln(p_i/q_i), serves those).
 */
export function chiSquareOf(pair: DistributionPair): number | undefined {
  const sum = new NeumaierSum();
  let infinite = false;
  let underflow = false;
  pair.forEach((_p, q, difference, lnRatio) => {
    if (q > 0) sum.add((difference / q) * difference);
    else if (lnRatio === Infinity) infinite = true;
    else if (lnRatio !== -Infinity) underflow = true;
  });
  if (infinite) return Infinity;
  const value = sum.value;
  return underflow || !(value < Infinity) ? undefined : value;
}

/**
 * ln(Σ w_i e^{t ℓ_i})/t with w = p, ℓ = ln(p/q) (or, `swapped`, w = q and ℓ = ln(q/p)): D_{1+t} of the pair
 * (or of the swapped pair).
 */
function logPowerSumOver(pair: DistributionPair, t: number, swapped: boolean): number {
  const z = new NeumaierSum();
  let infinite = false;
  let finiteTerms = false;
  pair.forEach((p, q, _difference, lnRatio) => {
    const w = swapped ? q : p;
    const l = swapped ? -lnRatio : lnRatio;
    if (l === -Infinity) return; // w = 0: w^α = 0
    if (l === Infinity) {
      // The other value is 0 < w: its power in the term is negative for t > 0 (an infinite term; at t = 0
      // KL is infinite), positive for t < 0 (a zero term: e^{tℓ} = 0, expm1(tℓ)/t = -1/t).
      if (t >= 0) infinite = true;
      else z.add(-w / t);
      return;
    }
    finiteTerms = true;
    z.add(w * expm1Over(t, l));
  });
  if (infinite) return Infinity;
  // α < 1 and no element has both values > 0: Σ p^α q^(1-α) = 0 exactly.
  if (!finiteTerms) return t < 0 ? Infinity : 0;
  const zValue = z.value;
  if (t === 0) return rescaled(zValue, pair.scale); // D_1 = KL (raw: Σ p ln(p/q) of the values as given)
  // y = Σ w e^{tℓ} - 1: t·Z as Σ ŵ = 1 when normalised; raw, Σw - 1 is added (without rounding Σw).
  if (pair.normalize) {
    const y = t * zValue;
    if (Math.abs(y) <= 0.5) return y === 0 ? zValue : zValue * (Math.log1p(y) / y);
  } else if (pair.excess) {
    const y = (swapped ? pair.excess.q : pair.excess.p) + t * zValue;
    if (Math.abs(y) <= 0.5) return Math.log1p(y) / t;
  }
  return (pair.lnScale + logSumOfPowers(pair, t, swapped)) / t;
}

/**
 * ln Σ w_i e^{t ℓ_i} for the visited values (w, ℓ as in `logPowerSumOver`), as a positive sum (for when it is
 * far from 1), shifted by the largest t·ℓ_i where the plain sum overflows or underflows.
 */
function logSumOfPowers(pair: DistributionPair, t: number, swapped: boolean): number {
  const sum = new NeumaierSum();
  let maxExponent = -Infinity;
  pair.forEach((p, q, _difference, lnRatio) => {
    if (!Number.isFinite(lnRatio)) return; // a zero: the term is 0 (infinite results are settled before)
    const u = t * (swapped ? -lnRatio : lnRatio);
    if (u > maxExponent) maxExponent = u;
    sum.add((swapped ? q : p) * Math.exp(u));
  });
  const plain = sum.value;
  if (plain > 0 && plain < Infinity) return Math.log(plain);
  const shifted = new NeumaierSum();
  pair.forEach((p, q, _difference, lnRatio) => {
    if (Number.isFinite(lnRatio)) shifted.add((swapped ? q : p) * Math.exp(t * (swapped ? -lnRatio : lnRatio) - maxExponent));
  });
  return maxExponent + Math.log(shifted.value);
}
