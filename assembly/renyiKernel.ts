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
 *   (`maxOnly`: the largest and the flag alone, for D_∞ = max ℓ_i).
 * Sums: Neumaier, element by element in order, as the reference.
 */
import { logRatioFinish, logRatioReduce, logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { K_MIN_NORMAL, K_SP_HI, K_SP_HI_HI, K_SP_HI_LO, K_SP_LO, K_SQ_HI, K_SQ_HI_HI, K_SQ_HI_LO, K_SQ_LO, K_ZERO, PAIR_BLOCK } from './pairKernel';
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
    logRatioReduce(a, b, at, pairParam(K_ZERO), false);
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

/** Z over n validated values at pPtr, qPtr (see the file's comment); `raw`: the identity scale. */
export function renyiAccumulate(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  finiteTerms = false;
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    prepareBlock(pPtr + (<usize>start << 3), qPtr + (<usize>start << 3), count, raw, swapped);
    for (let i: usize = 0; i < <usize>count; i++) {
      const l = load<f64>(LN_RATIOS + (i << 3));
      const w = load<f64>(WEIGHTS + (i << 3));
      if (l == -Infinity || isNaN(l)) continue;
      if (l == Infinity) {
        if (t >= 0) infinite = true;
        else neumaierAdd(TERMS_SLOT, -w / t);
        continue;
      }
      finiteTerms = true;
      neumaierAdd(TERMS_SLOT, w * expm1Over(t, l));
    }
  }
}

/** Σ w·e^(t·ℓ - shift), the largest t·ℓ, whether some ℓ = +∞ (see the file's comment). */
export function renyiPowerSum(pPtr: usize, qPtr: usize, n: i32, t: f64, swapped: bool, raw: bool, shift: f64, maxOnly: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  largest = -Infinity;
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    prepareBlock(pPtr + (<usize>start << 3), qPtr + (<usize>start << 3), count, raw, swapped);
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
