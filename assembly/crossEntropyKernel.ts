/**
 * Cross-entropy kernel: the partial sums src/core/crossEntropy.ts assembles H(P, Q) from, over two arrays of
 * f64 the host has copied into linear memory. Two calls per pair of arrays (or per chunk of them):
 *
 * 1. `crossEntropyScan(pPtr, qPtr, n)`: validates every value (finite, ≥ 0; the first bad index, P before Q
 *    at the same index), and computes Σp, Σq (blocked sums, Neumaier over the block totals) and the largest
 *    q with its first index.
 * 2. `crossEntropyAccumulate(pPtr, qPtr, n, total, exclude)`: Σ_{i≠exclude, p_i>0} p_i·ln(total/q_i), whether
 *    some p_i > 0 has q_i = 0 (the cross-entropy is +Infinity), and Σ_{i≠exclude} q_i. The host passes
 *    total = s_q, exclude = the index of the largest q for the normalised H = (Σ_{i≠max} p_i·ln(s_q/q_i) +
 *    p_max·log1p(rest/q_max))/s_p, and total = 1, exclude = -1 for the raw -Σ p_i ln q_i.
 *
 * Or one call, `crossEntropyFused(pPtr, qPtr, n)`: the scan and the terms against total = 1 with nothing left
 * out, each block read once (the host's one-pass raw and near-unit-total normalised results).
 *
 * The scan is scan.ts's (with the largest q). The accumulation: ln(total/q) by the table-driven logarithm of
 * fastLog.ts (no division; within 2 ulp, as the reference's log-ratio) on two f64x2 lanes per vector, in two passes
 * per block of BLOCK elements, with the multiples of ln 2 summed apart (Σ p·K, times ln 2 once in the terms' getter;
 * see fastLog.ts). The terms need no more: with `exclude` the largest q, every other q ≤ total/2, so
 * ln(total/q) ≥ ln 2 and the terms p·ln(total/q) do not cancel (raw: total = 1, terms −p·ln q, each within about
 * 2 ulp).
 * A vector lane is valid when p is normal positive finite or +0, and q is normal positive finite, or +0 with p = +0
 * (the scan has rejected the rest; irregularLanes); a block with another lane, or that holds the excluded index, or
 * any block when `total` is not normal, is recomputed by the exact scalar path (numeric.ts logRatioScalar).
 *
 * The entropy kernel (entropyKernel.ts) is this kernel with Q = P, H(P) = H(P, P): it runs the same code with
 * `same` (one load, check and sum per element) and reads its results through the same getters.
 */
