/**
 * Shared numeric building blocks of the KL, entropy, cross-entropy and JS kernels (the WASM twin of
 * src/core/numeric.ts): ln(a/b) = k·ln 2 + 2·atanh(s) per f64x2 vector (in two halves, see logRatioReduce) and
 * per scalar; blocked-sum helpers; and the constants (scalar, and the vector table with its C_* offsets).
 */

export const LN2_HI: f64 = 6.93147180369123816490e-1;
export const LN2_LO: f64 = 1.90821492927058770002e-10;
export const SQRT2: f64 = 1.4142135623730951;
export const MIN_NORMAL: f64 = 2.2250738585072014e-308;
export const MAX_FINITE: f64 = 1.7976931348623157e308;
export const TWO54: f64 = 18014398509481984.0;
export const LG1: f64 = 6.666666666666735130e-1;
export const LG2: f64 = 3.999999999940941908e-1;
export const LG3: f64 = 2.857142874366239149e-1;
export const LG4: f64 = 2.222219843214978396e-1;
export const LG5: f64 = 1.818357216161805012e-1;
export const LG6: f64 = 1.531383769920937332e-1;
export const LG7: f64 = 1.479819860511658591e-1;
export const MANTISSA_BITS: u64 = 0x000fffffffffffff;
export const ONE_BITS: u64 = 0x3ff0000000000000;
const INFINITY_BITS: u64 = 0x7ff0000000000000;
const MIN_NORMAL_BITS: u64 = 0x0010000000000000;

/**
 * The vector constants, each splatted to both lanes, in static memory, shared by every kernel. Loading them keeps
 * the loops short: V8 materialises every `v128.const` operand anew with several instructions, and Binaryen would
 * fold constants hoisted into locals back into the loop. The polynomial's coefficients are those of
 * s·R(s²)/2 rewritten for 2s (Lg_j/2 scaled by 4^-j, exactly: see logRatioFinish). Offsets: the C_* constants below.
 */
export const VECTOR_CONSTANTS = memory.data<u64>(
  [
    MANTISSA_BITS, MANTISSA_BITS,
    ONE_BITS, ONE_BITS,
    reinterpret<u64>(SQRT2), reinterpret<u64>(SQRT2),
    reinterpret<u64>(LN2_HI), reinterpret<u64>(LN2_HI),
    reinterpret<u64>(LN2_LO), reinterpret<u64>(LN2_LO),
    reinterpret<u64>(LG1 / 8), reinterpret<u64>(LG1 / 8),
    reinterpret<u64>(LG2 / 32), reinterpret<u64>(LG2 / 32),
    reinterpret<u64>(LG3 / 128), reinterpret<u64>(LG3 / 128),
    reinterpret<u64>(LG4 / 512), reinterpret<u64>(LG4 / 512),
    reinterpret<u64>(LG5 / 2048), reinterpret<u64>(LG5 / 2048),
    reinterpret<u64>(LG6 / 8192), reinterpret<u64>(LG6 / 8192),
    reinterpret<u64>(LG7 / 32768), reinterpret<u64>(LG7 / 32768),
    1, 1,
    2046, 2046,
    INFINITY_BITS, INFINITY_BITS,
    MIN_NORMAL_BITS, MIN_NORMAL_BITS,
  ],
  16,
);
export const C_MANTISSA: i32 = 0;
export const C_ONE_BITS: i32 = 1;
export const C_SQRT2: i32 = 2;
export const C_LN2_HI: i32 = 3;
export const C_LN2_LO: i32 = 4;
export const C_LG1_2S: i32 = 5;
export const C_LG2_2S: i32 = 6;
export const C_LG3_2S: i32 = 7;
export const C_LG4_2S: i32 = 8;
export const C_LG5_2S: i32 = 9;
export const C_LG6_2S: i32 = 10;
export const C_LG7_2S: i32 = 11;
export const C_INT_ONE: i32 = 12;
export const C_INT_2046: i32 = 13;
export const C_INFINITY_BITS: i32 = 14;
export const C_MIN_NORMAL_BITS: i32 = 15;

