/**
 * The KL kernel's vector log-ratio: ln(a/b) = k·ln 2 + 2·atanh(s) per f64x2 lane, for a in [2^-1021, 2^1022)
 * and normal positive finite b, in two halves (`klLogRatioReduce` in a block's first pass, `klAtanhSum` in its
 * second), with the k·ln 2 parts left to the caller, which sums p·k apart (see klKernel.ts).
 *
 * The reduction puts b into the binade window of a: with y = a·√2 (rounded) and the bits Y of y and B of b,
 *
 *   K = (Y − B) with its 52 low bits cleared (two's complement: K = 2^52·⌊(Y − B)/2^52⌋), b' = B + K,
 *
 * adds the integer k = K/2^52 to b's exponent field with b's significand kept: b' = b·2^k is the one such number
 * in (y/2, y], so ln(a/b) = k·ln 2 + ln(a/b') with a/b' ∈ [1/√2, √2) (up to the rounding of y), a − b' is exact
 * (Sterbenz) and
 *
 *   s = (a − b')/(a + b'), |s| ≤ 0.1716 (two roundings: the sum and the quotient),
 *   atanh(s) = s + s·R(s²)/2, R fdlibm's minimax polynomial (Lg1..Lg7, error below 2^-58.45 on this range).
 *
 * This is numeric.ts's logRatioReduce with the exponent split done on the bits in four integer operations instead
 * of eleven (no significand extraction, no √2 comparisons): the same s up to a power of two wherever both pick
 * the same fold (always where a/b is near 1: k = 0 there), and the same polynomial in the same order, so
 * 2·atanh(s) is bit for bit logRatioFinish's. K's high 32-bit word is k·2^20 (|k| ≤ 2046): k is its arithmetic
 * shift (i32x4.shr_s, native, unlike i64x2.shr_s).
 */
import { LG1, LG2, LG3, LG4, LG5, LG6, LG7, LOG_RATIO_SCRATCH, MANTISSA_BITS, SQRT2, laneSum } from './numeric';

/** The vector constants, each splatted to both lanes (offsets: C). Lg_j/2: the coefficients of R(s²)/2, exactly. */
const CONSTANTS = memory.data<f64>(
  [
    SQRT2, SQRT2, reinterpret<f64>(MANTISSA_BITS), reinterpret<f64>(MANTISSA_BITS),
    LG1 / 2, LG1 / 2, LG2 / 2, LG2 / 2, LG3 / 2, LG3 / 2, LG4 / 2, LG4 / 2,
    LG5 / 2, LG5 / 2, LG6 / 2, LG6 / 2, LG7 / 2, LG7 / 2,
  ],
  16,
);
const enum C { SQRT2, MANTISSA, LG1, LG2, LG3, LG4, LG5, LG6, LG7 }

// @ts-ignore: decorator
@inline
function constant(index: C): v128 {
  return v128.load(CONSTANTS + (<usize>index << 4));
}

/** Bytes per vector in LOG_RATIO_SCRATCH: s. */
export const KL_SCRATCH_STRIDE: usize = 16;

/**
 * The first half of ln(a/b) = k·ln 2 + 2·atanh(s) per lane (see the file's comment): stores s at `at` and returns
 * k as f64. With a = 1 and any b ≥ +0 (the KL kernel's lanes with p = 0) both are finite; a caller
 * discards the results of lanes otherwise outside the file's ranges.
 */
// @ts-ignore: decorator
@inline
export function klLogRatioReduce(a: v128, b: v128, at: usize): v128 {
  const shift = v128.andnot(i64x2.sub(f64x2.mul(a, constant(C.SQRT2)), b), constant(C.MANTISSA));
  const scaled = i64x2.add(b, shift);
  v128.store(at, f64x2.div(f64x2.sub(a, scaled), f64x2.add(a, scaled)));
  const k = i32x4.shr_s(shift, 20);
  return f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 1, 3, 1, 3));
}

/** atanh(s) per lane from s (|s| ≤ 0.1716): s + s·R(s²)/2, R as logRatioFinish evaluates it (Estrin's split). */
// @ts-ignore: decorator
@inline
function atanhOf(s: v128): v128 {
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const r1 = f64x2.mul(w, f64x2.add(constant(C.LG2), f64x2.mul(w, f64x2.add(constant(C.LG4), f64x2.mul(w, constant(C.LG6))))));
  const r2 = f64x2.mul(
    z,
    f64x2.add(constant(C.LG1), f64x2.mul(w, f64x2.add(constant(C.LG3), f64x2.mul(w, f64x2.add(constant(C.LG5), f64x2.mul(w, constant(C.LG7))))))),
  );
  return f64x2.add(s, f64x2.mul(s, f64x2.add(r1, r2)));
}

/**
 * The second pass over a block: Σ w_i·atanh(s_i) for the weights w at [weights, end) (a multiple of 4 elements)
 * and the s the first pass stored in LOG_RATIO_SCRATCH (`klLogRatioReduce(…, LOG_RATIO_SCRATCH + 16·j)` for
 * vector j), with two f64x2 running sums.
 */
// @ts-ignore: decorator
@inline
export function klAtanhSum(weights: usize, end: usize): f64 {
  let t0 = f64x2.splat(0);
  let t1 = f64x2.splat(0);
  let at = LOG_RATIO_SCRATCH;
  while (weights < end) {
    t0 = f64x2.add(t0, f64x2.mul(v128.load(weights), atanhOf(v128.load(at))));
    t1 = f64x2.add(t1, f64x2.mul(v128.load(weights, 16), atanhOf(v128.load(at, KL_SCRATCH_STRIDE))));
    weights += 32;
    at += 2 * KL_SCRATCH_STRIDE;
  }
  return laneSum(f64x2.add(t0, t1));
}
