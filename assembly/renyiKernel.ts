/**
 * Rényi kernel: the sums src/core/renyi.ts forms for D_α(P‖Q) = ln(Σ p̂_i^α q̂_i^(1-α))/(α - 1), over the pair of
 * arrays `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the normalisation of. Each
 * element's weight (p̂_i, or q̂_i for the swapped orientation) is the reference's bit for bit; its
 * ℓ_i = ln(p̂_i/q̂_i) comes, per block of PAIR_BLOCK elements, from the vector path where every scaled value is
 * normal (ln(a/b) by the log-ratio's two halves plus the first-order correction c_a/a - c_b/b, as
 * jeffreysKernel.ts: within a few ulps of the reference's), else from the reference's own formulas element by
 * element (log1p of the exact numerator where a and b are within a factor 2, the log-ratio elsewhere,
 * ln(p_i/q_i) + ln(s_q/s_p) where a scaled value underflowed; raw values: ln(p_i/q_i)). `Math.expm1`,
 * `Math.exp` and `Math.log1p` are AssemblyScript's (musl's: within an ulp, as V8's fdlibm ones), per element.
 *
 * With ℓ_i = ln(p̂_i/q̂_i) (swapped: w = q̂, ℓ = -ℓ), t = α - 1 (swapped: -α):
 * - `renyiAccumulate`: Z = Σ w_i·expm1(t·ℓ_i)/t (the series where |t·ℓ_i| < 1e-5), +∞ terms flagged
 *   (`renyiFlags`, for t ≥ 0), -w_i/t for ℓ_i = +∞ when t < 0, whether any term was finite;
 * - `renyiPowerSum`: Σ w_i·e^(t·ℓ_i - shift) over finite ℓ_i, the largest t·ℓ_i, and whether some ℓ_i = +∞
 *   (`maxOnly`: the largest and the flag alone, for D_∞ = max ℓ_i; for t > 0 unswapped, ℓ only in the blocks
 *   with a p_i/q_i that may reach the largest so far (`skipBar`): a product and a comparison per element else);
 * - `renyiRatioStats`: a slice's largest p_i/q_i and smallest non-zero values, by which the host leaves whole
 *   slices out of D_∞'s pass.
 * Sums: Neumaier, element by element in order, as the reference.
 */
