import type { DoubleDouble } from './doubleDouble';
import { DivergenceError } from './errors';
import { NORMALIZATION_TOLERANCE } from './klDivergence';
import type { InputKind } from './validate';

export type { DoubleDouble };

/**
 * Options shared by every discrete measure: the same three as `klDivergence`, so that one options object
 * serves all of them (the CLI, the panel's table).
 */
export interface MeasureOptions {
  /**
   * Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. Measures
   * without a unit (total variation, Hellinger) check it like the others but are not changed by it.
   */
  readonly base?: number | string;
  /** Normalise P (and Q) to sum to 1 first (default true); false applies the formula to the values as given. */
  readonly normalize?: boolean;
  /** How P and Q are given: probabilities (default), natural-log probabilities, or logits (softmax first). */
  readonly input?: InputKind;
}

/** `options.input`, checked: 'prob' when absent. @throws DivergenceError `invalid-parameter` for anything else. */
export function resolveInputKind(input: InputKind | undefined): InputKind {
  const kind = input ?? 'prob';
  if (kind === 'prob' || kind === 'log' || kind === 'logits') return kind;
  throw new DivergenceError('invalid-parameter', `input must be 'prob', 'log' or 'logits', not '${String(kind)}'`, { array: 'input' });
}

/** A sum within {@link NORMALIZATION_TOLERANCE} of 1 counts as 1: results then say `normalized: false`, as KL's do. */
export function isUnitSum(sum: number): boolean {
  return Math.abs(sum - 1) <= NORMALIZATION_TOLERANCE;
}

/**
 * The parts of a log-sum-exp, ln Σ exp(x_i) = max + log1p(rest), with rest = Σ_{i≠argMax} exp(x_i - max):
 * the maximal term contributes exactly 1, so log1p keeps the result's accuracy when one term dominates, and
 * no exp overflows. `argMax` is -1 (and `max` -Infinity) when every x_i is -Infinity. The values must be
 * finite or -Infinity (checked by the caller).
 */
export interface LogSumExpParts {
  readonly max: number;
  readonly argMax: number;
  readonly rest: number;
}

export function logSumExpParts(x: ArrayLike<number>): LogSumExpParts {
  let max = -Infinity;
  let argMax = -1;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! > max) {
      max = x[i]!;
      argMax = i;
    }
  }
  if (argMax < 0) return { max, argMax, rest: 0 };
  let rest = 0;
  let restComp = 0;
  for (let i = 0; i < x.length; i++) {
    if (i === argMax) continue;
    const w = Math.exp(x[i]! - max); // all ≤ 1 and ≥ 0: Neumaier's branch is known
    const t = rest + w;
    restComp += rest >= w ? rest - t + w : w - t + rest;
    rest = t;
  }
  return { max, argMax, rest: rest + restComp };
}

/**
 * Σ x_i·scale as a {@link DoubleDouble} (Neumaier summation; the x_i are non-negative and finite, checked by
 * the caller): hi + lo is the exact sum to about u² (u = 2^-53) relative. Normalising by it instead of by hi
 * alone is what lets p_i/s_p - q_i/s_q be computed to the last bit where P and Q are nearly equal. With scale
 * a power of two, an overflowing sum is recomputed exactly scaled.
 */
export function compensatedSum(x: ArrayLike<number>, scale = 1): DoubleDouble {
  let sum = 0;
  let comp = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * scale;
    const t = sum + v;
    comp += sum >= v ? sum - t + v : v - t + sum; // both ≥ 0
    sum = t;
  }
  const hi = sum + comp;
  return { hi, lo: comp - (hi - sum) };
}

/** Sums at or above this are computed scaled by 2^-64, so that p_i·|ln x| (|ln x| < 2^11) stays finite. */
const MAX_PLAIN_SUM = 2 ** 960;
const SCALE_EXPONENT = 64;

/**
 * Σp and Σq as {@link DoubleDouble}s of the values scaled by 2^-scaleExponent: 0, or 64 when a sum reaches
 * 2^960 (counts near the top of the doubles), where sums and the terms p_i·ln(…) of a measure could
 * overflow. Power-of-two scaling is exact, and what it pushes below the subnormals is below 2^-2000 of the sum.
 */
export function scaledSums(p: ArrayLike<number>, q: ArrayLike<number>): { p: DoubleDouble; q: DoubleDouble; scaleExponent: number } {
  const sp = compensatedSum(p);
  const sq = compensatedSum(q);
  if (sp.hi < MAX_PLAIN_SUM && sq.hi < MAX_PLAIN_SUM) return { p: sp, q: sq, scaleExponent: 0 };
  const scale = 2 ** -SCALE_EXPONENT;
  return { p: compensatedSum(p, scale), q: compensatedSum(q, scale), scaleExponent: SCALE_EXPONENT };
}

/**
 * Normalised sums below this are computed again from values scaled up by {@link normalRangeExponent}: a term
 * p_i·ln(…) of a measure rounds to a multiple of 2^-1074, which is at most 2^-115 of a sum from 2^-960 (below
 * the rounding of the result), but is a visible share of a smaller one (1e-8 of an entropy at 2^-1050, all of
 * it at 2^-1074).
 */
const MIN_PLAIN_SUM = 2 ** -960;

/**
 * The k with sum·2^k in [1, 2) when 0 < sum < 2^-960, else 0: the power of two by which a normalised measure
 * scales values whose sum is that small before computing. Normalised measures are invariant under it, and it is
 * exact: every value is at most the sum, so none overflows, and scaling up rounds nothing (subnormals
 * included).
 */
export function normalRangeExponent(sum: number): number {
  return sum > 0 && sum < MIN_PLAIN_SUM ? -binaryExponent(sum) : 0;
}

/** x·2^k for every value (exactly, for the k of {@link normalRangeExponent}); x itself for k = 0. */
export function scaledByPowerOfTwo(x: ArrayLike<number>, k: number): ArrayLike<number> {
  if (k === 0) return x;
  const [f1, f2] = powerOfTwoFactors(k);
  const y = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) y[i] = x[i]! * f1 * f2;
  return y;
}

/** Σx as {@link scaledSums} computes it, for one distribution. */
export function scaledSum(x: ArrayLike<number>): { sum: DoubleDouble; scaleExponent: number } {
  const sum = compensatedSum(x);
  if (sum.hi < MAX_PLAIN_SUM) return { sum, scaleExponent: 0 };
  return { sum: compensatedSum(x, 2 ** -SCALE_EXPONENT), scaleExponent: SCALE_EXPONENT };
}

/**
 * Factors f1·f2 = 2^k, each a double, so that x·f1·f2 is x·2^k exactly for every k in [-2098, 2098] (2^k
 * alone overflows beyond 2^1023, and sums of subnormals need scaling by up to 2^1074).
 */
export function powerOfTwoFactors(k: number): readonly [number, number] {
  const half = Math.trunc(k / 2);
  return [2 ** half, 2 ** (k - half)];
}

/** The integer k with x·2^-k in [1, 2), for positive finite x (subnormals included). */
export function binaryExponent(x: number): number {
  let k = Math.floor(Math.log2(x));
  const [f1, f2] = powerOfTwoFactors(-k);
  const m = x * f1 * f2;
  // Math.log2 may round across a power of two: correct by one step.
  if (m >= 2) k += 1;
  else if (m < 1) k -= 1;
  return k;
}