/** The vector constant at offset `index` (a C_* constant) of VECTOR_CONSTANTS. */
// @ts-ignore: decorator
@inline
export function vectorConstant(index: i32): v128 {
  return v128.load(VECTOR_CONSTANTS + (<usize>index << 4));
}

/** The sum of the two lanes. */
// @ts-ignore: decorator
@inline
export function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

/** Whether x is admissible as a value of a distribution: finite and ≥ 0 (-0 included). */
// @ts-ignore: decorator
@inline
export function isAdmissible(x: f64): bool {
  return x >= 0 && x <= MAX_FINITE;
}

/**
 * Per lane, the sign bit set exactly when x is +0, a positive subnormal or a positive normal finite value
 * (bits in [0, 0x7ff0000000000000)): the admissible values except -0, which the scalar path accepts.
 */
// @ts-ignore: decorator
@inline
export function admissibleLanes(x: v128): v128 {
  return v128.andnot(i64x2.sub(x, vectorConstant(C_INFINITY_BITS)), x);
}

/**
 * Per lane, the sign bit set exactly when x is a normal positive finite value, or +0 where `zeroAllowed`
 * has the lane all ones (from the exponent field: x = e - 1 in [0, 2045], see klKernel.ts validLanes).
 */
// @ts-ignore: decorator
@inline
export function normalLanes(x: v128, zeroAllowed: v128): v128 {
  const e = v128.andnot(i64x2.sub(i64x2.shr_u(x, 52), vectorConstant(C_INT_ONE)), zeroAllowed);
  return v128.andnot(i64x2.sub(e, vectorConstant(C_INT_2046)), e);
}

/**
 * Per lane, all ones when x, an admissible value (checked by a scan: finite, ≥ 0 or -0), is -0 or subnormal, or
 * +0 where `zeroAllowed` is clear: the lanes a vector path cannot compute. Cheaper than normalLanes, which also
 * rejects what the scan rejects (a signed compare of the bits: -0 is negative, +0 and the subnormals below 2^-1022).
 */
// @ts-ignore: decorator
@inline
export function irregularLanes(x: v128, zeroAllowed: v128): v128 {
  return v128.andnot(i64x2.lt_s(x, vectorConstant(C_MIN_NORMAL_BITS)), zeroAllowed);
}

/** Elements per block of the kernels that use the log-ratio in two passes (KL; entropy and cross-entropy use fastLog.ts FAST_LOG_BLOCK; JS has its own scratch). */
export const LOG_RATIO_BLOCK: i32 = 64;

/**
 * The first pass's values of each element of the current block (2s and k for `logRatioReduce`, 16 bytes each;
 * w·s and s² for klLogRatio.ts), read by the second. One area for all kernels: an instance runs one kernel call at a time.
 */
export const LOG_RATIO_SCRATCH = memory.data(LOG_RATIO_BLOCK * 16, 16);

/**
 * The first half of ln(a/b) = k·ln 2 + 2·atanh(s) per lane, for normal positive finite a and b: the exponent
 * split and the one division. Writes 2s at `at` and k (as f64) at `at + 16`; `logRatioFinish(at)` completes
 * it. Kernels call the two halves in two passes over a block (many elements' first halves, then their second
 * halves), which lets the processor overlap far more of the work than one long chain per element: ~25-30%
 * faster, with the same bits. (KL's kernel has its own split with an exponent offset: klLogRatio.ts.)
 *
 *   s = (m_a - m_b')/(m_a + m_b'), m = significand in [1, 2), m_b' = m_b·2^{-1,0,1} so that m_a/m_b' ∈
 *   [1/√2, √2] and m_a - m_b' is exact (Sterbenz); k = the exponent difference, corrected by the same power.
 *   2s is formed as (d + d)/(m_a + m_b'), d = m_a - m_b': exactly twice s.
 */