import { logRatioFinish, logRatioReduce, logRatioScalar, MIN_NORMAL, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { K_MIN_NORMAL, K_P_F1, K_P_F2, K_Q_F1, K_Q_F2, K_SP_HI, K_SP_HI_HI, K_SP_HI_LO, K_SP_LO, K_SQ_HI, K_SQ_HI_HI, K_SQ_HI_LO, K_SQ_LO, PAIR_BLOCK } from './pairKernel';
import { pairA, pairB, pairLnSumRatio, pairNumerator, pairPrepareScalar, pairPValue, pairQValue, pairX, pairY } from './pairKernel';
import { pairParam, productErrorVector, scaledPVector, scaledQVector } from './pairKernel';

const TERMS_SLOT = memory.data(16, 16);

let infinite: bool = false;
let finiteTerms: bool = false;
let largest: f64 = -Infinity;

/** Z, or the power sum, of the last call. */
export function renyiTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/**
 * Bit 0 (RENYI_INFINITE_BIT): `renyiAccumulate`, a term was +∞; `renyiPowerSum`, some ℓ_i = +∞ (q_i = 0 < p_i
 * unswapped). Bit 1 (RENYI_FINITE_BIT): `renyiAccumulate`, some element had a finite ℓ_i.
 */
export function renyiFlags(): i32 {
  return (infinite ? RENYI_INFINITE_BIT : 0) | (finiteTerms ? RENYI_FINITE_BIT : 0);
}
export const RENYI_INFINITE_BIT: i32 = 1;
export const RENYI_FINITE_BIT: i32 = 2;

/** `renyiPowerSum`: the largest t·ℓ_i over finite ℓ_i (-∞ for none). */
export function renyiLargest(): f64 {
  return largest;
}

/** The reference's ℓ = ln(p̂/q̂) for p_i, q_i > 0 after `pairPrepareScalar` (src/core/distributionPair.ts). */
function lnRatioOf(pi: f64, qi: f64, raw: bool): f64 {
  if (raw) return logRatioScalar(pi, qi);
  const a = pairA;
  const b = pairB;
  if (pairX == 0 || pairY == 0) return logRatioScalar(pi, qi) + pairLnSumRatio();
  return a >= 0.5 * b && a <= 2 * b ? Math.log1p(pairNumerator / b) : logRatioScalar(a, b);
}

/** ℓ_i in the orientation asked for (±∞ where one value is 0), and its weight in `weight`. */
let weight: f64 = 0;
function orientedLnRatio(pi: f64, qi: f64, raw: bool, swapped: bool): f64 {
  pairPrepareScalar(pi, qi);
  weight = swapped ? pairQValue : pairPValue;
  const l = qi == 0 ? Infinity : pi == 0 ? -Infinity : lnRatioOf(pi, qi, raw);
  return swapped ? -l : l;
}

/** expm1(t·ℓ)/t, from its series where |t·ℓ| < 1e-5 (src/core/renyi.ts expm1Over, operation for operation). */
function expm1Over(t: f64, l: f64): f64 {
  const y = t * l;
  if (Math.abs(y) < 1e-5) return l * (1 + y * (0.5 + y * (1.0 / 6 + y / 24)));
  return Math.expm1(y) / t;
}

/** A block's weights and ℓ (NaN where p_i = q_i = 0: no term), by `prepareBlock`. */
const WEIGHTS = memory.data(8 * PAIR_BLOCK, 16);
const LN_RATIOS = memory.data(8 * PAIR_BLOCK, 16);
/** Per vector of a block: the first half of ln(a/b) (32 bytes), then c_a/a - c_b/b. */
const RECORD: usize = 48;
const RECORDS = memory.data(<i32>(RECORD * (<usize>PAIR_BLOCK / 2)), 16);

/**
 * Fills WEIGHTS and LN_RATIOS for the `count` elements of a block from pp, qq. Where every scaled value of
 * the block is normal (no zero, no subnormal), two lanes at a time: ℓ = ln(a/b) + c_a/a - c_b/b (the
 * log-ratio's two halves, numeric.ts, and the first-order correction for the roundings of a = x·S_q.hi and
 * b = y·S_p.hi, as jeffreysKernel.ts: within a few ulps of the reference's ℓ); elsewhere the reference's
 * own formulas, element by element (`orientedLnRatio`).
 */
function prepareBlock(pp: usize, qq: usize, count: i32, raw: bool, swapped: bool): void {
  const vectors = count >> 1;
  if (count == PAIR_BLOCK && vectorPrepare(pp, qq, vectors, swapped)) return;
  for (let i: usize = 0; i < <usize>count; i++) {
    const pi = load<f64>(pp + (i << 3));
    const qi = load<f64>(qq + (i << 3));
    const l = pi == 0 && qi == 0 ? NaN : orientedLnRatio(pi, qi, raw, swapped);
    store<f64>(LN_RATIOS + (i << 3), l);
    store<f64>(WEIGHTS + (i << 3), weight);
  }
}

/** The vector path of `prepareBlock` over `vectors` f64x2; false, writing nothing usable, on a lane not normal. */
function vectorPrepare(pp: usize, qq: usize, vectors: i32, swapped: bool): bool {
  const minNormal = pairParam(K_MIN_NORMAL);
  for (let v: usize = 0; v < <usize>vectors; v++) {
    const x = scaledPVector(v128.load(pp + (v << 4)));
    const y = scaledQVector(v128.load(qq + (v << 4)));
    if (!v128.all_true<i64>(v128.and(f64x2.ge(x, minNormal), f64x2.ge(y, minNormal)))) return false;
    const b = f64x2.mul(y, pairParam(K_SP_HI));
    const a = f64x2.mul(x, pairParam(K_SQ_HI));
    const at = RECORDS + v * RECORD;
    logRatioReduce(a, b, at);
    const cb = f64x2.add(productErrorVector(y, pairParam(K_SP_HI_HI), pairParam(K_SP_HI_LO), b), f64x2.mul(y, pairParam(K_SP_LO)));
    const ca = f64x2.add(productErrorVector(x, pairParam(K_SQ_HI_HI), pairParam(K_SQ_HI_LO), a), f64x2.mul(x, pairParam(K_SQ_LO)));
    v128.store(at + 32, f64x2.sub(f64x2.div(ca, a), f64x2.div(cb, b)));
    v128.store(WEIGHTS + (v << 4), swapped ? f64x2.div(y, pairParam(K_SQ_HI)) : f64x2.div(x, pairParam(K_SP_HI)));
  }
  for (let v: usize = 0; v < <usize>vectors; v++) {
    const at = RECORDS + v * RECORD;
    const l = f64x2.add(logRatioFinish(at), v128.load(at + 32));
    v128.store(LN_RATIOS + (v << 4), swapped ? f64x2.neg(l) : l);
  }
  return true;
}

/** ln 2 in two parts (fdlibm's: k·LN2_HI is exact for |k| < 2^11), 1/ln 2. */
const LN2_HI: f64 = 6.93147180369123816490e-01;
const LN2_LO: f64 = 1.90821492927058770002e-10;
const INV_LN2: f64 = 1.44269504088896338700e+00;

/**
 * expm1(y) per lane for finite y: y = k·ln2 + r, |r| ≤ ½ln2, expm1(r) from its Taylor series to r^13 (the
 * rest below 2^-56 relative), then 2^k·expm1(r) + (2^k - 1) for k ≤ 52 (both parts exact but the sum), else
 * 2^k·(1 + expm1(r)) - 1; y clamped to [-40, 710] (expm1 is -1, or overflows, beyond). Within about 1.5 ulp.
 */
// @ts-ignore: decorator
@inline
function expm1Vector(y: v128): v128 {
  y = f64x2.min(f64x2.max(y, f64x2.splat(-40)), f64x2.splat(710));
  const kf = f64x2.nearest(f64x2.mul(y, f64x2.splat(INV_LN2)));
  const r = f64x2.sub(f64x2.sub(y, f64x2.mul(kf, f64x2.splat(LN2_HI))), f64x2.mul(kf, f64x2.splat(LN2_LO)));
  let c = f64x2.splat(1.0 / 6227020800);
  c = f64x2.add(f64x2.splat(1.0 / 479001600), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 39916800), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 3628800), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 362880), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 40320), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 5040), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 720), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 120), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 24), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(1.0 / 6), f64x2.mul(r, c));
  c = f64x2.add(f64x2.splat(0.5), f64x2.mul(r, c));
  const er = f64x2.add(r, f64x2.mul(f64x2.mul(r, r), c));
  // 2^(k-1) from its bits (k - 1 in [-59, 1023]), doubled where used.
  const k = i32x4.trunc_sat_f64x2_s_zero(kf);
  const half = i64x2.shl(i64x2.extend_low_i32x4_s(i32x4.add(k, i32x4.splat(1022))), 52);
  const s = f64x2.add(half, half);
  const small = f64x2.add(f64x2.mul(s, er), f64x2.sub(s, f64x2.splat(1)));
  const large = f64x2.sub(f64x2.mul(f64x2.mul(half, f64x2.add(f64x2.splat(1), er)), f64x2.splat(2)), f64x2.splat(1));
  return v128.bitselect(large, small, f64x2.gt(kf, f64x2.splat(52)));
}

