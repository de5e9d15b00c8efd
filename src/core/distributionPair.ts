import { logRatio, productError, sumError } from './numeric';
import {
  binaryExponent,
  isUnitSum,
  logSumExpParts,
  powerOfTwoFactors,
  resolveInputKind,
  scaledSums,
  type DoubleDouble,
  type MeasureOptions,
} from './distributionInput';
import { checkLengths, findInvalidValue, zeroSumError, type InputKind } from './validate';

/**
 * One element of a pair of distributions, as every measure of two distributions needs it:
 * - `p`, `q`: the probabilities p̂_i = p_i/Σp and q̂_i = q_i/Σq (normalised), or the values as given times
 *   e^-lnScale (raw), each to a few ulps;
 * - `difference`: p - q, to a few ulps of itself even where the two nearly cancel (see {@link preparePair});
 * - `lnRatio`: ln(p/q), to a few ulps of itself: +Infinity exactly where q_i = 0 < p_i as given, -Infinity
 *   where p_i = 0 < q_i (also when the other value, visited, underflowed to 0 after normalisation).
 * Elements with p_i = q_i = 0 are not visited (every measure's term is 0 there).
 */
export type PairVisitor = (p: number, q: number, difference: number, lnRatio: number) => void;

/** A validated pair of distributions, ready to be visited element by element. */
export interface DistributionPair {
  readonly n: number;
  readonly input: InputKind;
  /** The visited values are the normalised distributions (always for logits). */
  readonly normalize: boolean;
  /** What results report: normalised, and a sum differed from 1 by more than NORMALIZATION_TOLERANCE. */
  readonly normalized: boolean;
  /** The sums of P and Q as given (in probability space: Σ exp(x) for log input; 1 for logits). */
  readonly sums: { readonly p: number; readonly q: number };
  /**
   * Raw only: the values as given are e^lnScale times the visited ones. 0 unless they could overflow (sums
   * from 2^960; log input beyond e^300) or underflow (log input below e^-700); 0 when normalised.
   */
  readonly lnScale: number;
  /** e^lnScale itself (exactly 2^64 for scaled probabilities; may overflow to Infinity for log input). */
  readonly scale: number;
  /**
   * Raw with lnScale = 0 only: Σp - 1 and Σq - 1, without the rounding of Σp and Σq, for measures that
   * take a log1p of a sum near 1 (Bhattacharyya, Rényi). Undefined otherwise.
   */
  readonly excess: { readonly p: number; readonly q: number } | undefined;
  /** Calls `visit` for every element in index order, skipping those with p = q = 0. */
  forEach(visit: PairVisitor): void;
}

/** Raw log input is exponentiated as given while its largest value lies in this range (else shifted). */
const MAX_RAW_LOG = 300;
const MIN_RAW_LOG = -700;

/**
 * Validates P and Q (lengths, every value admissible for `options.input`, the first bad one by index with P
 * before Q, then zero sums, P first) and returns the pair, ready to be visited. The method, for measures
 * that depend on p̂_i - q̂_i where P ≈ Q (total variation, Jensen–Shannon, Hellinger) or on ln(p̂_i/q̂_i)
 * near 0 (Jeffreys, Rényi):
 *
 * - probabilities, normalised: Σp and Σq as compensated double-double sums, scaled exactly by powers of two
 *   to S_p, S_q in [1, 2) (with p_i, q_i scaled alike); then p̂_i - q̂_i = (p_i·S_q - q_i·S_p)/(S_p·S_q), the
 *   numerator from exact products (Dekker) and both sums' low parts, so it is right to the last bit however
 *   much it cancels; ln(p̂_i/q̂_i) = log1p((p̂_i - q̂_i)/q̂_i) where the ratio is within [1/2, 2], else from
 *   `logRatio`. Rounding the sums to doubles instead would put an error of about 1e-16 on each difference,
 *   a relative error of 1e-10 on the total variation of distributions 1e-6 apart.
 * - probabilities, raw: the values themselves (p_i - q_i is exact where they are close), ln(p_i/q_i) from
 *   `logRatio`.
 * - log-probabilities and logits: ln p̂_i = (a_i - max a) - log1p(Σ_{j≠argmax} e^{a_j - max a}) (log-sum-exp,
 *   as klDivergence), ln(p̂_i/q̂_i) from the differences a_i - b_i (exact where close) plus the difference of
 *   the two log-sum-exps; p̂_i - q̂_i = q̂_i·expm1(ln(p̂_i/q̂_i)) where they are close. The log-sum-exps carry
 *   the rounding of the exponentials they add up: an error of about 1e-16 common to every ln-ratio, which
 *   the symmetric measures cancel to first order and the total variation does not.
 *
 * @throws DivergenceError `empty-input`, `length-mismatch`, `invalid-value`, `zero-sum`, `invalid-parameter`
 *   (input kind).
 */