// @ts-ignore: decorator
@inline
export function logRatioReduce(a: v128, b: v128, at: usize): void {
  const mantissaBits = vectorConstant(C_MANTISSA);
  const oneBits = vectorConstant(C_ONE_BITS);
  const sqrt2 = vectorConstant(C_SQRT2);
  let k = i64x2.sub(i64x2.shr_u(a, 52), i64x2.shr_u(b, 52));
  const ma = v128.or(v128.and(a, mantissaBits), oneBits);
  let mb = v128.or(v128.and(b, mantissaBits), oneBits);
  const up = f64x2.gt(ma, f64x2.mul(sqrt2, mb));
  const down = f64x2.gt(mb, f64x2.mul(sqrt2, ma));
  const delta = i64x2.sub(down, up);
  k = i64x2.add(k, delta);
  mb = i64x2.add(mb, i64x2.shl(delta, 52));
  const difference = f64x2.sub(ma, mb);
  v128.store(at, f64x2.div(f64x2.add(difference, difference), f64x2.add(ma, mb)));
  v128.store(at, f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2)), 16);
}

/**
 * The second half (see logRatioReduce): k·ln2_hi + (2·atanh(s) + k·ln2_lo) from 2s and k at `at`, with
 * 2·atanh(s) = 2s + 2s·(R(s²)/2), R the fdlibm minimax polynomial (Lg1..Lg7). With z = (2s)² = 4s², the
 * coefficients Lg_j/2·4^-j make every intermediate exactly a power of two times the one computed from s, so the
 * result is that of logRatioScalar's s + ½·s·R, doubled, bit for bit.
 */
// @ts-ignore: decorator
@inline
export function logRatioFinish(at: usize): v128 {
  const s2 = v128.load(at);
  const kf = v128.load(at, 16);
  const z = f64x2.mul(s2, s2);
  const w = f64x2.mul(z, z);
  const r1 = f64x2.mul(w, f64x2.add(vectorConstant(C_LG2_2S), f64x2.mul(w, f64x2.add(vectorConstant(C_LG4_2S), f64x2.mul(w, vectorConstant(C_LG6_2S))))));
  const r2 = f64x2.mul(
    z,
    f64x2.add(
      vectorConstant(C_LG1_2S),
      f64x2.mul(w, f64x2.add(vectorConstant(C_LG3_2S), f64x2.mul(w, f64x2.add(vectorConstant(C_LG5_2S), f64x2.mul(w, vectorConstant(C_LG7_2S)))))),
    ),
  );
  const twoAtanh = f64x2.add(s2, f64x2.mul(s2, f64x2.add(r1, r2)));
  return f64x2.add(f64x2.mul(kf, vectorConstant(C_LN2_HI)), f64x2.add(twoAtanh, f64x2.mul(kf, vectorConstant(C_LN2_LO))));
}

/**
 * ln(a·2^offset/b) for positive finite a and b, subnormals included (src/core/numeric.ts logRatio; `offset` is
 * the KL kernel's exponent offset, 0 elsewhere).
 */
export function logRatioScalar(a: f64, b: f64, offset: i32 = 0): f64 {
  let k: i32 = offset;
  if (a < MIN_NORMAL) {
    a *= TWO54;
    k -= 54;
  }
  if (b < MIN_NORMAL) {
    b *= TWO54;
    k += 54;
  }
  const aBits = reinterpret<u64>(a);
  const bBits = reinterpret<u64>(b);
  k += <i32>(aBits >> 52) - <i32>(bBits >> 52);
  const ma = reinterpret<f64>((aBits & MANTISSA_BITS) | ONE_BITS);
  let mb = reinterpret<f64>((bBits & MANTISSA_BITS) | ONE_BITS);
  if (ma > SQRT2 * mb) {
    mb *= 2;
    k += 1;
  } else if (mb > SQRT2 * ma) {
    mb *= 0.5;
    k -= 1;
  }
  const s = (ma - mb) / (ma + mb);
  const z = s * s;
  const w = z * z;
  const r = w * (LG2 + w * (LG4 + w * LG6)) + z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const atanh2 = s + 0.5 * s * r;
  const kf = <f64>k;
  return kf * LN2_HI + (2 * atanh2 + kf * LN2_LO);
}