/** `expm1Over` per lane for finite ℓ (the series where |t·ℓ| < 1e-5, the same operations). */
// @ts-ignore: decorator
@inline
function expm1OverVector(t: v128, l: v128): v128 {
  const y = f64x2.mul(t, l);
  const series = f64x2.mul(l, f64x2.add(f64x2.splat(1), f64x2.mul(y, f64x2.add(f64x2.splat(0.5), f64x2.mul(y, f64x2.add(f64x2.splat(1.0 / 6), f64x2.div(y, f64x2.splat(24))))))));
  return v128.bitselect(series, f64x2.div(expm1Vector(y), t), f64x2.lt(f64x2.abs(y), f64x2.splat(1e-5)));
}

/** One element's part of Z (ℓ, w of `prepareBlock`), the flags set as it goes. */
function addZTerm(l: f64, w: f64, t: f64): void {
  if (l == -Infinity || isNaN(l)) return;
  if (l == Infinity) {
    if (t >= 0) infinite = true;
    else neumaierAdd(TERMS_SLOT, -w / t);
    return;
  }
  finiteTerms = true;
  neumaierAdd(TERMS_SLOT, w * expm1Over(t, l));
}

/** Z over n validated values at pPtr, qPtr (see the file's comment); `raw`: the identity scale. */
export function renyiAccumulate(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  finiteTerms = false;
  const tv = f64x2.splat(t);
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    prepareBlock(pPtr + (<usize>start << 3), qPtr + (<usize>start << 3), count, raw, swapped);
    let i: usize = 0;
    for (; i + 2 <= <usize>count; i += 2) {
      const l = v128.load(LN_RATIOS + (i << 3));
      const w = v128.load(WEIGHTS + (i << 3));
      if (!v128.all_true<i64>(f64x2.lt(f64x2.abs(l), f64x2.splat(Infinity)))) {
        addZTerm(f64x2.extract_lane(l, 0), f64x2.extract_lane(w, 0), t);
        addZTerm(f64x2.extract_lane(l, 1), f64x2.extract_lane(w, 1), t);
        continue;
      }
      finiteTerms = true;
      const term = f64x2.mul(w, expm1OverVector(tv, l));
      neumaierAdd(TERMS_SLOT, f64x2.extract_lane(term, 0));
      neumaierAdd(TERMS_SLOT, f64x2.extract_lane(term, 1));
    }
    if (i < <usize>count) addZTerm(load<f64>(LN_RATIOS + (i << 3)), load<f64>(WEIGHTS + (i << 3)), t);
  }
}

