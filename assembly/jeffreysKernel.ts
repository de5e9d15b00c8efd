/**
 * Jeffreys kernel: Σ_i (p̂_i - q̂_i)·ln(p̂_i/q̂_i), the sum src/core/jeffreys.ts adds up (J = Σ, every term ≥ 0),
 * over the pair of arrays `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the
 * normalisation of. p̂_i - q̂_i is the reference's value bit for bit (pairKernel.ts); the ln-ratio is the
 * reference's to a few ulps:
 *
 *   with a = x·S_q.hi, b = y·S_p.hi and their rounding errors (Dekker) plus the sums' low parts
 *   c_a = err(x·S_q.hi) + x·S_q.lo, c_b = err(y·S_p.hi) + y·S_p.lo, the exact ratio is (a + c_a)/(b + c_b), so
 *   ln(p̂/q̂) = ln(a/b) + c_a/a - c_b/b + O(u²),
 *
 * ln(a/b) by the log-ratio's two halves (numeric.ts logRatioReduce / logRatioFinish, within 2 ulps, exact
 * where a ≈ b by Sterbenz), so nearly equal distributions keep their digits as the reference's log1p does.
 * Lanes with x or y below the smallest normal (zeros included) make their block (PAIR_BLOCK elements) go to
 * the scalar path, which is the reference's code: ±Infinity for one zero (a flag, `jeffreysInfinite`),
 * ln(p_i/q_i) + ln(s_q/s_p) where a scaled value underflowed, log1p(numerator/b) where a and b are within a
 * factor 2, logRatio(a, b) elsewhere; raw values (the identity scale) take logRatio(p_i, q_i) as the reference.
 *
 * Sums: two-sum per lane within a block, blocks into a Neumaier sum (the terms are ≥ 0: about u relative).
 */
import { addTermVectors, logRatioFinish, logRatioReduce, logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import {
  differenceVector,
  K_MIN_NORMAL,
  K_NAN,
  K_SP_HI,
  K_SP_HI_HI,
  K_SP_HI_LO,
  K_SP_LO,
  K_SQ_HI,
  K_SQ_HI_HI,
  K_SQ_HI_LO,
  K_SQ_LO,
  PAIR_BLOCK,
  pairA,
  pairB,
  pairDifference,
  pairLnSumRatio,
  pairNumerator,
  pairParam,
  pairUnitP,
  pairUnitQ,
  pairPrepareScalar,
  pairX,
  pairY,
  productErrorVector,
  scaledPVector,
  scaledQVector,
} from './pairKernel';

const TERMS_SLOT = memory.data(16, 16);

let infinite: bool = false;

/** Σ (p̂ - q̂)·ln(p̂/q̂) of the last `jeffreysAccumulate` over its finite terms (nats). */
export function jeffreysTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/** Whether the last `jeffreysAccumulate` met exactly one zero of p_i, q_i (an infinite term). */
export function jeffreysInfinite(): bool {
  return infinite;
}

/**
 * Accumulates the Jeffreys terms over n validated values at pPtr, qPtr (see the file's comment); `raw`: the
 * values as given (`pairSetScale` set the identity), whose scalar ln-ratio is logRatio(p_i, q_i).
 */
export function jeffreysAccumulate(pPtr: usize, qPtr: usize, n: i32, raw: bool): void {
  neumaierReset(TERMS_SLOT);
  infinite = false;
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    const vectorCount = count & ~3;
    const vectorDone = vectorCount > 0 && vectorBlock(pPtr + (<usize>start << 3), qPtr + (<usize>start << 3), vectorCount >> 1);
    const from = vectorDone ? start + vectorCount : start;
    scalarTerms(pPtr + (<usize>from << 3), qPtr + (<usize>from << 3), start + count - from, raw);
  }
}

/** The scalar path over `count` values from pp, qq: the reference's terms, Neumaier-summed. */
function scalarTerms(pp: usize, qq: usize, count: i32, raw: bool): void {
  const end = pp + (<usize>count << 3);
  for (; pp < end; pp += 8, qq += 8) {
    const pi = load<f64>(pp);
    const qi = load<f64>(qq);
    if (pi == 0 || qi == 0) {
      // Both 0: nothing; exactly one: an infinite term.
      if (pi != qi) infinite = true;
      continue;
    }
    pairPrepareScalar(pi, qi);
    if (pairDifference != 0) neumaierAdd(TERMS_SLOT, pairDifference * lnRatioScalar(pi, qi, raw));
  }
}

