import { resolveBase, type LogBase } from './logBase';
import { logRatio, NeumaierSum } from './numeric';
import { checkLengths, invalidValueError, isAdmissible, zeroSumError, type InputKind } from './validate';
import { DivergenceError } from './errors';
import { normalRangeExponent, scaledByPowerOfTwo } from './distributionInput';

/** The definition, as the panel renders it (KaTeX) and as documented below. */
export const KL_FORMULA_LATEX = 'D_{\\mathrm{KL}}(P\\,\\|\\,Q) = \\sum_i p_i \\log\\frac{p_i}{q_i}';

/** The definition of reverse KL, D_KL(Q‖P) = Σ_i q_i log(q_i/p_i): KL's with P and Q swapped. */
export const REVERSE_KL_FORMULA_LATEX = 'D_{\\mathrm{KL}}(Q\\,\\|\\,P) = \\sum_i q_i \\log\\frac{q_i}{p_i}';

/**
 * The summand of D_KL at one index, in nats: p ln(p/q), with 0·ln(0/q) = 0 (whatever q) and p·ln(p/0) = +Infinity
 * for p > 0 (what the panel writes and draws; the sums below are computed more carefully).
 */
export function klTerm(p: number, q: number): number {
  if (p === 0) return 0;
  if (q === 0) return Infinity;
  return p * Math.log(p / q);
}

/**
 * A sum within this distance of 1 counts as 1: the inputs are then reported as already normalised
 * (`normalized: false`). It is far above the rounding of a compensated sum of float64 probabilities (about
 * 1e-16) and far below any real deviation, such as probabilities printed to 6 digits (about 1e-6) or float32
 * data (about 1e-7).
 */
export const NORMALIZATION_TOLERANCE = 1e-12;

export interface KlOptions {
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
  /** Normalise P and Q to sum to 1 first (default true); false gives the raw Σ p log(p/q) of the values as given. */
  readonly normalize?: boolean;
  /** How P and Q are given: probabilities (default), natural-log probabilities, or logits (softmax first). */
  readonly input?: InputKind;
}

export interface KlResult {
  readonly measure: 'kl';
  /** D(P‖Q) in `unit`: ≥ 0 when normalised, +Infinity when some p_i > 0 has q_i = 0, never NaN. */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /**
   * True when the result is for P/ΣP and Q/ΣQ and a sum differed from 1 by more than
   * {@link NORMALIZATION_TOLERANCE}: the tool normalised, and says so.
   */
  readonly normalized: boolean;
  /** The sums of P and Q as given (in probability space: Σ exp(x) for log input; 1 for logits). */
  readonly sums: { readonly p: number; readonly q: number };
  /**
   * Pinsker's bound on the total variation distance of the normalised distributions, TV ≤ sqrt(D/2) with D in
   * nats (of the normalised distributions even when `normalize` is false); Infinity when D is.
   */
  readonly pinskerTvBound: number;
  /** Number of elements of P (and of Q). */
  readonly n: number;
  readonly backend: 'ts' | 'wasm';
}

/**
 * The partial sums of one pass over probability inputs, as every backend (TS, WASM) produces them; the
 * result is assembled from them by {@link klResultFromSums}. All its sums are scaled by 2^-scaleExponent
 * (0 unless the plain pass overflowed), which cancels in the normalised result.
 */
export interface KlSums {
  /** Σ p_i·ln(p_i·2^e/q_i) over the terms with p_i > 0 and q_i > 0, in nats (e = `exponentOffset`). */
  readonly terms: number;
  /** e above: 0, or the power of two that brings s_q/s_p near 1 (see {@link normalizationOffset}). */
  readonly exponentOffset: number;
  readonly sumP: number;
  readonly sumQ: number;
  /**
   * Σ (q_i - 2^e·p_i), summed from the differences (exact where q_i ≈ 2^e·p_i, by Sterbenz): s_q - 2^e·s_p
   * without the rounding of either sum, which would otherwise put an error of about u on ln(s_q/s_p) and
   * so on every normalised D, however small (only used for |e| ≤ {@link MAX_DIFFERENCE_EXPONENT}).
   */
  readonly sumDifference: number;
  readonly scaleExponent: number;
  /** Some p_i > 0 has q_i = 0, so D(P‖Q) = +Infinity. */
  readonly infinite: boolean;
}

