/**
 * Double-double arithmetic (Dekker 1971, Knuth's TAOCP §4.2.2; the subset of Hida, Li & Bailey's QD library
 * that the Smirnov sum of ksDistribution.ts uses), and the exact frexp/ldexp it needs. A value is the
 * unevaluated sum hi + lo of two doubles with |lo| ≤ ulp(hi)/2: about 106 significant bits, so sums of
 * terms that cancel, and long products, keep twice the precision of a double. Pure TypeScript, no Node
 * built-ins.
 */
import { HIGH_WORD, productError, sumError } from './numeric';

/**
 * hi + lo, with |lo| ≤ ulp(hi)/2 after every operation below: lo carries what hi's rounding lost (also the
 * form of a compensated sum, see distributionInput.ts).
 */
export interface DoubleDouble {
  readonly hi: number;
  readonly lo: number;
}

/** The double-double hi + lo (a double when lo is left out). */
export function dd(hi: number, lo = 0): DoubleDouble {
  return { hi, lo };
}

/** fl(a + b) and its exact error (Dekker's fast two-sum), assuming |a| ≥ |b|. */
export function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

/** fl(a + b) and its exact error (Knuth's two-sum, see {@link sumError}: no condition on the magnitudes). */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return { hi: s, lo: sumError(a, b, s) };
}

/** fl(a·b) and its exact error (Dekker's two-product, see {@link productError}; exact while |a|, |b| < 2^996). */
export function twoProd(a: number, b: number): DoubleDouble {
  const p = a * b;
  return { hi: p, lo: productError(a, b, p) };
}

/** x + y: the two-sums of the heads and of the tails, renormalised twice (QD's accurate addition). */
export function ddAdd(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const s = twoSum(x.hi, y.hi);
  const t = twoSum(x.lo, y.lo);
  let r = quickTwoSum(s.hi, s.lo + t.hi);
  r = quickTwoSum(r.hi, r.lo + t.lo);
  return r;
}

/** x + y for a double y. */
export function ddAddD(x: DoubleDouble, y: number): DoubleDouble {
  const s = twoSum(x.hi, y);
  return quickTwoSum(s.hi, s.lo + x.lo);
}

/** x·y: the exact product of the heads plus the cross terms (lo·lo is below the precision). */
export function ddMul(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const p = twoProd(x.hi, y.hi);
  return quickTwoSum(p.hi, p.lo + (x.hi * y.lo + x.lo * y.hi));
}

/** x·y for a double y. */
export function ddMulD(x: DoubleDouble, y: number): DoubleDouble {
  const p1 = twoProd(x.hi, y);
  const p2 = twoProd(x.lo, y);
  return quickTwoSum(p1.hi, p2.lo + p2.hi + p1.lo);
}

/** x/y by long division: three quotient digits q1 + q2 + q3, each from the remainder of the one before. */
export function ddDiv(x: DoubleDouble, y: DoubleDouble): DoubleDouble {
  const q1 = x.hi / y.hi;
  let r = ddAdd(x, ddNeg(ddMulD(y, q1)));
  const q2 = r.hi / y.hi;
  r = ddAdd(r, ddNeg(ddMulD(y, q2)));
  const q3 = r.hi / y.hi;
  return ddAddD(quickTwoSum(q1, q2), q3);
}

/** −x. */
export function ddNeg(x: DoubleDouble): DoubleDouble {
  return { hi: -x.hi, lo: -x.lo };
}

/** x = 0 (both halves zero). */
export function ddIsZero(x: DoubleDouble): boolean {
  return x.hi === 0 && x.lo === 0;
}

/** ⌊x⌋: the head's floor, and the tail's where the head is already an integer. */
export function ddFloor(x: DoubleDouble): DoubleDouble {
  const hi = Math.floor(x.hi);
  if (hi !== x.hi) return dd(hi);
  return quickTwoSum(hi, Math.floor(x.lo));
}

/**
 * a^m for a double-double a and an integer m (xsf's `pow_D`): pow(a.hi, m) corrected for a.lo, to first
 * order (m·lo/hi) when that is tiny, to second order below 1e-4, and by expm1(m·log1p(lo/hi)) beyond.
 * a^0 = 1; negative m by 1/a^−m.
 */
export function ddPow(a: DoubleDouble, m: number): DoubleDouble {
  if (m <= 0) {
    if (m === 0) return dd(1);
    return ddDiv(dd(1), ddPow(a, -m));
  }
  if (ddIsZero(a)) return dd(0);
  const ans = Math.pow(a.hi, m);
  const r = a.lo / a.hi;
  let adj = m * r;
  if (Math.abs(adj) > 1e-8) {
    if (Math.abs(adj) < 1e-4) adj += m * r * (((m - 1) / 2) * r);
    else adj = Math.expm1(m * Math.log1p(r));
  }
  return ddAddD(dd(ans), ans * adj);
}

/** POW2[e + 1074] = 2^e for e in [−1074, 1023]: exact powers of two without calling Math.pow. */
const POW2 = new Float64Array(2098);
for (let e = -1074; e <= 1023; e++) POW2[e + 1074] = 2 ** e;

function twoTo(e: number): number {
  return POW2[e + 1074]!;
}

/**
 * x·2^e, exactly (C's ldexp), in two steps where 2^e alone would overflow or underflow.
 *
 * @example ldexp(0.5, 1024) // 8.98846567431158e+307 (2^1023, although 2^1024 alone overflows)
 */
export function ldexp(x: number, e: number): number {
  if (e > 1023) return x * twoTo(1023) * twoTo(Math.min(e - 1023, 1023));
  if (e < -1022) return x * twoTo(-1022) * twoTo(Math.max(e + 1022, -1074));
  return x * twoTo(e);
}

/**
 * A one-double scratch with a 32-bit view of its high word, to read and replace the exponent without BigInt;
 * HIGH_WORD is the high word's index on this platform's byte order.
 */
const frexpScratch = new Float64Array(1);
const frexpWords = new Uint32Array(frexpScratch.buffer);

/**
 * [m, e] with x = m·2^e and 0.5 ≤ |m| < 1 (C's frexp); [x, 0] for 0, ±Infinity and NaN.
 *
 * @example frexp(8) // [0.5, 4]
 */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let shift = 0;
  if (Math.abs(x) < 2.2250738585072014e-308) {
    x *= 18446744073709551616; // 2^64 lifts a subnormal into the normal range
    shift = 64;
  }
  frexpScratch[0] = x;
  const high = frexpWords[HIGH_WORD]!;
  const e = ((high >>> 20) & 0x7ff) - 1022;
  frexpWords[HIGH_WORD] = (high & 0x800fffff) | (1022 << 20); // the same significand with exponent −1
  return [frexpScratch[0]!, e - shift];
}

/**
 * [m, e] with x = m·2^e and 0.5 ≤ |m.hi + m.lo| < 1: frexp of the head, the tail scaled with it, and one
 * step back where the head is exactly ±½ and the tail would take the sum below ½.
 */
export function ddFrexp(x: DoubleDouble): [DoubleDouble, number] {
  let [man, e] = frexp(x.hi);
  let lo = ldexp(x.lo, -e);
  if (Math.abs(man) === 0.5 && man * lo < 0) {
    man *= 2;
    lo *= 2;
    e -= 1;
  }
  return [dd(man, lo), e];
}

/** x·2^e, both halves scaled exactly. */
export function ddLdexp(x: DoubleDouble, e: number): DoubleDouble {
  return dd(ldexp(x.hi, e), ldexp(x.lo, e));
}