/** Σ w·e^(t·ℓ - shift), the largest t·ℓ, whether some ℓ = +∞ (see the file's comment). */
export function renyiPowerSum(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool, shift: f64, maxOnly: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  largest = -Infinity;
  // The largest t·ℓ alone, t > 0 unswapped: only the blocks that can hold it need their ℓ.
  const skipBlocks = maxOnly && !swapped && t > 0;
  // Values as given below these may scale to subnormals, where the reference's ℓ loses digits: always visited.
  const tinyP = f64x2.splat((2 * MIN_NORMAL) / f64x2.extract_lane(pairParam(K_P_F1), 0) / f64x2.extract_lane(pairParam(K_P_F2), 0));
  const tinyQ = f64x2.splat((2 * MIN_NORMAL) / f64x2.extract_lane(pairParam(K_Q_F1), 0) / f64x2.extract_lane(pairParam(K_Q_F2), 0));
  let bar: f64 = -Infinity;
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    const pp = pPtr + (<usize>start << 3);
    const qq = qPtr + (<usize>start << 3);
    if (skipBlocks) {
      if (!mayReach(pp, qq, count, bar, tinyP, tinyQ)) continue;
      bar = max(bar, skipBar(largestRatio(pp, qq, count, tinyP, tinyQ)));
    }
    prepareBlock(pp, qq, count, raw, swapped);
    for (let i: usize = 0; i < <usize>count; i++) {
      const l = load<f64>(LN_RATIOS + (i << 3));
      if (l == Infinity) infinite = true;
      if (!isFinite(l)) continue;
      const u = t * l;
      if (u > largest) largest = u;
      if (!maxOnly) neumaierAdd(TERMS_SLOT, load<f64>(WEIGHTS + (i << 3)) * Math.exp(u - shift));
    }
  }
}