/**
 * Scale used when a plain pass overflows (counts near 1.8e308): 2^-64 keeps every term p·ln(p/q)
 * (|ln(p/q)| < 1500) and every partial sum of up to 2^53 of them finite. Values it pushes below the
 * subnormal range are below 2^-1010 of a sum that is at least 2^960, so dropping them is invisible.
 */
const OVERFLOW_SCALE_EXPONENT = 64;

/** Beyond this |e|, 2^e·p_i may leave the doubles: the normalisation then uses ln(s_q/s_p) from the sums. */
export const MAX_DIFFERENCE_EXPONENT = 1000;

/**
 * Kullback–Leibler divergence of P from Q (the TS reference; `src/compute` adds the WASM backend):
 *
 *   D_KL(P‖Q) = Σ_i p_i log(p_i/q_i)        (LaTeX: {@link KL_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base` (bits for 2, bans for 10).
 *
 * Conventions and edge cases:
 * - p_i = 0 contributes 0 (0·log 0 = 0), whatever q_i is, as `scipy.special.rel_entr`;
 * - p_i > 0 with q_i = 0 gives +Infinity (never NaN);
 * - by default P and Q are normalised to sum to 1, computed without dividing any element as
 *   D = S/s_p + ln(s_q/s_p) with S = Σ p_i ln(p_i/q_i) (exact when the sums are 1), and the result reports
 *   `normalized: true` with the original sums when a sum differed from 1 by more than
 *   {@link NORMALIZATION_TOLERANCE}; a normalised D is ≥ 0 (Gibbs), so a rounding-level negative is returned as 0.
 *   When the sums differ by more than a factor √2 (counts against probabilities), S/s_p and ln(s_q/s_p) are
 *   large and nearly cancel; a second pass then takes the power of two 2^e nearest s_q/s_p into each term,
 *   exactly, as S' = Σ p_i ln(p_i·2^e/q_i) and D = S'/s_p + ln(s_q/(2^e·s_p)). The last logarithm is
 *   log1p(Σ(q_i - 2^e·p_i)/(2^e·s_p)), from the summed differences rather than from the rounded sums. So the
 *   absolute error of D stays about u·(Σ p̂_i|ln(p̂_i/q̂_i)| + Σ|p̂_i - q̂_i|) (u = 2^-53): it shrinks with
 *   the distance between P and Q instead of staying near u (a relative error of 1e-4 at D = 1e-12);
 * - a normalised D is invariant under scaling P or Q by a power of two: sums below 2^-960 (subnormal values,
 *   whose terms would round to multiples of 2^-1074) are scaled exactly into [1, 2) first (see {@link klResultOf});
 * - `normalize: false` returns the raw S for the values as given (may be negative when the sums differ);
 * - `input: 'log'` takes natural-log probabilities (−Infinity is probability 0), `input: 'logits'` takes logits
 *   and applies softmax; both are computed from the log-probabilities directly with log-sum-exp, never by
 *   exponentiating and dividing. Logits are normalised by definition (sums are reported as 1).
 * - Each ln(p_i/q_i) is computed without forming p_i/q_i (see `logRatio`: within 2 ulp, also where p_i ≈ q_i
 *   and for extreme exponents), and every sum is compensated (Neumaier).
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value` (naming P or Q and the 0-based
 *   index of the first bad value), `zero-sum`, or `invalid-parameter` (bad base).
 * @example
 * klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3]).value // 0.08529960131837053 (nats; exact 0.08529960131837056…)
 * klDivergence([1, 0], [0, 1]).value                               // Infinity
 * klDivergence([2, 1], [1, 1], { base: 2 })                        // normalized: true, sums { p: 3, q: 2 }
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: KlOptions = {}): KlResult {
  const input = options.input ?? 'prob';
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const normalize = options.normalize !== false;
  if (input === 'prob') return klResultOf(p, q, klSums, base, normalize, 'ts')!;
  if (input === 'log' || input === 'logits') return klFromLogProbabilities(p, q, input, base, normalize);
  throw new DivergenceError('invalid-parameter', `input must be 'prob', 'log' or 'logits', not '${String(input)}'`, {
    array: 'input',
  });
}

/**
 * The result from a backend's pass over P and Q (`pass(p, q, e)`, see {@link klSumsFor}), or `undefined` when
 * the backend cannot represent the sums. A normalised D is invariant under scaling P and Q by powers of two,
 * so a sum below 2^-960 (subnormal values, whose terms p_i·ln(…) round to multiples of 2^-1074) is computed
 * again from values scaled exactly into [1, 2), each distribution by its own power of two (see
 * `normalRangeExponent`); the result reports the sums as given. Raw results are of the values as given.
 */
