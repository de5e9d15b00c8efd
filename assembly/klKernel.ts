/**
 * KL divergence kernel: S = Σ p_i·ln(p_i/q_i) with the compensated sums Σ p_i and Σ q_i, over two arrays of
 * f64 the host has copied into linear memory. The method of `src/core/numeric.ts` (logRatio), with two f64x2
 * lanes per vector (klLogRatio.ts):
 *
 *   ln(p/q) = k·ln 2 + 2·atanh(s),  s = (p - q')/(p + q'),  q' = q·2^k ∈ (p/√2, p·√2]  (p - q' exact, Sterbenz),
 *   2·atanh(s) = 2s + s·R(s²), R the fdlibm minimax polynomial (Lg1..Lg7);
 *
 * and S = 2·Σ p_i·atanh(s_i) + ln 2·Σ p_i·k_i: the integer parts summed apart (K below), never rounded into each
 * term. Where p_i/q_i is near 1 (k_i = 0: nearly equal P and Q) the terms are those of numeric.ts's
 * logRatioReduce / logRatioFinish bit for bit, so is S for inputs where every k_i is 0. Elsewhere each ln(p/q) is
 * within about 1 ulp of |k·ln 2| + |2·atanh(s)| ≤ 2·|ln(p/q)| (|ln(p/q)| ≥ ln √2 where k ≠ 0), and the two sums
 * carry the rounding of one: within the bound of the terms' sum (parity.test.ts). Measured against
 * 50-digit references: the same maximum error in ulps as the per-term method (see klKernelTerms.test.ts).
 *
 * Also Σ(q_i - 2^offset·p_i), from the differences, for the host's normalisation (see klSumDifference).
 *
 * Two passes per block of BLOCK elements (the block is in L1 for the second): the first checks the lanes, adds
 * the sums and K, and computes s (the exponent split on the bits and the one division) into a small scratch area;
 * the second evaluates the polynomial (klAtanhSum) and adds p·atanh(s). Each pass is a short chain of dependent
 * operations, so the processor overlaps many iterations. Measured on 2^16 Dirichlet values (10^7 per round,
 * interleaved with the per-term method of numeric.ts, min of 40 rounds): 18.8-19.1 ms against 26.3 ms per 10^7.
 *
 * Summation: within a block, f64x2 running sums (plain adds: Σ w·atanh in two, of 16 additions per lane; Σp, Σq,
 * Σ(q - p) and K in one each, adding two vectors' sum per step, 17 roundings per lane); block totals go into
 * Neumaier sums, so the error is bounded by the block length, not by n.
 *
 * Validity: per block, the signed minimum of the values' high 32-bit words (i32x4.min_s: cheap, unlike
 * f64x2.min) must be at least 0x00200000 (every value ≥ 2^-1021: normal and positive, the reduction's ranges),
 * and the block's Σp below 2^1022 and Σq finite (with no negative value, each value is at most its block's sum):
 * NaN and ±Infinity fail one or the other. A lane with p = +0 is checked and computed as p = 1, q = q | 1.0's bits
 * (finite values, times p = 0: a term of 0, as the convention wants, for any q >= 0; a negative, NaN or infinite q
 * still fails the check). A block with any other lane (subnormal or below 2^-1021, at least 2^1022, p > 0 with
 * q = 0, -0, negative, NaN, ±Infinity) is recomputed by the exact scalar path (numeric.ts logRatioScalar, the
 * per-term method), which applies the conventions (p = 0: term 0; p > 0, q = 0: infinite) and finds the first
 * invalid index (P before Q at the same index).
 *
 * Protocol: the host writes P and Q (n doubles each) at addresses at or after `heapBase()`, growing `memory`
 * as needed, calls `klAccumulate(pPtr, qPtr, n, offset)`, then reads `klTerms()`, `klSumP()`, `klSumQ()`,
 * `klSumDifference()`, `klInfinite()`, and on a non-OK status `klInvalidIndex()`. The same source is also
 * built as build/kernels-shared.wasm (assembly/klThreadKernel.ts), on an imported shared memory, for the
 * helper thread of src/compute/klThreads.ts, which computes straight from the ring the host copies into.
 */

