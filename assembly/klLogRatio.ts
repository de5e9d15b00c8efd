/**
 * The KL kernel's vector log-ratio: Σ w·ln(a/b) = Σ w·k·ln 2 + 2·Σ w·atanh(s) per f64x2 lane, for a in
 * [2^-1021, 2^990) and normal positive finite b, in two halves (`klLogRatioReduce` in a block's first pass,
 * `klAtanhSum` in its second); the caller sums w·k apart (see klKernel.ts).
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
 * numeric.ts's logRatioReduce does the same split with fifteen operations (exponents, significands, two √2 comparisons,
 * the fold's shifts) where this takes four; both fold alike where a/b is near 1 (k = 0). K's high 32-bit word is
 * k·2^20 (|k| ≤ 2046), converted to f64 as it is (exact; klKernel.ts scales the sums back by 2^-20).
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

/** Bytes per vector in LOG_RATIO_SCRATCH: w·s, then s². */
export const KL_SCRATCH_STRIDE: usize = 32;

/**
 * The first half of Σ w·ln(a/b) = Σ w·k·ln 2 + 2·Σ w·atanh(s) per lane (see the file's comment): stores w·s and s²
 * at `at` and returns k·2^20 as f64 (K's high word, exactly). With a = 1 and any b ≥ +0 (the KL kernel's lanes with
 * p = 0) all are finite; a caller discards the results of lanes otherwise outside the file's ranges.
 */
// @ts-ignore: decorator
@inline
export function klLogRatioReduce(a: v128, b: v128, weight: v128, at: usize): v128 {
  const shift = v128.andnot(i64x2.sub(f64x2.mul(a, constant(C.SQRT2)), b), constant(C.MANTISSA));
  const scaled = i64x2.add(b, shift);
  const s = f64x2.div(f64x2.sub(a, scaled), f64x2.add(a, scaled));
  v128.store(at, f64x2.mul(weight, s));
  v128.store(at, f64x2.mul(s, s), 16);
  return f64x2.convert_low_i32x4_s(i32x4.shuffle(shift, shift, 1, 3, 1, 3));
}

/**
 * w·atanh(s) per lane from w·s and z = s² at `at` (|s| ≤ 0.1716): w·s + (w·s·z)·P(z), P(z) = R(z)/(2z) with
 * R fdlibm's polynomial, evaluated as (Lg1 + z·Lg2) + z²·((Lg3 + z·Lg4) + z²·(Lg5 + z·(Lg6 + z·Lg7))) (halved):
 * nine multiplications, whose two pipes bound this pass, eight operations deep instead of Horner's twelve.
 */
// @ts-ignore: decorator
@inline
function weightedAtanh(at: usize): v128 {
  const ws = v128.load(at);
  const z = v128.load(at, 16);
  const z2 = f64x2.mul(z, z);
  const low = f64x2.add(constant(C.LG1), f64x2.mul(z, constant(C.LG2)));
  const middle = f64x2.add(constant(C.LG3), f64x2.mul(z, constant(C.LG4)));
  const high = f64x2.add(constant(C.LG5), f64x2.mul(z, f64x2.add(constant(C.LG6), f64x2.mul(z, constant(C.LG7)))));
  const p = f64x2.add(low, f64x2.mul(z2, f64x2.add(middle, f64x2.mul(z2, high))));
  return f64x2.add(ws, f64x2.mul(f64x2.mul(ws, z), p));
}

/**
 * The second pass over a block of `count` elements (a multiple of 4): Σ w_i·atanh(s_i) from what the first pass
 * stored in LOG_RATIO_SCRATCH (`klLogRatioReduce(…, LOG_RATIO_SCRATCH + KL_SCRATCH_STRIDE·j)` for vector j), with
 * two f64x2 running sums.
 */
// @ts-ignore: decorator
@inline
export function klAtanhSum(count: i32): f64 {
  let t0 = f64x2.splat(0);
  let t1 = f64x2.splat(0);
  let at = LOG_RATIO_SCRATCH;
  const end = at + (<usize>count >> 1) * KL_SCRATCH_STRIDE;
  while (at < end) {
    t0 = f64x2.add(t0, weightedAtanh(at));
    t1 = f64x2.add(t1, weightedAtanh(at + KL_SCRATCH_STRIDE));
    at += 2 * KL_SCRATCH_STRIDE;
  }
  return laneSum(f64x2.add(t0, t1));
}