export function klResultOf(
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  pass: (p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number) => KlSums | undefined,
  base: LogBase,
  normalize: boolean,
  backend: 'ts' | 'wasm',
): KlResult | undefined {
  const sums = klSumsFor((e) => pass(p, q, e), normalize);
  if (!sums) return undefined;
  const k = normalRangeExponents(sums, normalize);
  if (!k) return klResultFromSums(sums, p.length, base, normalize, backend);
  const scaled = klSumsFor((e) => pass(scaledByPowerOfTwo(p, k[0]), scaledByPowerOfTwo(q, k[1]), e), true);
  return scaled && rescaledResult(scaled, sums, p.length, base, backend);
}

/**
 * The powers of two [k_p, k_q] by which {@link klResultOf} scales P and Q for a normalised result whose sums
 * (`sums`, of the values as given) are below 2^-960; `undefined` when none is needed (also when raw, infinite,
 * or a sum is 0: the result is then that of `sums`).
 */
export function normalRangeExponents(sums: KlSums, normalize: boolean): readonly [number, number] | undefined {
  if (!normalize || sums.infinite || sums.sumP === 0 || sums.sumQ === 0) return undefined;
  const kp = normalRangeExponent(sums.sumP);
  const kq = normalRangeExponent(sums.sumQ);
  return kp === 0 && kq === 0 ? undefined : [kp, kq];
}

/** The normalised result from the sums of the rescaled values, reporting the sums as given (far below 1). */
export function rescaledResult(scaled: KlSums, given: KlSums, n: number, base: LogBase, backend: 'ts' | 'wasm'): KlResult {
  return { ...klResultFromSums(scaled, n, base, true, backend), normalized: true, sums: { p: given.sumP, q: given.sumQ } };
}

/**
 * The sums a result needs, from `pass(e)` (one backend's pass with exponent offset e): one pass, and for a
 * normalised result whose sums differ by a factor of √2 or more, a second pass with the offset of
 * {@link normalizationOffset}. `undefined` when the backend cannot represent the sums (it overflowed).
 */
export function klSumsFor(pass: (exponentOffset: number) => KlSums | undefined, normalize: boolean): KlSums | undefined {
  const first = pass(0);
  if (!first || !normalize || first.infinite) return first;
  const e = normalizationOffset(first);
  return e === 0 ? first : pass(e);
}

/**
 * The integer e with 2^e nearest s_q/s_p (0 when a sum is 0): as an exponent offset of every term it makes
 * the normalisation's correction ln(s_q/(2^e·s_p)) at most ln √2 in size.
 */
export function normalizationOffset(sums: KlSums): number {
  if (!(sums.sumP > 0 && sums.sumQ > 0)) return 0;
  return Math.round(logRatio(sums.sumQ, sums.sumP) / Math.LN2);
}

/**
 * One pass over probability inputs: validates every value (first bad index, P before Q) and returns the
 * compensated sums of the terms p_i·ln(p_i·2^e/q_i) and of P and Q. Falls back to a scaled pass when a sum
 * overflows.
 */
export function klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset = 0): KlSums {
  const plain = accumulate(p, q, 0, exponentOffset);
  if (Number.isFinite(plain.sumP) && Number.isFinite(plain.sumQ) && (plain.infinite || Number.isFinite(plain.terms))) return plain;
  return accumulate(p, q, OVERFLOW_SCALE_EXPONENT, exponentOffset);
}

/**
 * The pass itself, with four Neumaier sums kept in locals (as in `NeumaierSum`, inlined: this loop is the
 * TS backend's whole cost). An overflow shows as a non-finite sum, which `klSums` answers with a scaled pass.
 */
