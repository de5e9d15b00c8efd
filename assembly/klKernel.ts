/**
 * KL divergence kernel: S = Σ p_i·ln(p_i/q_i) with the compensated sums Σ p_i and Σ q_i, over two arrays of
 * f64 the host has copied into linear memory. The same method as `src/core/numeric.ts` (logRatio), with two
 * f64x2 lanes per vector:
 *
 *   ln(p/q) = k·ln 2 + 2·atanh(s),  s = (m_p - m_q')/(m_p + m_q'),  m = significand in [1, 2),
 *   m_q' = m_q·2^{-1,0,1} so that m_p/m_q' ∈ [1/√2, √2] and m_p - m_q' is exact (Sterbenz);
 *   2·atanh(s) = 2s + s·R(s²), R the fdlibm minimax polynomial (Lg1..Lg7).
 *
 * Also Σ(q_i - 2^offset·p_i), from the differences, for the host's normalisation (see klSumDifference).
 *
 * Two passes per block of BLOCK elements (the block is in L1 for the second): the first checks the lanes,
 * adds the sums and computes k and 2s (numeric.ts logRatioReduce: the exponent split and the one division) into
 * a small scratch area; the second evaluates the polynomial (logRatioFinish) and adds p·ln(p/q). Each pass is a
 * short chain of dependent operations, so the processor overlaps many iterations: measured 25-30% faster than
 * one pass over the same operations, with bit-identical results.
 *
 * Summation: within a block, two f64x2 running sums per quantity (plain adds, four lanes); block totals go
 * into a Neumaier sum, so the error is bounded by the block length (16 additions per lane), not by n.
 *
 * Validity: per block, the unsigned minimum and maximum of the values' high 32-bit words (i32x4.min_u/max_u:
 * cheap, unlike f64x2.min/max) must lie in [0x00100000, 0x7ff00000): normal, positive and finite. A lane with
 * p = +0 is checked and computed as p = 1, q = q | 1.0's bits (ln of two normal finite values, times p = 0: a
 * term of 0, as the convention wants, for any q >= 0; a negative, NaN or infinite q still fails the check).
 * A block with any other lane (subnormal, p > 0 with q = 0, -0, negative, NaN, ±Infinity) is recomputed by the
 * exact scalar path, which applies the conventions (p = 0: term 0; p > 0, q = 0: infinite) and finds the first
 * invalid index (P before Q at the same index).
 *
 * Protocol: the host writes P and Q (n doubles each) at addresses at or after `heapBase()`, growing `memory`
 * as needed, calls `klAccumulate(pPtr, qPtr, n, offset)`, then reads `klTerms()`, `klSumP()`, `klSumQ()`,
 * `klSumDifference()`, `klInfinite()`, and on a non-OK status `klInvalidIndex()`. The same source is also
 * built as build/kernels-shared.wasm (assembly/klThreadKernel.ts), on an imported shared memory, for the
 * helper thread of src/compute/klThreads.ts, which computes straight from the ring the host copies into.
 */

import {
  C_ONE_BITS,
  LOG_RATIO_BLOCK,
  LOG_RATIO_SCRATCH,
  laneSum,
  logRatioReduce,
  logRatioScalar,
  neumaierAdd,
  neumaierValue,
  vectorConstant,
  weightedLogRatioSum,
} from './numeric';
import { SCAN_INVALID_P, SCAN_INVALID_Q, SCAN_OK, scanInvalidIndex, scanReset, scanScalar } from './scan';
export { scanInvalidIndex as klInvalidIndex } from './scan';

/** Status of `klAccumulate`. */
export const KL_OK: i32 = SCAN_OK;
export const KL_INVALID_P: i32 = SCAN_INVALID_P;
export const KL_INVALID_Q: i32 = SCAN_INVALID_Q;

/**
 * Elements per block. Short blocks keep the plain in-block sums accurate (16 additions per lane: measured
 * within 2 ulp of the exact sum of 2^20 uniform values, against 34 ulp with blocks of 1024, whose positive
 * running sums grow) and confine the scalar fallback to the few elements around a subnormal or an invalid
 * value; the block's reduction (three Neumaier additions) costs nothing measurable at this length.
 */
const BLOCK: i32 = LOG_RATIO_BLOCK;


/** The exponent offset of the current call and 2^offset (0 beyond ±MAX_DIFFERENCE_EXPONENT), splatted. */
const OFFSET_SLOT = memory.data(16, 16);
const FACTOR_SLOT = memory.data(16, 16);
let exponentOffset: i32 = 0;
let differenceFactor: f64 = 0;

