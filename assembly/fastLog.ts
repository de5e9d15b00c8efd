/**
 * A table-driven logarithm for the kernels' vector paths: ln(t/x) per f64x2 lane for a constant t (set once per
 * kernel call by `fastLogSetTotal`) and normal positive finite x, without a division, in two halves as
 * numeric.ts's log-ratio (`fastLogRatioReduce` in a block's first pass, `fastLogRatioFinish` in its second).
 *
 * Method (the shape of the table-driven logs of fdlibm's successors, with tables of our own): x = 2^k·z with
 * z ∈ [0.702, 1.404) (the exponent split at OFF_MANTISSA), z in one of 256 intervals picked by 8 bits of the
 * significand (1 is the centre of interval 152, whose c is 1), and per interval a double c near its centre with
 *
 *   invc = RN(1/c), |c·invc − 1| < 2^-62 (c searched among ±3000 doubles around the centre),
 *   ln c = lnc_hi + lnc_lo, lnc_hi a multiple of 2^-42 (so K·LN2_HI + lnc_hi and sums of such terms below 2^11
 *   are exact), lnc_lo = RN(ln c − lnc_hi) (error below 2^-96),
 *
 * then r = (z − c)·invc (z − c exact, Sterbenz; one rounding, |r| ≤ 2^-9) and
 *
 *   ln(t/x) = K·ln 2 + ((b − r) − (log1p(r) − r)),   b = RN([T_hi − lnc_hi] + [T_lo − lnc_lo]),
 *
 * K = k_t − k, T_hi + T_lo = ln z_t of t's own split (T_lo carries t's log1p(r_t), error below 2^-62); the first
 * bracket is exact, and `fastLogSetTotal` tabulates b per interval for the call. log1p(r) − r = r²·(−½ + r/3 −
 * r²/4 + r³/5 − r⁴/6), the Taylor series cut after r^6 (remainder below r^7/7 < 2^-56·|r|).
 *
 * K·ln 2 is not added into each value: `fastLogRatioReduce` returns K per lane, the kernels add their weights
 * times K apart (Σ p·K, exact to a rounding per product) and multiply that sum by ln 2 once (`fastLogKSum`), as
 * the KL kernel does with its exponents. This saves two products, three additions and a shuffle per vector:
 * measured on 2^16 Dirichlet values in cache, the one-pass entropy kernel 19.2 → 17.5 ms and its terms pass
 * 15.8 → 14.7 ms per 10^7 values on one core. Error of a term p·ln(t/x): where K = 0 the value is the old
 * method's bit for bit (its brackets' sum was b), three roundings (b, − r, − the tail) plus below 2^-61 absolute
 * and 2^-56 relative, and where x ≈ 1 (c = 1) b is 0 and only the last two remain; where K ≠ 0, |ln(t/x)| ≥
 * 0.34 bounds b's rounding to under an ulp of the term, and p·K's rounding (|K·ln 2| ≤ 2.05·|ln(t/x)|) adds about
 * one more. Measured (test/unit/compute/fastLog.test.ts, on `fastLogRatioOf`, which adds K·ln 2 per value):
 * within 2 ulp of Math.log on 1.3·10^7 random and adversarial arguments, and of the reference's log-ratio for
 * other t (the kernels' ln(t/x) ≥ ln 2): the bound the reference's log-ratio (within 2 ulp of ln) has. Cost per
 * vector: 4 loads from the tables (two lanes' entries of 16 bytes in each), 3 shuffles, no division, a
 * degree-6 polynomial in r.
 */
import { FAST_LOG_LOGARITHMS as LOGARITHMS, FAST_LOG_RECIPROCALS as RECIPROCALS } from './fastLogTable';
import { LN2_HI, LN2_LO, MIN_NORMAL, TWO54 } from './numeric';

/** Per interval j, for the current t: b = (T_hi − lnc_hi) + (T_lo − lnc_lo), rounded once (16 bytes, the second 8 unused; `fastLogSetTotal`). */
const BRACKETS = memory.data(256 * 16, 16);