function accumulate(p: ArrayLike<number>, q: ArrayLike<number>, scaleExponent: number, exponentOffset: number): KlSums {
  const scale = 2 ** -scaleExponent;
  const differenceFactor = Math.abs(exponentOffset) <= MAX_DIFFERENCE_EXPONENT ? 2 ** exponentOffset : 0;
  let difference = 0;
  let differenceComp = 0;
  let terms = 0;
  let termsComp = 0;
  let sumP = 0;
  let sumPComp = 0;
  let sumQ = 0;
  let sumQComp = 0;
  let infinite = false;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (!(pi >= 0 && pi < Infinity)) throw invalidValueError('P', i, pi);
    if (!(qi >= 0 && qi < Infinity)) throw invalidValueError('Q', i, qi);
    const ps = pi * scale;
    const qs = qi * scale;
    let t = sumP + ps;
    sumPComp += sumP >= ps ? sumP - t + ps : ps - t + sumP; // both ≥ 0: no Math.abs needed
    sumP = t;
    t = sumQ + qs;
    sumQComp += sumQ >= qs ? sumQ - t + qs : qs - t + sumQ;
    sumQ = t;
    const d = qs - differenceFactor * ps;
    t = difference + d;
    differenceComp += Math.abs(difference) >= Math.abs(d) ? difference - t + d : d - t + difference;
    difference = t;
    if (pi > 0) {
      if (qi > 0) {
        const x = ps * logRatio(pi, qi, exponentOffset);
        t = terms + x;
        termsComp += Math.abs(terms) >= Math.abs(x) ? terms - t + x : x - t + terms;
        terms = t;
      } else {
        infinite = true;
      }
    }
  }
  return {
    terms: terms + termsComp,
    exponentOffset,
    sumP: sumP + sumPComp,
    sumQ: sumQ + sumQComp,
    sumDifference: difference + differenceComp,
    scaleExponent,
    infinite,
  };
}

/**
 * Assembles the result from a backend's sums: the zero-sum checks, normalisation, base conversion and
 * Pinsker's bound. Shared by every backend so that they differ only in how the sums are computed.
 *
 * @throws DivergenceError `zero-sum` when P (checked first) or Q sums to 0.
 */
export function klResultFromSums(sums: KlSums, n: number, base: LogBase, normalize: boolean, backend: 'ts' | 'wasm'): KlResult {
  if (sums.sumP === 0) throw zeroSumError('P');
  if (sums.sumQ === 0) throw zeroSumError('Q');
  const unscale = 2 ** sums.scaleExponent;
  const sumP = sums.sumP * unscale;
  const sumQ = sums.sumQ * unscale;
  let normalizedNats = Infinity;
  let rawNats = Infinity;
  if (!sums.infinite) {
    // All sums carry the same scale, so it cancels in S'/s_p and in s_q/(2^e·s_p). S' = S + e·ln2·s_p.
    const e = sums.exponentOffset;
    normalizedNats = Math.max(0, sums.terms / sums.sumP + normalizationCorrection(sums));
    rawNats = (e === 0 ? sums.terms : sums.terms - e * Math.LN2 * sums.sumP) * unscale;
  }
  return assemble(normalize ? normalizedNats : rawNats, normalizedNats, base, normalize && !(isOne(sumP) && isOne(sumQ)), { p: sumP, q: sumQ }, n, backend);
}

/**
 * ln(s_q/(2^e·s_p)): log1p of the summed differences over 2^e·s_p when that ratio is moderate (always, after
 * the offset pass), else from the rounded sums (a first pass whose sums differ widely; an extreme e).
 */
function normalizationCorrection(sums: KlSums): number {
  const e = sums.exponentOffset;
  if (Math.abs(e) <= MAX_DIFFERENCE_EXPONENT) {
    const x = sums.sumDifference / (2 ** e * sums.sumP);
    if (Math.abs(x) <= 0.5) return Math.log1p(x);
  }
  return logRatio(sums.sumQ, sums.sumP, -e);
}

function isOne(sum: number): boolean {
  return Math.abs(sum - 1) <= NORMALIZATION_TOLERANCE;
}

