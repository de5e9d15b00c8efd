/**
 * Shared numeric building blocks of the entropy and cross-entropy kernels (the WASM twin of
 * src/core/numeric.ts): ln(a/b) = k·ln 2 + 2·atanh(s) per f64x2 vector and per scalar, exactly as
 * assembly/klKernel.ts computes it (see the method there), here without an exponent offset; and the constants
 * (scalar, and the vector table with its C_* offsets) that klKernel.ts uses too.
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

/**
 * The vector constants, each splatted to both lanes, in static memory, shared by every kernel. Loading them keeps
 * the loops short: V8 materialises every `v128.const` operand anew with several instructions, and Binaryen would
 * fold constants hoisted into locals back into the loop. The polynomial's coefficients are halved (exactly),
 * since the kernels need s·R/2. Offsets: the C_* constants below.
 */
export const VECTOR_CONSTANTS = memory.data<u64>(
  [
    MANTISSA_BITS, MANTISSA_BITS,
    ONE_BITS, ONE_BITS,
    reinterpret<u64>(SQRT2), reinterpret<u64>(SQRT2),
    reinterpret<u64>(LN2_HI), reinterpret<u64>(LN2_HI),
    reinterpret<u64>(LN2_LO), reinterpret<u64>(LN2_LO),
    reinterpret<u64>(LG1 / 2), reinterpret<u64>(LG1 / 2),
    reinterpret<u64>(LG2 / 2), reinterpret<u64>(LG2 / 2),
    reinterpret<u64>(LG3 / 2), reinterpret<u64>(LG3 / 2),
    reinterpret<u64>(LG4 / 2), reinterpret<u64>(LG4 / 2),
    reinterpret<u64>(LG5 / 2), reinterpret<u64>(LG5 / 2),
    reinterpret<u64>(LG6 / 2), reinterpret<u64>(LG6 / 2),
    reinterpret<u64>(LG7 / 2), reinterpret<u64>(LG7 / 2),
    1, 1,
    2046, 2046,
    INFINITY_BITS, INFINITY_BITS,
  ],
  16,
);
export const C_MANTISSA: i32 = 0;
export const C_ONE_BITS: i32 = 1;
export const C_SQRT2: i32 = 2;
export const C_LN2_HI: i32 = 3;
export const C_LN2_LO: i32 = 4;
export const C_HALF_LG1: i32 = 5;
export const C_HALF_LG2: i32 = 6;
export const C_HALF_LG3: i32 = 7;
export const C_HALF_LG4: i32 = 8;
export const C_HALF_LG5: i32 = 9;
export const C_HALF_LG6: i32 = 10;
export const C_HALF_LG7: i32 = 11;
export const C_INT_ONE: i32 = 12;
export const C_INT_2046: i32 = 13;
export const C_INFINITY_BITS: i32 = 14;

// @ts-ignore: decorator
@inline
function vectorConstant(index: i32): v128 {
  return v128.load(VECTOR_CONSTANTS + (<usize>index << 4));
}

/** The sum of the two lanes. */
// @ts-ignore: decorator
@inline
export function laneSum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
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

/** ln(a/b) per lane, for normal positive finite a and b (finite garbage where b = +0). */
// @ts-ignore: decorator
@inline
export function logRatioVector(a: v128, b: v128): v128 {
  return logRatioVectorOffset(a, b, i64x2.splat(0), false);
}

/**
 * ln(a·2^offset/b) per lane (the integer `offset` in both lanes of `offset`; the KL kernel's exponent offset),
 * for normal positive finite a and b. `hasOffset` is a constant at every call: false compiles the addition out.
 */
// @ts-ignore: decorator
@inline
export function logRatioVectorOffset(a: v128, b: v128, offset: v128, hasOffset: bool): v128 {
  const mantissaBits = vectorConstant(C_MANTISSA);
  const oneBits = vectorConstant(C_ONE_BITS);
  const sqrt2 = vectorConstant(C_SQRT2);
  let k = i64x2.sub(i64x2.shr_u(a, 52), i64x2.shr_u(b, 52));
  const ma = v128.or(v128.and(a, mantissaBits), oneBits);
  let mb = v128.or(v128.and(b, mantissaBits), oneBits);
  const up = f64x2.gt(ma, f64x2.mul(sqrt2, mb));
  const down = f64x2.gt(mb, f64x2.mul(sqrt2, ma));
  const delta = i64x2.sub(down, up);
  k = i64x2.add(k, hasOffset ? i64x2.add(delta, offset) : delta);
  mb = i64x2.add(mb, i64x2.shl(delta, 52));
  const kf = f64x2.convert_low_i32x4_s(i32x4.shuffle(k, k, 0, 2, 0, 2));
  const s = f64x2.div(f64x2.sub(ma, mb), f64x2.add(ma, mb));
  const z = f64x2.mul(s, s);
  const w = f64x2.mul(z, z);
  const r1 = f64x2.mul(w, f64x2.add(vectorConstant(C_HALF_LG2), f64x2.mul(w, f64x2.add(vectorConstant(C_HALF_LG4), f64x2.mul(w, vectorConstant(C_HALF_LG6))))));
  const r2 = f64x2.mul(
    z,
    f64x2.add(
      vectorConstant(C_HALF_LG1),
      f64x2.mul(w, f64x2.add(vectorConstant(C_HALF_LG3), f64x2.mul(w, f64x2.add(vectorConstant(C_HALF_LG5), f64x2.mul(w, vectorConstant(C_HALF_LG7)))))),
    ),
  );
  const atanh = f64x2.add(s, f64x2.mul(s, f64x2.add(r1, r2)));
  const twoAtanh = f64x2.add(atanh, atanh);
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