export function preparePair(p: ArrayLike<number>, q: ArrayLike<number>, options: MeasureOptions = {}): DistributionPair {
  const input = resolveInputKind(options.input);
  checkLengths(p, q);
  const invalid = findInvalidValue(p, q, input);
  if (invalid) throw invalid;
  if (input === 'prob') return probabilityPair(p, q, options.normalize !== false);
  return logPair(p, q, input, input === 'logits' || options.normalize !== false);
}

function probabilityPair(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean): DistributionPair {
  const { p: sp, q: sq, scaleExponent } = scaledSums(p, q);
  if (sp.hi === 0) throw zeroSumError('P');
  if (sq.hi === 0) throw zeroSumError('Q');
  const sums = { p: sp.hi * 2 ** scaleExponent, q: sq.hi * 2 ** scaleExponent };
  const n = p.length;
  if (!normalize) {
    const scale = 2 ** -scaleExponent;
    return {
      n,
      input: 'prob',
      normalize,
      normalized: false,
      sums,
      lnScale: scaleExponent * Math.LN2,
      scale: 2 ** scaleExponent,
      excess: scaleExponent === 0 ? { p: sp.hi - 1 + sp.lo, q: sq.hi - 1 + sq.lo } : undefined,
      forEach(visit: PairVisitor): void {
        for (let i = 0; i < n; i++) {
          const pi = p[i]!;
          const qi = q[i]!;
          if (pi === 0 && qi === 0) continue;
          const x = pi * scale;
          const y = qi * scale;
          visit(x, y, x - y, pi === 0 ? -Infinity : qi === 0 ? Infinity : logRatio(pi, qi));
        }
      },
    };
  }
  const sP = unitScaled(sp, scaleExponent);
  const sQ = unitScaled(sq, scaleExponent);
  const denominator = sP.hi * sQ.hi;
  // ln(s_q/s_p), only for values whose scaled form underflows.
  const lnSumRatio = logRatio(sQ.hi, sP.hi, sQ.exponent - sP.exponent);
  return normalizedPair(n, 'prob', !(isUnitSum(sums.p) && isUnitSum(sums.q)), sums, (visit) => {
    for (let i = 0; i < n; i++) {
      const pi = p[i]!;
      const qi = q[i]!;
      if (pi === 0 && qi === 0) continue;
      // Scaled values below 2^-1074 of their sum become 0: they add nothing, but the ln-ratio keeps the
      // sign of the values as given (p_i > 0 = q_i is still +Infinity).
      const x = pi * sP.f1 * sP.f2;
      const y = qi * sQ.f1 * sQ.f2;
      // x·S_q - y·S_p, the products exact (hi part plus rounding error) and the sums' low parts added.
      const a = x * sQ.hi;
      const b = y * sP.hi;
      const numerator = a - b + (productError(x, sQ.hi, a) - productError(y, sP.hi, b) + (x * sQ.lo - y * sP.lo));
      let lnRatio: number;
      if (qi === 0) lnRatio = Infinity;
      else if (pi === 0) lnRatio = -Infinity;
      else if (x === 0 || y === 0) lnRatio = logRatio(pi, qi) + lnSumRatio;
      else if (a >= 0.5 * b && a <= 2 * b) lnRatio = Math.log1p(numerator / b);
      else lnRatio = logRatio(a, b);
      visit(x / sP.hi, y / sQ.hi, numerator / denominator, lnRatio);
    }
  });
}

/**
 * A sum S (of values scaled by 2^-scaleExponent) scaled by 2^-k into [1, 2), and the factors
 * f1·f2 = 2^-(k + scaleExponent) that scale the values as given alike.
 */
interface UnitScaledSum {
  /** k + scaleExponent: the sum as given is hi·2^exponent. */
  readonly exponent: number;
  readonly hi: number;
  readonly lo: number;
  readonly f1: number;
  readonly f2: number;
}