import { KL_SCRATCH_STRIDE, klAtanhSum, klLogRatioReduce } from './klLogRatio';
import {
  C_ONE_BITS,
  LN2_HI,
  LN2_LO,
  LOG_RATIO_BLOCK,
  LOG_RATIO_SCRATCH,
  MAX_FINITE,
  laneSum,
  logRatioScalar,
  neumaierAdd,
  neumaierValue,
  vectorConstant,
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
 * value; the block's reduction (five Neumaier additions) costs nothing measurable at this length.
 */
const BLOCK: i32 = LOG_RATIO_BLOCK;


/** The exponent offset of the current call (as f64) and 2^offset (0 beyond ±MAX_DIFFERENCE_EXPONENT), splatted. */
const OFFSET_SLOT = memory.data(16, 16);
const FACTOR_SLOT = memory.data(16, 16);
let exponentOffset: i32 = 0;
let differenceFactor: f64 = 0;

/** As in src/core/klDivergence.ts: beyond it, 2^offset·p may leave the doubles and the host ignores Σ(q - 2^e p). */
const MAX_DIFFERENCE_EXPONENT: i32 = 1000;

/**
 * Results of the last call: the Neumaier sums (sum, compensation) of the terms (all but the vector path's k·ln 2
 * parts), Σp, Σq, Σ(q - 2^offset·p) and K = Σ p·(k + offset) of the vector path, one 16-byte slot each from
 * RESULTS (offsets R_*), cleared together.
 */
const RESULTS = memory.data(80, 16);
const R_TERMS: usize = 0;
const R_SUM_P: usize = 16;
const R_SUM_Q: usize = 32;
const R_DIFFERENCE: usize = 48;
const R_EXPONENTS: usize = 64;

/** Σp of a vector block must stay below it (so must every p: the reduction's a·√2 and a + q' stay finite). */
const MAX_BLOCK_SUM_P: f64 = reinterpret<f64>(0x7fd0000000000000);
/** The smallest high 32-bit word of a value the vector path takes: 2^-1021 (y/2 of the reduction is normal). */
const MIN_HIGH_WORD: i32 = 0x00200000;
let infinite: bool = false;

/** The first 16-byte aligned address after the module's static data: the host's arrays go here or later. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Σ p_i·ln(p_i·2^offset/q_i) over the terms with p_i > 0 and q_i > 0, of the last call (nats): the terms' sum plus
 * ln 2·K, with ln 2 in two parts (K·LN2_HI and K·LN2_LO each carry one rounding of their own size).
 */
export function klTerms(): f64 {
  const exponents = neumaierValue(RESULTS + R_EXPONENTS);
  return (load<f64>(RESULTS + R_TERMS) + exponents * LN2_HI) + (load<f64>(RESULTS + R_TERMS, 8) + exponents * LN2_LO);
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
  v128.store(OFFSET_SLOT, f64x2.splat(<f64>offset));
  v128.store(FACTOR_SLOT, f64x2.splat(differenceFactor));
  memory.fill(RESULTS, 0, 80);
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
  let sumP = f64x2.splat(0);
  let sumQ = f64x2.splat(0);
  let difference = f64x2.splat(0);
  let exponents = f64x2.splat(0);
  let low = i32x4.splat(0x7fffffff);
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
    const a1 = v128.or(p1, z1);
    low = i32x4.min_s(low, i32x4.min_s(i32x4.min_s(a0, v128.or(q0, z0)), i32x4.min_s(a1, v128.or(q1, z1))));
    let k0 = klLogRatioReduce(a0, q0, at);
    let k1 = klLogRatioReduce(a1, q1, at + KL_SCRATCH_STRIDE);
    if (withOffset) {
      k0 = f64x2.add(k0, v128.load(OFFSET_SLOT));
      k1 = f64x2.add(k1, v128.load(OFFSET_SLOT));
    }
    exponents = f64x2.add(exponents, f64x2.add(f64x2.mul(p0, k0), f64x2.mul(p1, k1)));
    sumP = f64x2.add(sumP, f64x2.add(p0, p1));
    sumQ = f64x2.add(sumQ, f64x2.add(q0, q1));
    const d0 = f64x2.sub(q0, withOffset ? f64x2.mul(v128.load(FACTOR_SLOT), p0) : p0);
    const d1 = f64x2.sub(q1, withOffset ? f64x2.mul(v128.load(FACTOR_SLOT), p1) : p1);
    difference = f64x2.add(difference, f64x2.add(d0, d1));
    pp += 32;
    qp += 32;
    at += 2 * KL_SCRATCH_STRIDE;
  }
  // The high words are lanes 1 and 3 (little-endian); the low words' lanes carry mantissa bits, not looked at.
  const lowest = min(i32x4.extract_lane(low, 1), i32x4.extract_lane(low, 3));
  const blockP = laneSum(sumP);
  const blockQ = laneSum(sumQ);
  if (lowest < MIN_HIGH_WORD || !(blockP < MAX_BLOCK_SUM_P) || !(blockQ <= MAX_FINITE)) return false;
  neumaierAdd(RESULTS + R_TERMS, 2 * klAtanhSum(pStart, end));
  neumaierAdd(RESULTS + R_EXPONENTS, laneSum(exponents));
  neumaierAdd(RESULTS + R_SUM_P, blockP);
  neumaierAdd(RESULTS + R_SUM_Q, blockQ);
  neumaierAdd(RESULTS + R_DIFFERENCE, laneSum(difference));
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

/** ln(p·2^offset/q) for positive finite p and q, subnormals included: the per-term method (numeric.ts). */
function logRatioScalarOffset(p: f64, q: f64): f64 {
  return logRatioScalar(p, q, exponentOffset);
}