import { FAST_LOG_BLOCK, FAST_LOG_SCRATCH, FAST_LOG_STRIDE, fastLogKSum, fastLogRatioFinish, fastLogRatioReduce, fastLogSetTotal } from './fastLog';
import { irregularLanes, laneSum, logRatioScalar, MIN_NORMAL, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { SCAN_INVALID_P, SCAN_INVALID_Q, SCAN_MAX, SCAN_OK, SCAN_SAME, scanBlockEnd, scanBlocks, scanBlockStart, scanEnd, scanScalar, scanStart } from './scan';
export { scanArgMax as crossEntropyArgMaxQ, scanInvalidIndex as crossEntropyInvalidIndex, scanMax as crossEntropyMaxQ } from './scan';

/** Status of `crossEntropyScan`. */
export const CROSS_ENTROPY_OK: i32 = SCAN_OK;
export const CROSS_ENTROPY_INVALID_P: i32 = SCAN_INVALID_P;
export const CROSS_ENTROPY_INVALID_Q: i32 = SCAN_INVALID_Q;

const BLOCK: i32 = FAST_LOG_BLOCK;
const SUM_P_SLOT = memory.data(16, 16);
const SUM_Q_SLOT = memory.data(16, 16);
const TERMS_SLOT = memory.data(16, 16);
/** Σ p_i·K_i of the vector blocks (see fastLog.ts): the terms' multiples of ln 2, added to the terms once. */
const K_SLOT = memory.data(16, 16);
const REST_SLOT = memory.data(16, 16);

let infinite: bool = false;

/** Σp of the last `crossEntropyScan`. */
export function crossEntropySumP(): f64 {
  return neumaierValue(SUM_P_SLOT);
}

/** Σq of the last `crossEntropyScan`. */
export function crossEntropySumQ(): f64 {
  return neumaierValue(SUM_Q_SLOT);
}

/** Whether the last `crossEntropyAccumulate` met p_i > 0 with q_i = 0 (i ≠ exclude). */
export function crossEntropyInfinite(): bool {
  return infinite;
}

/** Σ_{i≠exclude, p_i>0, q_i>0} p_i·ln(total/q_i) of the last `crossEntropyAccumulate` (nats). */
export function crossEntropyTerms(): f64 {
  return neumaierValue(TERMS_SLOT) + fastLogKSum(neumaierValue(K_SLOT));
}

/** Σ_{i≠exclude} q_i of the last `crossEntropyAccumulate`. */
export function crossEntropyRest(): f64 {
  return neumaierValue(REST_SLOT);
}

/**
 * Validates n values of P and Q and computes Σp, Σq, the largest q and its first index. Returns
 * CROSS_ENTROPY_OK, or CROSS_ENTROPY_INVALID_P / _Q for the first negative, NaN or infinite value (its index
 * in `crossEntropyInvalidIndex()`).
 */
export function crossEntropyScan(pPtr: usize, qPtr: usize, n: i32): i32 {
  return crossEntropyScanOf(pPtr, qPtr, n, false);
}

/** `crossEntropyScan`, or with `same` (a constant at every call) the entropy kernel's scan of P = Q at qPtr. */
// @ts-ignore: decorator
@inline
export function crossEntropyScanOf(pPtr: usize, qPtr: usize, n: i32, same: bool): i32 {
  return scanBlocks(pPtr, qPtr, n, SUM_P_SLOT, SUM_Q_SLOT, same ? SCAN_MAX | SCAN_SAME : SCAN_MAX);
}

/**
 * Accumulates Σ_{i≠exclude, p_i>0} p_i·ln(total/q_i) (and the infinite flag) and Σ_{i≠exclude} q_i over n
 * valid values (checked by `crossEntropyScan`); `total` is positive and finite, `exclude` an index or -1.
 */
export function crossEntropyAccumulate(pPtr: usize, qPtr: usize, n: i32, total: f64, exclude: i32): void {
  crossEntropyAccumulateOf(pPtr, qPtr, n, total, exclude, false);
}

/** `crossEntropyAccumulate`, or with `same` (a constant at every call) the entropy kernel's, P = Q at qPtr. */
// @ts-ignore: decorator
@inline
export function crossEntropyAccumulateOf(pPtr: usize, qPtr: usize, n: i32, total: f64, exclude: i32, same: bool): void {
  neumaierReset(TERMS_SLOT);
  neumaierReset(K_SLOT);
  neumaierReset(REST_SLOT);
  infinite = false;
  const vectorOk = total >= MIN_NORMAL;
  if (vectorOk) fastLogSetTotal(total);
  for (let start: i32 = 0; start < n; start += BLOCK) {
    const count = min(BLOCK, n - start);
    const vectorCount = count & ~3;
    let scalarFrom = start + vectorCount;
    const excluded = exclude >= start && exclude < start + count;
    if (vectorCount > 0 && vectorOk && !excluded) {
      if (!(same ? vectorBlockSame(pPtr, start, vectorCount) : vectorBlock(pPtr, qPtr, start, vectorCount))) scalarFrom = start;
    } else {
      scalarFrom = start;
    }
    scalarTerms(pPtr, qPtr, scalarFrom, start + count, total, exclude, same, true);
  }
}

/**
 * The scan and the raw terms in one call, for a host that takes the terms against total 1 (the raw
 * cross-entropy, and the normalised one where Σq is near 1: src/compute/wasmBackend.ts): what
 * `crossEntropyScan` and then `crossEntropyAccumulate(pPtr, qPtr, n, 1, -1)` give (Σp, Σq, the largest q and
 * its first index, the status and first invalid index; the terms and the infinite flag), reading each block
 * once. The terms are those of the two calls, bit for bit (the same blocks and operations); Σp and Σq are
 * summed as the scan sums them. On a non-OK status the terms are incomplete and must not be used.
 */
export function crossEntropyFused(pPtr: usize, qPtr: usize, n: i32): i32 {
  return crossEntropyFusedOf(pPtr, qPtr, n, false);
}

/** `crossEntropyFused`, or with `same` (a constant at every call) the entropy kernel's, P = Q at qPtr. */
// @ts-ignore: decorator
@inline
export function crossEntropyFusedOf(pPtr: usize, qPtr: usize, n: i32, same: bool): i32 {
  if (!same) neumaierReset(SUM_P_SLOT);
  neumaierReset(SUM_Q_SLOT);
  neumaierReset(TERMS_SLOT);
  neumaierReset(K_SLOT);
  infinite = false;
  scanStart();
  fastLogSetTotal(1);
  for (let start: i32 = 0; start < n; start += BLOCK) {
    const count = min(BLOCK, n - start);
    const vectorCount = count & ~3;
    scanBlockStart(-1);
    let scalarFrom = start + vectorCount;
    if (vectorCount == 0 || !(same ? fusedBlockSame(pPtr, start, vectorCount) : fusedBlock(pPtr, qPtr, start, vectorCount))) scalarFrom = start;
    const status = scanScalar(pPtr, qPtr, scalarFrom, start + count, SUM_P_SLOT, SUM_Q_SLOT, same ? SCAN_MAX | SCAN_SAME : SCAN_MAX);
    if (status != SCAN_OK) return status;
    scalarTerms(pPtr, qPtr, scalarFrom, start + count, 1, -1, same, false);
    scanBlockEnd(start);
  }
  scanEnd(qPtr, n);
  return SCAN_OK;
}

/**
 * The exact scalar terms of [from, to) (i ≠ exclude): p_i·ln(total/q_i) where p_i > 0, the infinite flag
 * where q_i = 0 < p_i, and with `withRest` Σ q_i into the rest. Values are valid (scanned).
 */
// @ts-ignore: decorator
@inline
function scalarTerms(pPtr: usize, qPtr: usize, from: i32, to: i32, total: f64, exclude: i32, same: bool, withRest: bool): void {
  for (let i = from; i < to; i++) {
    if (i == exclude) continue;
    const p = load<f64>(pPtr + (<usize>i << 3));
    const q = same ? p : load<f64>(qPtr + (<usize>i << 3));
    if (withRest) neumaierAdd(REST_SLOT, q);
    if (p > 0) {
      if (same || q > 0) neumaierAdd(TERMS_SLOT, p * logRatioScalar(total, q));
      else infinite = true;
    }
  }
}

/** The vector path over a block of P and Q (see vectorBlockOf). */
function vectorBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(pPtr, qPtr, start, count, false, false);
}