/** As in src/core/klDivergence.ts: beyond it, 2^offset·p may leave the doubles and the host ignores Σ(q - 2^e p). */
const MAX_DIFFERENCE_EXPONENT: i32 = 1000;

/**
 * Results of the last call: the Neumaier sums (sum, compensation) of the terms, Σp, Σq and Σ(q - 2^offset·p), one
 * 16-byte slot each from RESULTS (offsets R_*), cleared together.
 */
const RESULTS = memory.data(64, 16);
const R_TERMS: usize = 0;
const R_SUM_P: usize = 16;
const R_SUM_Q: usize = 32;
const R_DIFFERENCE: usize = 48;
let infinite: bool = false;

/** The first 16-byte aligned address after the module's static data: the host's arrays go here or later. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/** Σ p_i·ln(p_i·2^offset/q_i) over the terms with p_i > 0 and q_i > 0, of the last call (nats). */
export function klTerms(): f64 {
  return neumaierValue(RESULTS + R_TERMS);
}

/** Σ p_i of the last call. */
export function klSumP(): f64 {
  return neumaierValue(RESULTS + R_SUM_P);
}

/** Σ q_i of the last call. */
export function klSumQ(): f64 {
  return neumaierValue(RESULTS + R_SUM_Q);
}

/**
 * Σ (q_i - 2^offset·p_i) of the last call, summed from the differences: exact where q_i ≈ 2^offset·p_i, so
 * that the host's ln(s_q/(2^offset·s_p)) does not inherit the rounding of either sum.
 */
export function klSumDifference(): f64 {
  return neumaierValue(RESULTS + R_DIFFERENCE);
}

/** Whether the last call met p_i > 0 with q_i = 0 (the divergence is +Infinity). */
export function klInfinite(): bool {
  return infinite;
}

/**
 * Accumulates the KL terms p_i·ln(p_i·2^offset/q_i) and the sums of P and Q over n elements at pPtr and qPtr
 * (8-byte doubles). The integer `offset` (0 for the plain terms) is added to the exact exponent difference,
 * so that a normalising host can fold the power of two nearest s_q/s_p into each term without rounding.
 * Returns KL_OK, or KL_INVALID_P / KL_INVALID_Q for the first negative, NaN or infinite value (its index in
 * `klInvalidIndex()`); on an invalid value the sums are incomplete and must not be used.
 */
export function klAccumulate(pPtr: usize, qPtr: usize, n: i32, offset: i32): i32 {
  exponentOffset = offset;
  differenceFactor = abs(offset) <= MAX_DIFFERENCE_EXPONENT ? reinterpret<f64>(<u64>(offset + 1023) << 52) : 0;
  v128.store(OFFSET_SLOT, i64x2.splat(<i64>offset));
  v128.store(FACTOR_SLOT, f64x2.splat(differenceFactor));
  memory.fill(RESULTS, 0, 64);
  infinite = false;
  scanReset();
  for (let start: i32 = 0; start < n; start += BLOCK) {
    const count = min(BLOCK, n - start);
    const vectorCount = count & ~3;
    const vectorDone = vectorCount > 0 && (offset == 0 ? vectorBlock(pPtr, qPtr, start, vectorCount) : vectorBlockWithOffset(pPtr, qPtr, start, vectorCount));
    if (!vectorDone) {
      const status = scalarRange(pPtr, qPtr, start, start + count);
      if (status != KL_OK) return status;
    } else if (vectorCount < count) {
      const status = scalarRange(pPtr, qPtr, start + vectorCount, start + count);
      if (status != KL_OK) return status;
    }
  }
  return KL_OK;
}

/**
 * The vector path over `count` (a multiple of 4, at most BLOCK) elements from `start`. Returns false, adding
 * nothing, when a lane is one the vector path cannot compute (see the file comment); the caller then runs the
 * scalar path. `withOffset` is a constant at both call sites: false (offset 0, the common case) compiles the
 * offset and the difference factor (1) out, with the same results.
 */