/**
 * The ratio below which the maximum's pass may skip an element, given r = fl(p_j/q_j), the largest ratio of
 * an element it visited whose values scale to normal doubles: c = r·(1 - w), w = min(2^-30, 32u + 2^-40·|ℓ̂|),
 * ℓ̂ = ln r + ln(s_q/s_p) (about ℓ_j); -∞ (skip nothing) while r is not a normal double, whose rounding is
 * then not relative.
 *
 * Why a skipped element never holds the maximum: p̂_i/q̂_i = (p_i/q_i)·(S_q/S_p) orders the elements as
 * p_i/q_i does. A skipped element has p_i ≤ fl(c·q_i) with fl(c·q_i) normal (`mayReach`), so
 * p_i/q_i ≤ r·(1 - w)(1 + u)², while p_j/q_j ≥ r·(1 - u): their true ln-ratios differ by Δ > w - 4u. The ℓ this
 * kernel computes (as the reference) for values that scale to normal doubles are within E = κu·|ℓ| + O(u²) of
 * ℓ, κ ≤ 10 (the log-ratio within 2 ulps plus the first-order correction, log1p of the exact numerator, or
 * logRatio where |ℓ| > ln 2). ℓ̃_i < ℓ̃_j needs Δ > E_i + E_j ≤ κu·(2|ℓ_j| + Δ) + O(u²): true for
 * w - 4u > 2κu·|ℓ_j| + O(u²), which 32u + 2^-40·|ℓ̂| gives (2^-40 = 8192u), and 2^-30 for any |ℓ| < 1500
 * (from the largest to the smallest double: 2κu·1500 = 6.7e-12). So the result is the one every block's ℓ
 * gives, bit for bit; nearly equal distributions (ℓ near 0) get a window of about 32u and skip most blocks.
 * src/compute/wasmRenyi.ts has a twin, by which the host leaves out whole slices: change both together.
 */
function skipBar(r: f64): f64 {
  if (!(r >= MIN_NORMAL)) return -Infinity;
  const top = min(r, F64.MAX_VALUE);
  const estimate = abs(Math.log(top) + pairLnSumRatio());
  return top * (1 - min(WIDEST_WINDOW, 32 * UNIT_ROUNDOFF + WINDOW_PER_NAT * estimate));
}

const WIDEST_WINDOW: f64 = 9.313225746154785e-10; // 2^-30
const WINDOW_PER_NAT: f64 = 9.094947017729282e-13; // 2^-40
const UNIT_ROUNDOFF: f64 = 1.1102230246251565e-16; // u = 2^-53

/** Lanes with a value in (0, tiny): it scales to a subnormal (or 0), where ℓ does not follow the ratios' order. */
// @ts-ignore: decorator
@inline
function tinyLanes(p: v128, q: v128, tinyP: v128, tinyQ: v128): v128 {
  const zero = f64x2.splat(0);
  return v128.or(v128.and(f64x2.gt(p, zero), f64x2.lt(p, tinyP)), v128.and(f64x2.gt(q, zero), f64x2.lt(q, tinyQ)));
}

/** `tinyLanes` for one element (the tiny bounds in lane 0). */
function isTiny(p: f64, q: f64, tinyP: v128, tinyQ: v128): bool {
  return (p > 0 && p < f64x2.extract_lane(tinyP, 0)) || (q > 0 && q < f64x2.extract_lane(tinyQ, 0));
}

/**
 * Whether the maximum's pass must visit a block: some element is not below the ratio c (not p_i ≤ fl(c·q_i),
 * so also where q_i = 0 < p_i: c·0 is 0, or NaN for c = ±∞; p_i = q_i = 0, no term, is below any c ≥ 0), has
 * fl(c·q_i) < 2^-1022 with p_i > 0 (that rounding is not relative), or has a tiny value (`tinyLanes`).
 */
function mayReach(pp: usize, qq: usize, count: i32, c: f64, tinyP: v128, tinyQ: v128): bool {
  const cv = f64x2.splat(c);
  const zero = f64x2.splat(0);
  const minNormal = f64x2.splat(MIN_NORMAL);
  let visit = zero;
  let i: usize = 0;
  for (; i + 2 <= <usize>count; i += 2) {
    const p = v128.load(pp + (i << 3));
    const q = v128.load(qq + (i << 3));
    const cq = f64x2.mul(cv, q);
    const unsure = v128.and(f64x2.lt(cq, minNormal), f64x2.gt(p, zero));
    visit = v128.or(visit, v128.or(v128.or(v128.not(f64x2.le(p, cq)), unsure), tinyLanes(p, q, tinyP, tinyQ)));
  }
  if (v128.any_true(visit)) return true;
  if (i == <usize>count) return false;
  const p = load<f64>(pp + (i << 3));
  const q = load<f64>(qq + (i << 3));
  return !(p <= c * q) || (c * q < MIN_NORMAL && p > 0) || isTiny(p, q, tinyP, tinyQ);
}