/** The vector path over a block of P = Q (see vectorBlockOf). */
function vectorBlockSame(ptr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(ptr, ptr, start, count, true, false);
}

/** The fused vector path over a block of P and Q (see vectorBlockOf). */
function fusedBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(pPtr, qPtr, start, count, false, true);
}

/** The fused vector path over a block of P = Q (see vectorBlockOf). */
function fusedBlockSame(ptr: usize, start: i32, count: i32): bool {
  return vectorBlockOf(ptr, ptr, start, count, true, true);
}

/**
 * The vector path over a block, in two passes (see klKernel.ts): false, adding nothing, on a lane it cannot
 * compute. The first pass checks the lanes, adds the sums, takes each ln(total/q)'s table part and r into the
 * scratch area (fastLog.ts) and adds Σ p·K; the second adds Σ p·(ln(total/q) − K·ln 2). With `same` (a constant
 * at every call site) P = Q: one load and check per vector. With `fused` (a constant too) it also does the
 * scan's work (`crossEntropyFused`): adds Σp and Σq into the scan's sums instead of Σq into the rest, records
 * the block's largest q, and sends a block whose Σp or Σq is not finite (a NaN or +Infinity among its values:
 * negative values are irregular lanes) to the scalar path, which finds the first invalid value.
 */