// @ts-ignore: decorator
@inline
function vectorBlockOf(pPtr: usize, qPtr: usize, start: i32, count: i32, withOffset: bool): bool {
  let sp0 = f64x2.splat(0);
  let sp1 = f64x2.splat(0);
  let sq0 = f64x2.splat(0);
  let sq1 = f64x2.splat(0);
  let d0 = f64x2.splat(0);
  let d1 = f64x2.splat(0);
  let low = i32x4.splat(-1);
  let high = i32x4.splat(0);
  const pStart = pPtr + (<usize>start << 3);
  let pp = pStart;
  let qp = qPtr + (<usize>start << 3);
  let at = LOG_RATIO_SCRATCH;
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    const p0 = v128.load(pp);
    const q0 = v128.load(qp);
    const p1 = v128.load(pp, 16);
    const q1 = v128.load(qp, 16);
    // p = +0: computed (and checked) as a = 1, b = q | 1.0's bits; the term is 0·finite = 0.
    const z0 = v128.and(i64x2.eq(p0, i64x2.splat(0)), vectorConstant(C_ONE_BITS));
    const z1 = v128.and(i64x2.eq(p1, i64x2.splat(0)), vectorConstant(C_ONE_BITS));
    const a0 = v128.or(p0, z0);
    const b0 = v128.or(q0, z0);
    const a1 = v128.or(p1, z1);
    const b1 = v128.or(q1, z1);
    low = i32x4.min_u(low, i32x4.min_u(i32x4.min_u(a0, b0), i32x4.min_u(a1, b1)));
    high = i32x4.max_u(high, i32x4.max_u(i32x4.max_u(a0, b0), i32x4.max_u(a1, b1)));
    logRatioReduce(a0, b0, at, v128.load(OFFSET_SLOT), withOffset);
    logRatioReduce(a1, b1, at + 32, v128.load(OFFSET_SLOT), withOffset);
    sp0 = f64x2.add(sp0, p0);
    sp1 = f64x2.add(sp1, p1);
    sq0 = f64x2.add(sq0, q0);
    sq1 = f64x2.add(sq1, q1);
    d0 = f64x2.add(d0, f64x2.sub(q0, withOffset ? f64x2.mul(v128.load(FACTOR_SLOT), p0) : p0));
    d1 = f64x2.add(d1, f64x2.sub(q1, withOffset ? f64x2.mul(v128.load(FACTOR_SLOT), p1) : p1));
    pp += 32;
    qp += 32;
    at += 64;
  }
  // The high words are lanes 1 and 3 (little-endian); the low words' lanes carry mantissa bits, not looked at.
  const lowest = min(<u32>i32x4.extract_lane(low, 1), <u32>i32x4.extract_lane(low, 3));
  const highest = max(<u32>i32x4.extract_lane(high, 1), <u32>i32x4.extract_lane(high, 3));
  if (lowest < 0x00100000 || highest >= 0x7ff00000) return false;
  const terms = weightedLogRatioSum(pStart, end);
  neumaierAdd(RESULTS + R_TERMS, terms);
  neumaierAdd(RESULTS + R_SUM_P, laneSum(f64x2.add(sp0, sp1)));
  neumaierAdd(RESULTS + R_SUM_Q, laneSum(f64x2.add(sq0, sq1)));
  neumaierAdd(RESULTS + R_DIFFERENCE, laneSum(f64x2.add(d0, d1)));
  return true;
}

/** The vector path with exponent offset 0 (see vectorBlockOf). */
function vectorBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(pPtr, qPtr, start, count, false);
}

/** The vector path with the call's exponent offset (see vectorBlockOf). */
function vectorBlockWithOffset(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(pPtr, qPtr, start, count, true);
}

/**
 * The exact scalar path over [from, to): conventions, subnormals, and the first invalid value (scan.ts checks the
 * values and adds Σp and Σq). Each value goes straight into the Neumaier sums; before an invalid value, the same
 * elements as in Σp and Σq.
 */
function scalarRange(pPtr: usize, qPtr: usize, from: i32, to: i32): i32 {
  const status = scanScalar(pPtr, qPtr, from, to, RESULTS + R_SUM_P, RESULTS + R_SUM_Q, 0);
  const valid = status == KL_OK ? to : scanInvalidIndex();
  for (let i = from; i < valid; i++) {
    const p = load<f64>(pPtr + (<usize>i << 3));
    const q = load<f64>(qPtr + (<usize>i << 3));
    neumaierAdd(RESULTS + R_DIFFERENCE, q - differenceFactor * p);
    if (p > 0) {
      if (q > 0) neumaierAdd(RESULTS + R_TERMS, p * logRatioScalarOffset(p, q));
      else infinite = true;
    }
  }
  return status;
}

/** ln(p·2^offset/q) for positive finite p and q, subnormals included: the scalar twin of logRatioReduce / logRatioFinish. */
function logRatioScalarOffset(p: f64, q: f64): f64 {
  return logRatioScalar(p, q, exponentOffset);
}