function unitScaled(sum: DoubleDouble, scaleExponent: number): UnitScaledSum {
  const k = binaryExponent(sum.hi);
  const [s1, s2] = powerOfTwoFactors(-k);
  const [f1, f2] = powerOfTwoFactors(-k - scaleExponent);
  return { exponent: k + scaleExponent, hi: sum.hi * s1 * s2, lo: sum.lo * s1 * s2, f1, f2 };
}

function logPair(a: ArrayLike<number>, b: ArrayLike<number>, input: 'log' | 'logits', normalize: boolean): DistributionPair {
  const lseA = logSumExpParts(a);
  const lseB = logSumExpParts(b);
  if (lseA.argMax < 0) throw zeroSumError('P');
  if (lseB.argMax < 0) throw zeroSumError('Q');
  const sums = input === 'logits' ? { p: 1, q: 1 } : { p: Math.exp(lseA.max) * (1 + lseA.rest), q: Math.exp(lseB.max) * (1 + lseB.rest) };
  const n = a.length;
  const maxA = lseA.max;
  const maxB = lseB.max;
  if (!normalize) {
    const top = Math.max(maxA, maxB);
    const shift = top >= MIN_RAW_LOG && top <= MAX_RAW_LOG ? 0 : top;
    return {
      n,
      input,
      normalize,
      normalized: false,
      sums,
      lnScale: shift,
      scale: Math.exp(shift),
      // Σ e^{a_i} - 1 = expm1(max a) + e^{max a}·rest: no rounded sum near 1 in between.
      excess:
        shift === 0
          ? { p: Math.expm1(maxA) + Math.exp(maxA) * lseA.rest, q: Math.expm1(maxB) + Math.exp(maxB) * lseB.rest }
          : undefined,
      forEach(visit: PairVisitor): void {
        for (let i = 0; i < n; i++) {
          const ai = a[i]!;
          const bi = b[i]!;
          if (ai === -Infinity && bi === -Infinity) continue;
          const x = Math.exp(ai - shift);
          const y = Math.exp(bi - shift);
          const lnRatio = ai === -Infinity ? -Infinity : bi === -Infinity ? Infinity : ai - bi;
          visit(x, y, closeDifference(x, y, lnRatio), lnRatio);
        }
      },
    };
  }
  const logNormA = Math.log1p(lseA.rest);
  const logNormB = Math.log1p(lseB.rest);
  const lnShift = logNormB - logNormA;
  return normalizedPair(n, input, input === 'log' && !(isUnitSum(sums.p) && isUnitSum(sums.q)), sums, (visit) => {
    for (let i = 0; i < n; i++) {
      const ai = a[i]!;
      const bi = b[i]!;
      const alpha = ai - maxA;
      const beta = bi - maxB;
      // -Infinity: probability 0 (also a value so far below the maximum that the difference overflows).
      if (alpha === -Infinity && beta === -Infinity) continue;
      const x = Math.exp(alpha - logNormA);
      const y = Math.exp(beta - logNormB);
      let lnRatio: number;
      if (alpha === -Infinity) lnRatio = -Infinity;
      else if (beta === -Infinity) lnRatio = Infinity;
      else {
        // α and β as exact sums hi + lo (Knuth's two-sum): α - β is then exact where a_i - b_i is, whether
        // the logits are close to each other or share a large offset from their maxima.
        const alphaLo = sumError(ai, -maxA, alpha);
        const betaLo = sumError(bi, -maxB, beta);
        lnRatio = alpha - beta + (alphaLo - betaLo) + lnShift;
      }
      visit(x, y, closeDifference(x, y, lnRatio), lnRatio);
    }
  });
}

/** x - y from their ln-ratio where they are close (y·expm1 keeps the digits that x - y would cancel). */
function closeDifference(x: number, y: number, lnRatio: number): number {
  return Math.abs(lnRatio) <= 0.5 ? y * Math.expm1(lnRatio) : x - y;
}

/** A pair whose visited values are the normalised distributions: no scale, no excess. */
function normalizedPair(
  n: number,
  input: InputKind,
  normalized: boolean,
  sums: DistributionPair['sums'],
  forEach: DistributionPair['forEach'],
): DistributionPair {
  return { n, input, normalize: true, normalized, sums, lnScale: 0, scale: 1, excess: undefined, forEach };
}