/**
 * A Neumaier sum in two f64 slots of static memory (sum, compensation): several per kernel, without a
 * runtime (the module is built with `--runtime stub`).
 */
// @ts-ignore: decorator
@inline
export function neumaierAdd(slot: usize, x: f64): void {
  const sum = load<f64>(slot);
  const t = sum + x;
  store<f64>(slot, load<f64>(slot, 8) + (abs(sum) >= abs(x) ? sum - t + x : x - t + sum), 8);
  store<f64>(slot, t);
}

/** The value of the Neumaier sum at `slot`. */
// @ts-ignore: decorator
@inline
export function neumaierValue(slot: usize): f64 {
  return load<f64>(slot) + load<f64>(slot, 8);
}

/** Resets the Neumaier sum at `slot` to 0. */
// @ts-ignore: decorator
@inline
export function neumaierReset(slot: usize): void {
  store<f64>(slot, 0);
  store<f64>(slot, 0, 8);
}

/**
 * c plus the rounding error of s + x per lane (Knuth's two-sum): with s' = s + x, the kernels keep their lane
 * sums exact to about u² per block as (s', c').
 */
// @ts-ignore: decorator
@inline
export function addRoundingError(c: v128, s: v128, x: v128): v128 {
  const t = f64x2.add(s, x);
  const bVirtual = f64x2.sub(t, s);
  return f64x2.add(c, f64x2.add(f64x2.sub(s, f64x2.sub(t, bVirtual)), f64x2.sub(x, bVirtual)));
}

/**
 * Adds a block's two lane sums s0, s1 to the Neumaier sum at `slot`: with `compensated` (a constant at every call)
 * each lane, then the sum of the compensations c0, c1 to the sum's compensation; otherwise their total.
 */
// @ts-ignore: decorator
@inline
export function addLaneSums(slot: usize, s0: v128, c0: v128, s1: v128, c1: v128, compensated: bool): void {
  if (compensated) {
    neumaierAdd(slot, f64x2.extract_lane(s0, 0));
    neumaierAdd(slot, f64x2.extract_lane(s0, 1));
    neumaierAdd(slot, f64x2.extract_lane(s1, 0));
    neumaierAdd(slot, f64x2.extract_lane(s1, 1));
    store<f64>(slot, load<f64>(slot, 8) + laneSum(f64x2.add(c0, c1)), 8);
  } else {
    neumaierAdd(slot, laneSum(f64x2.add(s0, s1)));
  }
}

/**
 * Adds the term vectors stored at the start of the records [first, last) (`stride` bytes each, an even number
 * of records) to the Neumaier sum at `slot`, two-sum per lane: false, adding nothing, when a lane is NaN (an
 * exceptional element, which the kernel's scalar path recomputes).
 */
export function addTermVectors(slot: usize, first: usize, last: usize, stride: usize): bool {
  const zero = f64x2.splat(0);
  let s0 = zero;
  let c0 = zero;
  let s1 = zero;
  let c1 = zero;
  for (let at = first; at < last; at += 2 * stride) {
    const t0 = v128.load(at);
    const t1 = v128.load(at + stride);
    c0 = addRoundingError(c0, s0, t0);
    s0 = f64x2.add(s0, t0);
    c1 = addRoundingError(c1, s1, t1);
    s1 = f64x2.add(s1, t1);
  }
  const check = f64x2.add(s0, s1);
  if (f64x2.extract_lane(check, 0) != f64x2.extract_lane(check, 0) || f64x2.extract_lane(check, 1) != f64x2.extract_lane(check, 1)) return false;
  addLaneSums(slot, s0, c0, s1, c1, true);
  return true;
}