// @ts-ignore: decorator
@inline
function vectorBlockOf(pPtr: usize, qPtr: usize, start: i32, count: i32, same: bool, fused: bool): bool {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let sp0 = f64x2.splat(0);
  let sp1 = f64x2.splat(0);
  let m0 = f64x2.splat(-1);
  let m1 = f64x2.splat(-1);
  let k = f64x2.splat(0);
  let irregular = i64x2.splat(0);
  const zero = i64x2.splat(0);
  const first = pPtr + (<usize>start << 3);
  let pp = first;
  let qp = qPtr + (<usize>start << 3);
  let at = FAST_LOG_SCRATCH;
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    const p0 = v128.load(pp);
    const p1 = v128.load(pp, 16);
    const q0 = same ? p0 : v128.load(qp);
    const q1 = same ? p1 : v128.load(qp, 16);
    const z0 = i64x2.eq(p0, zero);
    const z1 = i64x2.eq(p1, zero);
    if (same) {
      irregular = v128.or(irregular, v128.or(irregularLanes(p0, z0), irregularLanes(p1, z1)));
    } else {
      const bad0 = v128.or(irregularLanes(p0, z0), irregularLanes(q0, v128.and(z0, i64x2.eq(q0, zero))));
      const bad1 = v128.or(irregularLanes(p1, z1), irregularLanes(q1, v128.and(z1, i64x2.eq(q1, zero))));
      irregular = v128.or(irregular, v128.or(bad0, bad1));
    }
    if (fused) {
      if (!same) {
        sp0 = f64x2.add(sp0, p0);
        sp1 = f64x2.add(sp1, p1);
      }
      m0 = f64x2.pmax(m0, q0);
      m1 = f64x2.pmax(m1, q1);
    }
    const k0 = fastLogRatioReduce(q0, at);
    const k1 = fastLogRatioReduce(q1, at + FAST_LOG_STRIDE);
    k = f64x2.add(k, f64x2.add(f64x2.mul(p0, k0), f64x2.mul(p1, k1)));
    s0 = f64x2.add(s0, q0);
    s1 = f64x2.add(s1, q1);
    pp += 32;
    if (!same) qp += 32;
    at += 2 * FAST_LOG_STRIDE;
  }
  if (v128.any_true(irregular)) return false;
  const sumQ = laneSum(f64x2.add(s0, s1));
  const sumP = same ? sumQ : laneSum(f64x2.add(sp0, sp1));
  if (fused && !(sumQ < Infinity && sumP < Infinity)) return false;
  let t0 = f64x2.splat(0);
  let t1 = f64x2.splat(0);
  for (let w = first, fastLog = FAST_LOG_SCRATCH; w < end; w += 32, fastLog += 2 * FAST_LOG_STRIDE) {
    t0 = f64x2.add(t0, f64x2.mul(v128.load(w), fastLogRatioFinish(fastLog)));
    t1 = f64x2.add(t1, f64x2.mul(v128.load(w, 16), fastLogRatioFinish(fastLog + FAST_LOG_STRIDE)));
  }
  neumaierAdd(TERMS_SLOT, laneSum(f64x2.add(t0, t1)));
  neumaierAdd(K_SLOT, laneSum(k));
  if (fused) {
    if (!same) neumaierAdd(SUM_P_SLOT, sumP);
    neumaierAdd(SUM_Q_SLOT, sumQ);
    const m = f64x2.pmax(m0, m1);
    scanBlockStart(max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1)));
  } else {
    neumaierAdd(REST_SLOT, sumQ);
  }
  return true;
}