/** The reference's ln(p̂/q̂) for positive p_i, q_i after `pairPrepareScalar` (src/core/distributionPair.ts). */
function lnRatioScalar(pi: f64, qi: f64, raw: bool): f64 {
  if (raw) return logRatioScalar(pi, qi);
  if (pairX == 0 || pairY == 0) return logRatioScalar(pi, qi) + pairLnSumRatio();
  const a = pairA;
  const b = pairB;
  if (a >= 0.5 * b && a <= 2 * b) return Math.log1p(pairNumerator / b);
  return logRatioScalar(a, b);
}

/**
 * Byte offsets in a vector's record of JEFFREYS_SCRATCH: the difference (then the term), the correction, the
 * log-ratio's first half.
 */
const enum S { DIFFERENCE = 0, CORRECTION = 16, LOG = 32, STRIDE = 64 }

/**
 * The first pass over one vector: p̂ - q̂ (NaN in a lane the vector path cannot compute: x or y below the
 * smallest normal), c_a/a - c_b/b, and the first half of ln(a/b).
 */
// @ts-ignore: decorator
@inline
function termReduce(pi: v128, qi: v128, at: usize, unitP: bool, unitQ: bool): void {
  const x = scaledPVector(pi);
  const y = scaledQVector(qi);
  // Where a scaled sum's high part is 1 (pairUnitP/Q), a = x (b = y) and Dekker's error is +0: the same bits.
  const a = unitQ ? x : f64x2.mul(x, pairParam(K_SQ_HI));
  const b = unitP ? y : f64x2.mul(y, pairParam(K_SP_HI));
  const errA = unitQ ? f64x2.splat(0) : productErrorVector(x, pairParam(K_SQ_HI_HI), pairParam(K_SQ_HI_LO), a);
  const errB = unitP ? f64x2.splat(0) : productErrorVector(y, pairParam(K_SP_HI_HI), pairParam(K_SP_HI_LO), b);
  const ca = f64x2.add(errA, f64x2.mul(x, pairParam(K_SQ_LO)));
  const cb = f64x2.add(errB, f64x2.mul(y, pairParam(K_SP_LO)));
  const minNormal = pairParam(K_MIN_NORMAL);
  const normal = v128.and(f64x2.ge(x, minNormal), f64x2.ge(y, minNormal));
  v128.store(at + <usize>S.DIFFERENCE, v128.bitselect(differenceVector(x, y, unitP, unitQ), pairParam(K_NAN), normal));
  v128.store(at + <usize>S.CORRECTION, f64x2.sub(f64x2.div(ca, a), f64x2.div(cb, b)));
  logRatioReduce(a, b, at + <usize>S.LOG);
}

/** The second pass over one vector: (p̂ - q̂)·(ln(a/b) + correction) per lane. */
// @ts-ignore: decorator
@inline
function termFinish(at: usize): v128 {
  const lnRatio = f64x2.add(logRatioFinish(at + <usize>S.LOG), v128.load(at + <usize>S.CORRECTION));
  return f64x2.mul(v128.load(at + <usize>S.DIFFERENCE), lnRatio);
}

const STRIDE: usize = S.STRIDE;
/** The records of a block's vectors (PAIR_BLOCK / 2), written by the first pass, read by the second. */
const JEFFREYS_SCRATCH = memory.data(<i32>(STRIDE * (<usize>PAIR_BLOCK / 2)), 16);

/**
 * The vector path over `vectors` f64x2 of a block from pp, qq, in two passes (as jsKernel.ts): the first halves
 * of every vector, then the terms, stored over their records and added (numeric.ts addTermVectors); false,
 * adding nothing, on an exceptional lane.
 */
function vectorBlock(pp: usize, qq: usize, vectors: i32): bool {
  if (pairUnitP) return pairUnitQ ? vectorBlockOf(pp, qq, vectors, true, true) : vectorBlockOf(pp, qq, vectors, true, false);
  return pairUnitQ ? vectorBlockOf(pp, qq, vectors, false, true) : vectorBlockOf(pp, qq, vectors, false, false);
}

/** `vectorBlock` for the call's unit flags (constants at each call: pairKernel.ts differenceVector). */
// @ts-ignore: decorator
@inline
function vectorBlockOf(pp: usize, qq: usize, vectors: i32, unitP: bool, unitQ: bool): bool {
  const last = JEFFREYS_SCRATCH + <usize>vectors * STRIDE;
  for (let v: usize = 0; v < <usize>vectors; v++) termReduce(v128.load(pp + (v << 4)), v128.load(qq + (v << 4)), JEFFREYS_SCRATCH + v * STRIDE, unitP, unitQ);
  for (let at = JEFFREYS_SCRATCH; at < last; at += STRIDE) v128.store(at, termFinish(at));
  return addTermVectors(TERMS_SLOT, JEFFREYS_SCRATCH, last, STRIDE);
}