function assemble(
  nats: number,
  normalizedNats: number,
  base: LogBase,
  normalized: boolean,
  sums: { p: number; q: number },
  n: number,
  backend: 'ts' | 'wasm',
): KlResult {
  if (Number.isNaN(nats) || Number.isNaN(normalizedNats)) {
    // Unreachable for admissible inputs; guarded because the contract is "never NaN".
    throw new DivergenceError('invalid-value', 'the divergence is undefined for these inputs (their magnitudes overflow)');
  }
  return {
    measure: 'kl',
    value: nats / base.lnBase,
    unit: base.unit,
    base: base.base,
    normalized,
    sums,
    pinskerTvBound: Math.sqrt(normalizedNats / 2),
    n,
    backend,
  };
}

/**
 * KL from natural-log probabilities (or logits) a = ln p and b = ln q, without leaving log space where it
 * matters. With α_i = a_i - max a, β_i = b_i - max b, w_i = exp(α_i), W = Σ w_i, and the log-sum-exps
 * L_a = ln W = log1p(Σ_{i≠argmax} w_i) (the maximal term contributes exactly 1), likewise L_b:
 *   normalised: D = Σ w_i·((α_i - β_i) + (L_b - L_a)) / W      (ln p̂_i = α_i - L_a, ln q̂_i = β_i - L_b)
 *   raw:        S = exp(max a)·Σ w_i·(a_i - b_i)
 * Working with α and β, never with the raw maxima, makes the normalised value exactly invariant to adding a
 * constant to all logits (when the shifted values are exact), as softmax is.
 */
function klFromLogProbabilities(a: ArrayLike<number>, b: ArrayLike<number>, input: 'log' | 'logits', base: LogBase, normalize: boolean): KlResult {
  const n = a.length;
  let maxA = -Infinity;
  let maxB = -Infinity;
  let argMaxA = -1;
  let argMaxB = -1;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    if (!isAdmissible(ai, input)) throw invalidValueError('P', i, ai, input);
    if (!isAdmissible(bi, input)) throw invalidValueError('Q', i, bi, input);
    if (ai > maxA) {
      maxA = ai;
      argMaxA = i;
    }
    if (bi > maxB) {
      maxB = bi;
      argMaxB = i;
    }
  }
  if (argMaxA < 0) throw zeroSumError('P');
  if (argMaxB < 0) throw zeroSumError('Q');

  const restA = new NeumaierSum();
  const restB = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    if (i !== argMaxA) restA.add(Math.exp(a[i]! - maxA));
    if (i !== argMaxB) restB.add(Math.exp(b[i]! - maxB));
  }
  const lseDifference = Math.log1p(restB.value) - Math.log1p(restA.value);

  const centered = new NeumaierSum();
  const raw = new NeumaierSum();
  let infinite = false;
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    if (ai === -Infinity) continue; // p_i = 0: the term is 0
    const bi = b[i]!;
    if (bi === -Infinity) {
      infinite = true;
      continue;
    }
    const alpha = ai - maxA;
    const w = Math.exp(alpha);
    // p_i underflows to 0 relative to the largest (alpha may even be -Infinity for logits near ±1e308):
    // its term is 0, and skipping it avoids 0·(-Infinity) = NaN.
    if (w === 0) continue;
    centered.add(w * (alpha - (bi - maxB) + lseDifference));
    if (!normalize) raw.add(w * (ai - bi));
  }
  const weightSum = 1 + restA.value;
  const normalizedNats = infinite ? Infinity : Math.max(0, centered.value / weightSum);
  if (input === 'logits') {
    return assemble(normalizedNats, normalizedNats, base, false, { p: 1, q: 1 }, n, 'ts');
  }
  const sums = { p: Math.exp(maxA) * weightSum, q: Math.exp(maxB) * (1 + restB.value) };
  const rawNats = infinite ? Infinity : rawTimesExp(raw.value, maxA);
  const normalized = normalize && !(isOne(sums.p) && isOne(sums.q));
  return assemble(normalize ? normalizedNats : rawNats, normalizedNats, base, normalized, sums, n, 'ts');
}

/** s·exp(m) without a spurious 0·Infinity = NaN when exp(m) overflows and s is 0. */
function rawTimesExp(s: number, m: number): number {
  return s === 0 ? 0 : s * Math.exp(m);
}