/**
 * The largest fl(p_i/q_i) of a block over the elements without a tiny value (+∞ where q_i = 0 < p_i, none
 * where p_i = q_i = 0: NaN never compares larger; -∞ for no element).
 */
function largestRatio(pp: usize, qq: usize, count: i32, tinyP: v128, tinyQ: v128): f64 {
  const none = f64x2.splat(-Infinity);
  let m = none;
  let i: usize = 0;
  for (; i + 2 <= <usize>count; i += 2) {
    const pv = v128.load(pp + (i << 3));
    const qv = v128.load(qq + (i << 3));
    const r = v128.bitselect(none, f64x2.div(pv, qv), tinyLanes(pv, qv, tinyP, tinyQ));
    m = v128.bitselect(r, m, f64x2.gt(r, m));
  }
  let largestOfBlock = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  if (i < <usize>count) {
    const p = load<f64>(pp + (i << 3));
    const q = load<f64>(qq + (i << 3));
    if (!isTiny(p, q, tinyP, tinyQ) && p / q > largestOfBlock) largestOfBlock = p / q;
  }
  return largestOfBlock;
}

let ratioLargest: f64 = -Infinity;
let smallestP: f64 = Infinity;
let smallestQ: f64 = Infinity;

/** `renyiRatioStats`: the largest fl(p_i/q_i). */
export function renyiRatioLargest(): f64 {
  return ratioLargest;
}

/** `renyiRatioStats`: the smallest p_i > 0 (+∞ for none). */
export function renyiSmallestP(): f64 {
  return smallestP;
}

/** `renyiRatioStats`: the smallest q_i > 0 (+∞ for none). */
export function renyiSmallestQ(): f64 {
  return smallestQ;
}

/**
 * What the host skips whole slices of D_∞'s pass by (src/compute/wasmRenyi.ts), over n values the pair scan has
 * validated: the largest fl(p_i/q_i) (+∞ where q_i = 0 < p_i or the quotient overflows; an element with p_i = 0
 * never counts: 0/q is 0 and 0/0 NaN, which pmax keeps out), and the smallest p_i > 0 and q_i > 0 (+∞ for
 * none), from which the host tells whether a value of the slice scales to a subnormal. A division per element,
 * in cache after the scan of the same slice (SLICE_OP.pairScanRatio).
 */
export function renyiRatioStats(pPtr: usize, qPtr: usize, n: i32): void {
  const none = f64x2.splat(-Infinity);
  const inf = f64x2.splat(Infinity);
  const zero = f64x2.splat(0);
  let m0 = none;
  let m1 = none;
  let sp = inf;
  let sq = inf;
  let i: i32 = 0;
  for (; i + 4 <= n; i += 4) {
    const at = <usize>i << 3;
    const p0 = v128.load(pPtr + at);
    const p1 = v128.load(pPtr + at, 16);
    const q0 = v128.load(qPtr + at);
    const q1 = v128.load(qPtr + at, 16);
    m0 = f64x2.pmax(m0, f64x2.div(p0, q0));
    m1 = f64x2.pmax(m1, f64x2.div(p1, q1));
    sp = f64x2.pmin(f64x2.pmin(sp, v128.bitselect(inf, p0, f64x2.eq(p0, zero))), v128.bitselect(inf, p1, f64x2.eq(p1, zero)));
    sq = f64x2.pmin(f64x2.pmin(sq, v128.bitselect(inf, q0, f64x2.eq(q0, zero))), v128.bitselect(inf, q1, f64x2.eq(q1, zero)));
  }
  const m = f64x2.pmax(m0, m1);
  let largestRatio = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  let leastP = min(f64x2.extract_lane(sp, 0), f64x2.extract_lane(sp, 1));
  let leastQ = min(f64x2.extract_lane(sq, 0), f64x2.extract_lane(sq, 1));
  for (; i < n; i++) {
    const p = load<f64>(pPtr + (<usize>i << 3));
    const q = load<f64>(qPtr + (<usize>i << 3));
    if (p / q > largestRatio) largestRatio = p / q;
    if (p > 0 && p < leastP) leastP = p;
    if (q > 0 && q < leastQ) leastQ = q;
  }
  ratioLargest = largestRatio;
  smallestP = leastP;
  smallestQ = leastQ;
}
