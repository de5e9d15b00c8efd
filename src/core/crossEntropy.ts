import { resolveBase } from './logBase';
import { logRatio, NeumaierSum } from './numeric';
import { isUnitSum, logSumExpParts, normalRangeExponent, resolveInputKind, scaledByPowerOfTwo, scaledSums, type MeasureOptions } from './distributionInput';
import { logUnitResult, rescaled, type PairResult, type PairSums } from './measureResult';
import { validatePair, zeroSumError } from './validate';

/** Raw log input is exponentiated as given up to this (e^300 times a count stays far from overflow). */
const MAX_RAW_LOG = 300;

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const CROSS_ENTROPY_FORMULA_LATEX = 'H(P, Q) = -\\sum_i p_i \\log q_i = H(P) + D_{\\mathrm{KL}}(P\\,\\|\\,Q)';

/**
 * Cross-entropy of Q relative to P (the TS reference):
 *
 *   H(P, Q) = -Σ_i p_i log q_i = H(P) + D_KL(P‖Q)        (LaTeX: {@link CROSS_ENTROPY_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`.
 *
 * Conventions and edge cases:
 * - p_i = 0 contributes 0 whatever q_i is (0·log 0 = 0);
 * - p_i > 0 with q_i = 0 gives +Infinity, never NaN;
 * - by default P and Q are normalised (reported with the original sums, as KL), and then
 *   H(P, Q) ≥ H(P) ≥ 0; `normalize: false` gives -Σ p_i ln q_i of the values as given (negative where q_i > 1);
 * - `input: 'log'` / `'logits'` as in klDivergence.
 *
 * Method (normalised): -ln q̂_i = ln(s_q/q_i) ≥ 0, so H(P, Q) = Σ p̂_i·ln(s_q/q_i) is a sum of non-negative
 * terms: within a few ulps, however large H(P) and D(P‖Q) are against each other (adding the two computed
 * apart would carry KL's normalisation error). As in `entropy`, the largest q_i takes ln(s_q/q_max) =
 * log1p(Σ_{j≠max} q_j / q_max), which may be nearly 0; the others are at most s_q/2, so the rounding of s_q
 * costs at most u/ln 2 relative. Log input: -ln q̂_i = log1p(r_b) - β_i with β_i = b_i - max b ≤ 0 and
 * r_b = Σ_{j≠max} e^{β_j}. Raw: the compensated sum of -p_i·ln q_i. Normalised sums below 2^-960 are first scaled
 * up into [1, 2), each by its own power of two, exactly (see `normalRangeExponent`).
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index), `zero-sum`, `invalid-parameter` (base, input kind).
 * @example
 * crossEntropy([0.5, 0.5], [0.9, 0.1]).value          // 1.203972804325936 (nats: -½ ln 0.09)
 * crossEntropy([1, 0], [0.5, 0.5], { base: 2 }).value // 1 (bit)
 * crossEntropy([0.5, 0.5], [1, 0]).value              // Infinity
 */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): PairResult<'cross-entropy'> {
  const base = resolveBase(options.base);
  const input = resolveInputKind(options.input);
  validatePair(p, q, input);
  const normalize = input === 'logits' || options.normalize !== false;
  const { nats, sums } = input === 'prob' ? ofProbabilities(p, q, normalize) : ofLogs(p, q, input === 'logits', normalize);
  const normalized = normalize && input !== 'logits' && !(isUnitSum(sums.p) && isUnitSum(sums.q));
  return logUnitResult('cross-entropy', nats, base, { normalized, sums, n: p.length });
}

/** The summand of H(P, Q) at one index, in nats: -p ln q, 0 where p = 0, +Infinity where q = 0 < p. */
export function crossEntropyTerm(p: number, q: number): number {
  if (p === 0) return 0;
  if (q === 0) return Infinity;
  return -p * Math.log(q);
}

function ofProbabilities(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean): { nats: number; sums: PairSums } {
  const scaled = scaledSums(p, q);
  const scaleExponent = scaled.scaleExponent;
  const sp = scaled.p.hi;
  const sq = scaled.q.hi;
  if (sp === 0) throw zeroSumError('P');
  if (sq === 0) throw zeroSumError('Q');
  const sums = { p: sp * 2 ** scaleExponent, q: sq * 2 ** scaleExponent };
  const scale = 2 ** -scaleExponent;
  const terms = new NeumaierSum();
  const n = p.length;
  if (!normalize) {
    // Scaled like the sums, so that terms of both signs cannot overflow to +Infinity and -Infinity at once.
    for (let i = 0; i < n; i++) {
      const pi = p[i]!;
      if (pi === 0) continue;
      const qi = q[i]!;
      // Tested before scaling: a subnormal p_i scaled down becomes 0, and 0·ln 0 would be NaN.
      if (qi === 0) return { nats: Infinity, sums };
      terms.add(-(pi * scale) * Math.log(qi));
    }
    return { nats: terms.value * 2 ** scaleExponent, sums };
  }
  const kp = normalRangeExponent(sums.p);
  const kq = normalRangeExponent(sums.q);
  if (kp !== 0 || kq !== 0) return { nats: ofProbabilities(scaledByPowerOfTwo(p, kp), scaledByPowerOfTwo(q, kq), true).nats, sums };
  let argMax = 0;
  for (let i = 1; i < n; i++) if (q[i]! > q[argMax]!) argMax = i;
  const rest = new NeumaierSum();
  for (let i = 0; i < n; i++) if (i !== argMax) rest.add(q[i]! * scale);
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    const qi = q[i]!;
    if (qi === 0) return { nats: Infinity, sums };
    // ln(s_q/q_i) with s_q = sq·2^scaleExponent, never forming q_i scaled (it may underflow).
    const lnRatio = i === argMax ? Math.log1p(rest.value / (qi * scale)) : logRatio(sq, qi, scaleExponent);
    terms.add(pi * scale * lnRatio);
  }
  return { nats: terms.value / sp, sums };
}

function ofLogs(a: ArrayLike<number>, b: ArrayLike<number>, logits: boolean, normalize: boolean): { nats: number; sums: PairSums } {
  const lseA = logSumExpParts(a);
  const lseB = logSumExpParts(b);
  if (lseA.argMax < 0) throw zeroSumError('P');
  if (lseB.argMax < 0) throw zeroSumError('Q');
  const sums = logits ? { p: 1, q: 1 } : { p: Math.exp(lseA.max) * (1 + lseA.rest), q: Math.exp(lseB.max) * (1 + lseB.rest) };
  const terms = new NeumaierSum();
  const n = a.length;
  const logNormA = Math.log1p(lseA.rest);
  const logNormB = Math.log1p(lseB.rest);
  // Raw: e^{a_i} shifted by max a where it could overflow; the total is shifted back (and may overflow).
  const shift = !normalize && lseA.max > MAX_RAW_LOG ? lseA.max : 0;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    if (ai === -Infinity) continue;
    const bi = b[i]!;
    if (bi === -Infinity) return { nats: Infinity, sums };
    if (normalize) {
      // p̂_i·(-ln q̂_i), both factors ≥ 0.
      terms.add(Math.exp(ai - lseA.max - logNormA) * (logNormB - (bi - lseB.max)));
    } else if (bi !== 0) {
      terms.add(-Math.exp(ai - shift) * bi);
    }
  }
  return { nats: rescaled(terms.value, Math.exp(shift)), sums };
}
