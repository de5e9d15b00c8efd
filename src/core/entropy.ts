import { DivergenceError } from './errors';
import { resolveBase } from './logBase';
import { logRatio, NeumaierSum } from './numeric';
import { isUnitSum, logSumExpParts, normalRangeExponent, resolveInputKind, scaledByPowerOfTwo, scaledSum, type MeasureOptions } from './distributionInput';
import { klTerm } from './klDivergence';
import { logUnitResult, type EntropyResult } from './measureResult';
import { invalidValueError, isAdmissible, zeroSumError, type InputKind } from './validate';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const ENTROPY_FORMULA_LATEX = 'H(P) = -\\sum_i p_i \\log p_i';

/**
 * Shannon entropy of P (the TS reference):
 *
 *   H(P) = -Σ_i p_i log p_i        (LaTeX: {@link ENTROPY_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base` (bits for 2, bans for 10, log<b> for any b > 0, ≠ 1).
 *
 * Conventions and edge cases:
 * - p_i = 0 contributes 0 (0·log 0 = 0), as `scipy.special.entr`;
 * - by default P is normalised to sum to 1 (the result reports `normalized: true` and the original sum when
 *   it differed from 1 by more than NORMALIZATION_TOLERANCE), and then 0 ≤ H ≤ log n, with H = 0 exactly
 *   for a single non-zero value; `normalize: false` gives -Σ p_i ln p_i of the values as given, which is
 *   negative for counts above 1 (and -Infinity where it overflows);
 * - `input: 'log'` takes natural-log probabilities (-Infinity is probability 0), `'logits'` applies softmax
 *   (normalised by definition, sum reported as 1), both with log-sum-exp, never by exponentiating and dividing.
 *
 * Method (normalised, probabilities): with s = Σp (compensated) and p_max the largest value,
 *   H = (Σ_{i≠max} p_i·ln(s/p_i) + p_max·log1p(Σ_{i≠max} p_i / p_max)) / s.
 * Every term is ≥ 0, so nothing cancels: the result is within a few ulps even where H is tiny (one dominant
 * value). The other values are at most s/2, so ln(s/p_i) ≥ ln 2 and the rounding of s costs at most u/ln 2
 * relative; the dominant value's ln(s/p_max), which may be nearly 0, comes from log1p of the others' sum.
 * A sum below 2^-960 (subnormal values) is first scaled up by a power of two into [1, 2), exactly: the terms
 * would otherwise round to multiples of 2^-1074 (see `normalRangeExponent`).
 * Log input: H = Σ w_i·(log1p(r) - α_i) / (1 + r) with α_i = a_i - max a, w_i = e^{α_i}, r = Σ_{i≠max} w_i,
 * again a sum of non-negative terms.
 *
 * @throws DivergenceError `empty-input`, `invalid-value` (naming P and the 0-based index), `zero-sum`,
 *   `invalid-parameter` (base, input kind).
 * @example
 * entropy([0.5, 0.25, 0.25], { base: 2 }).value // 1.5 (bits)
 * entropy([1, 1, 2]).value                      // 1.0397207708399179 (nats; normalized: true, sums { p: 4 })
 * entropy([1, 0]).value                         // 0
 */
export function entropy(p: ArrayLike<number>, options: MeasureOptions = {}): EntropyResult {
  const base = resolveBase(options.base);
  const input = resolveInputKind(options.input);
  if (p.length === 0) throw new DivergenceError('empty-input', 'P has no values', { array: 'P' });
  for (let i = 0; i < p.length; i++) {
    if (!isAdmissible(p[i]!, input)) throw invalidValueError('P', i, p[i]!, input);
  }
  const normalize = input === 'logits' || options.normalize !== false;
  const { nats, sum } = input === 'prob' ? entropyOfProbabilities(p, normalize) : entropyOfLogs(p, input, normalize);
  return logUnitResult('entropy', nats, base, { normalized: normalize && !isUnitSum(sum), sums: { p: sum }, n: p.length });
}

/** The summand of H at one index, in nats: -p ln p, 0 for p = 0 (minus KL's summand against q = 1). */
export function entropyTerm(p: number): number {
  return -klTerm(p, 1);
}

function entropyOfProbabilities(p: ArrayLike<number>, normalize: boolean): { nats: number; sum: number } {
  const { sum: scaledTotal, scaleExponent } = scaledSum(p);
  const s = scaledTotal.hi;
  if (s === 0) throw zeroSumError('P');
  const scale = 2 ** -scaleExponent;
  const sum = s / scale;
  const terms = new NeumaierSum();
  if (!normalize) {
    for (let i = 0; i < p.length; i++) {
      const x = p[i]!;
      if (x > 0) terms.add(-x * Math.log(x));
    }
    return { nats: terms.value, sum };
  }
  const k = normalRangeExponent(sum);
  if (k !== 0) return { nats: entropyOfProbabilities(scaledByPowerOfTwo(p, k), true).nats, sum };
  let argMax = 0;
  for (let i = 1; i < p.length; i++) if (p[i]! > p[argMax]!) argMax = i;
  const rest = new NeumaierSum();
  for (let i = 0; i < p.length; i++) {
    const x = p[i]! * scale;
    if (i === argMax || x === 0) continue;
    terms.add(x * logRatio(s, x));
    rest.add(x);
  }
  const top = p[argMax]! * scale;
  terms.add(top * Math.log1p(rest.value / top));
  return { nats: terms.value / s, sum };
}

function entropyOfLogs(a: ArrayLike<number>, input: Exclude<InputKind, 'prob'>, normalize: boolean): { nats: number; sum: number } {
  const { max, argMax, rest } = logSumExpParts(a);
  if (argMax < 0) throw zeroSumError('P');
  const sum = input === 'logits' ? 1 : Math.exp(max) * (1 + rest);
  const terms = new NeumaierSum();
  if (!normalize) {
    // -Σ e^{a_i}·a_i; e^{a_i} may overflow, and the value with it (to -Infinity, the sign of the true value).
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (x !== -Infinity && x !== 0) terms.add(-Math.exp(x) * x);
    }
    return { nats: terms.value, sum };
  }
  const logNorm = Math.log1p(rest);
  for (let i = 0; i < a.length; i++) {
    const alpha = a[i]! - max;
    if (alpha !== -Infinity) terms.add(Math.exp(alpha) * (logNorm - alpha));
  }
  return { nats: terms.value / (1 + rest), sum };
}
