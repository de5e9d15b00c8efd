/**
 * KL divergence kernel: S = Σ p_i·ln(p_i/q_i) with the compensated sums Σ p_i and Σ q_i, over two arrays of
 * f64 the host has copied into linear memory. The method of `src/core/numeric.ts` (logRatio), with two f64x2
 * lanes per vector (klLogRatio.ts):
 *
 *   ln(p/q) = k·ln 2 + 2·atanh(s),  s = (p - q')/(p + q'),  q' = q·2^k ∈ (p/√2, p·√2]  (p - q' exact, Sterbenz),
 *   2·atanh(s) = 2s + s·R(s²), R the fdlibm minimax polynomial (Lg1..Lg7);
 *
 * with S = 2·Σ p_i·atanh(s_i) + ln 2·K, K = Σ p_i·k_i: the integer parts are summed apart and multiplied by ln 2
 * once (klTerms), not rounded into each term. Error of one term p·ln(p/q): that of s (two roundings), of p·s, of
 * the last addition, and below u/10 from the polynomial where k = 0 (nearly equal p and q), so about 2 ulp of the
 * term however small ln(p/q) is; where k ≠ 0, |ln(p/q)| ≥ ln √2 and the rounding of p·k (|k·ln 2| ≤ 2·|ln(p/q)|)
 * adds about one more. Measured on 10^6 single terms against 40-digit mpmath (random over [0, 10^-5] and over the
 * binades, p/q = 1 ± 2^-j for j = 1..52, near √2 and near powers of two): at most 2.25 ulp of the term (2.54 for
 * the per-term method, numeric.ts logRatioReduce / logRatioFinish), mean 0.31-0.47 ulp per family (0.34-0.48);
 * klKernelTerms.test.ts states the bounds.
 *
 * Also Σ(q_i - 2^offset·p_i), from the differences, for the host's normalisation (see klSumDifference).
 *
 * Two passes per block of BLOCK elements (the block is in L1 for the second): the first checks the lanes, adds
 * the sums and K, and stores p·s and s² (the exponent split on the bits, the one division) in a small scratch
 * area; the second evaluates the polynomial and adds p·atanh(s) (klAtanhSum). Each pass is a short chain of
 * dependent operations, so the processor overlaps many iterations. Measured on 2^16 Dirichlet values, 10^7
 * elements per round, interleaved with the per-term method in one process (min of 200 rounds): 17.8 ms against
 * 26.5 ms per 10^7 (-33%).
 *
 * Summation: within a block, f64x2 running sums (plain adds: Σ p·atanh(s) in two, of 16 additions per lane; Σp,
 * Σq, Σ(q - p) and K in one each, adding two vectors' sum per step: 17 roundings per lane); block totals go into
 * Neumaier sums, so the error is bounded by the block length, not by n. K's headroom is about 1.4 times smaller
 * than the terms' (|k| ≤ 1.45·|ln(p/q)| + 1/2): a raw sum within that factor of overflowing goes to the TS
 * reference, as the host does with every overflowing sum.
 *
 * Validity: per block, the signed minimum of the values' high 32-bit words (i32x4.min_s: cheap, unlike
 * f64x2.min) must be at least 0x00200000 (every value ≥ 2^-1021: normal and positive, the reduction's ranges),
 * and the block's Σp below 2^990 and Σq finite (with no negative value, each value is at most its block's sum):
 * NaN and ±Infinity fail one or the other. A lane with p = +0 is computed as p = 1 with q as it is (finite values
 * for any q, times p = 0: a term of 0, as the convention wants) and its high word checked as that of q | 1.0's
 * bits: any q >= 0 passes, subnormal or 0 included; a negative q fails, NaN or infinite q fail Σq (q | 1.0's bits
 * themselves are Infinity or NaN for q ≥ 2, so they go only into the minimum). A block with any other lane (subnormal or below 2^-1021, p ≥ 2^990, p > 0 with
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


/**
 * The exponent offset of the current call times 2^20 (the scale of K's addends, exact), and 2^offset (0 beyond
 * ±MAX_DIFFERENCE_EXPONENT), splatted.
 */
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

/**
 * Σp of a vector block must stay below it (2^990), and so every p: the block's sum of p·(k + offset)·2^20
 * (|k + offset| < 2^13) stays finite, and so do the reduction's a·√2 and a + q'.
 */
const MAX_BLOCK_SUM_P: f64 = reinterpret<f64>(0x7dd0000000000000);
/** K's addends are p·(k + offset)·2^20 (klLogRatioReduce); a block's sum is scaled back by 2^-20, exactly. */
const EXPONENT_SCALE: f64 = 1.0 / 1048576.0;
/** The smallest high 32-bit word of a value the vector path takes: 2^-1021 (y/2 of the reduction is normal). */
const MIN_HIGH_WORD: i32 = 0x00200000;
let infinite: bool = false;

/** The first 16-byte aligned address after the module's static data: the host's arrays go here or later. */
export function heapBase(): usize {
  return (__heap_base + 15) & ~(<usize>15);
}

/**
 * Σ p_i·ln(p_i·2^offset/q_i) over the terms with p_i > 0 and q_i > 0, of the last call (nats): the terms' sum T plus
 * K·ln 2 (K as in RESULTS), with one rounding of the result's size: K = K_hi + K_lo, K_hi with 21 significant bits,
 * so that K_hi·LN2_HI is exact (LN2_HI has 21), and T + K_hi·LN2_HI is a two-sum whose error joins the small parts.
 */
export function klTerms(): f64 {
  const exponents = neumaierValue(RESULTS + R_EXPONENTS);
  const high = reinterpret<f64>(reinterpret<u64>(exponents) & 0xffffffff00000000);
  const terms = load<f64>(RESULTS + R_TERMS);
  const exact = high * LN2_HI;
  const sum = terms + exact;
  const virtual = sum - terms;
  const error = terms - (sum - virtual) + (exact - virtual);
  return sum + (error + load<f64>(RESULTS + R_TERMS, 8) + (exponents - high) * LN2_HI + exponents * LN2_LO);
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
  v128.store(OFFSET_SLOT, f64x2.splat(<f64>offset / EXPONENT_SCALE));
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
  let pp = pPtr + (<usize>start << 3);
  let qp = qPtr + (<usize>start << 3);
  let at = LOG_RATIO_SCRATCH;
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    const p0 = v128.load(pp);
    const q0 = v128.load(qp);
    const p1 = v128.load(pp, 16);
    const q1 = v128.load(qp, 16);
    // p = +0: computed as a = 1 with q as it is, checked with q | 1.0's bits; the term is 0·finite = 0.
    const z0 = v128.and(i64x2.eq(p0, i64x2.splat(0)), vectorConstant(C_ONE_BITS));
    const z1 = v128.and(i64x2.eq(p1, i64x2.splat(0)), vectorConstant(C_ONE_BITS));
    const a0 = v128.or(p0, z0);
    const a1 = v128.or(p1, z1);
    low = i32x4.min_s(low, i32x4.min_s(i32x4.min_s(a0, v128.or(q0, z0)), i32x4.min_s(a1, v128.or(q1, z1))));
    let k0 = klLogRatioReduce(a0, q0, p0, at);
    let k1 = klLogRatioReduce(a1, q1, p1, at + KL_SCRATCH_STRIDE);
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
  neumaierAdd(RESULTS + R_TERMS, 2 * klAtanhSum(count));
  neumaierAdd(RESULTS + R_EXPONENTS, laneSum(exponents) * EXPONENT_SCALE);
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