/** The significand of OFF = 0x3fe6780000000000 (≈ 0.702): x − OFF_MANTISSA splits x into 2^k·z, z ∈ [OFF, 2·OFF). */
const OFF_MANTISSA: u64 = 0x0006780000000000;
const OFF_BITS: u64 = 0x3fe6780000000000;
const SIGNIFICAND: u64 = 0x000fffffffffffff;
/** 2^52: an integer n < 2^52 in the low bits of 2^52's bits is the double 2^52 + n. */
const TWO52_BITS: u64 = 0x4330000000000000;

/** The vector constants, each splatted to both lanes (offsets: F); K0 is per call. */
const CONSTANTS = memory.data<u64>(
  [
    OFF_MANTISSA, OFF_MANTISSA,
    SIGNIFICAND, SIGNIFICAND,
    OFF_BITS, OFF_BITS,
    255 << 4, 255 << 4,
    TWO52_BITS, TWO52_BITS,
    reinterpret<u64>(LN2_HI), reinterpret<u64>(LN2_HI),
    reinterpret<u64>(LN2_LO), reinterpret<u64>(LN2_LO),
    reinterpret<u64>(-0.5), reinterpret<u64>(-0.5),
    reinterpret<u64>(<f64>1 / 3), reinterpret<u64>(<f64>1 / 3),
    reinterpret<u64>(-0.25), reinterpret<u64>(-0.25),
    reinterpret<u64>(0.2), reinterpret<u64>(0.2),
    reinterpret<u64>(<f64>-1 / 6), reinterpret<u64>(<f64>-1 / 6),
    0, 0,
  ],
  16,
);
/** Offsets in CONSTANTS; K0 = 2^52 + k_t + 0x3fe as a double: K = K0 − (2^52 + the exponent field of x − OFF_MANTISSA). */
const enum F { OFF, SIGNIFICAND, OFF_BITS, INDEX, TWO52, LN2_HI, LN2_LO, C2, C3, C4, C5, C6, K0 }

/** Bytes per vector of a block's scratch: r, and b. */
export const FAST_LOG_STRIDE: usize = 32;

// @ts-ignore: decorator
@inline
function constant(index: F): v128 {
  return v128.load(CONSTANTS + (<usize>index << 4));
}

/** log1p(r) − r for |r| ≤ 2^-9 (the Taylor series to r^6; see the file's comment). */
// @ts-ignore: decorator
@inline
function log1pTail(r: v128): v128 {
  const r2 = f64x2.mul(r, r);
  const a = f64x2.add(constant(F.C2), f64x2.mul(r, constant(F.C3)));
  const b = f64x2.add(f64x2.add(constant(F.C4), f64x2.mul(r, constant(F.C5))), f64x2.mul(r2, constant(F.C6)));
  return f64x2.mul(r2, f64x2.add(a, f64x2.mul(r2, b)));
}

/**
 * Sets t for the following `fastLogRatioReduce` calls: positive finite (a subnormal t is first scaled by 2^54;
 * callers' vector paths take t ≥ MIN_NORMAL). Tabulates the brackets' table parts (BRACKETS).
 */
export function fastLogSetTotal(total: f64): void {
  let k: i64 = 0;
  if (total < MIN_NORMAL) {
    total *= TWO54;
    k = -54;
  }
  const bits = reinterpret<u64>(total);
  const u = bits - OFF_MANTISSA;
  const offset = <usize>((u >> 40) & (255 << 4));
  const z = reinterpret<f64>((u & SIGNIFICAND) + OFF_BITS);
  const r = (z - load<f64>(RECIPROCALS + offset, 8)) * load<f64>(RECIPROCALS + offset);
  const tHi = load<f64>(LOGARITHMS + offset);
  const tLo = load<f64>(LOGARITHMS + offset, 8) + (r + f64x2.extract_lane(log1pTail(f64x2.splat(r)), 0));
  const kBiased = <f64>(<i64>(u >> 52) + k) + 4503599627370496.0;
  v128.store(CONSTANTS + (<usize>F.K0 << 4), f64x2.splat(kBiased));
  for (let at: usize = 0; at < 256 * 16; at += 16) {
    store<f64>(BRACKETS + at, (tHi - load<f64>(LOGARITHMS + at)) + (tLo - load<f64>(LOGARITHMS + at, 8)));
  }
}

/**
 * The first half of ln(t/x) per lane, for normal positive finite x (other lanes give finite values, which
 * callers discard or multiply by 0): the split, the tables' entries, r and the bracket b, into the 32 bytes at
 * `at`; returns K per lane (an integer as a double). `fastLogRatioFinish(at)` completes the rest,
 * ln(t/x) − K·ln 2; callers add their weights times K apart and multiply that sum by ln 2 once (`fastLogKSum`).
 */
// @ts-ignore: decorator
@inline
export function fastLogRatioReduce(x: v128, at: usize): v128 {
  const u = i64x2.sub(x, constant(F.OFF));
  const offsets = v128.and(i64x2.shr_u(u, 40), constant(F.INDEX));
  const o0 = <usize>i64x2.extract_lane(offsets, 0);
  const o1 = <usize>i64x2.extract_lane(offsets, 1);
  const a0 = v128.load(RECIPROCALS + o0);
  const a1 = v128.load(RECIPROCALS + o1);
  const b0 = v128.load(BRACKETS + o0);
  const b1 = v128.load(BRACKETS + o1);
  const z = i64x2.add(v128.and(u, constant(F.SIGNIFICAND)), constant(F.OFF_BITS));
  v128.store(at, f64x2.mul(f64x2.sub(z, v128.shuffle<i64>(a0, a1, 1, 3)), v128.shuffle<i64>(a0, a1, 0, 2)));
  v128.store(at, v128.shuffle<i64>(b0, b1, 0, 2), 16);
  return f64x2.sub(constant(F.K0), v128.or(i64x2.shr_u(u, 52), constant(F.TWO52)));
}

/** The second half (see fastLogRatioReduce): ln(t/x) − K·ln 2 per lane, (b − r) − (log1p(r) − r), from the 32 bytes at `at`. */
// @ts-ignore: decorator
@inline
export function fastLogRatioFinish(at: usize): v128 {
  const r = v128.load(at);
  return f64x2.sub(f64x2.sub(v128.load(at, 16), r), log1pTail(r));
}

/** K·ln 2 for a sum K of weights times the K of `fastLogRatioReduce` (ln 2 in two parts, as numeric.ts). */
// @ts-ignore: decorator
@inline
export function fastLogKSum(k: f64): f64 {
  return k * LN2_HI + k * LN2_LO;
}

/**
 * Elements per block of the kernels that use this logarithm (two passes per block): 128, twice numeric.ts's
 * LOG_RATIO_BLOCK. The scratch (4 KiB) stays in L1 between the passes, and the per-block work (sums, checks)
 * costs half as much as with 64: the one-pass entropy kernel 17.3 → 16.4 ms per 10^7 values in cache.
 */
export const FAST_LOG_BLOCK: i32 = 128;

/**
 * The first halves of the vectors of the current block (FAST_LOG_STRIDE bytes each), written by a kernel's first
 * pass (`fastLogRatioReduce(…, FAST_LOG_SCRATCH + FAST_LOG_STRIDE·j)` for vector j), read by the second
 * (`fastLogRatioFinish`). One area for all kernels: an instance runs one kernel call at a time.
 */
export const FAST_LOG_SCRATCH = memory.data(<i32>FAST_LOG_STRIDE * (FAST_LOG_BLOCK / 2), 16);

/**
 * ln(total/x_i) by the vector path for the n (even) values at src, into dst: what the kernels compute per lane,
 * with K·ln 2 added per value (K·LN2_HI + (K·LN2_LO + the rest)), for the accuracy tests (t = 1 gives −ln x). Values must be normal positive finite.
 */
export function fastLogRatioOf(src: usize, dst: usize, n: i32, total: f64): void {
  fastLogSetTotal(total);
  for (let i: usize = 0; i < <usize>n; i += 2) {
    const k = fastLogRatioReduce(v128.load(src + (i << 3)), FAST_LOG_SCRATCH);
    const rest = fastLogRatioFinish(FAST_LOG_SCRATCH);
    v128.store(dst + (i << 3), f64x2.add(f64x2.mul(k, constant(F.LN2_HI)), f64x2.add(f64x2.mul(k, constant(F.LN2_LO)), rest)));
  }
}
