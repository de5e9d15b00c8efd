/**
 * The validating scan of the cross-entropy, entropy and pair kernels (and the scalar check of the KL kernel): over
 * blocks of SCAN_BLOCK elements of P and Q, checks every value (finite, ≥ 0, -0 included: the first bad index, P
 * before Q at the same index) and adds Σp and Σq into the Neumaier sums at the caller's slots. `scanBlocks` and
 * `scanScalar` are inlined, and their `flags` are constants at every call, so each kernel gets its own loop:
 *
 * - SCAN_SAME: P and Q are one array at pPtr = qPtr (the entropy kernel: H(P) = H(P, P)): one load, check and
 *   sum per element, into Σq; a bad value is P's (SCAN_INVALID_P).
 * - SCAN_COMPENSATED: per lane Knuth's two-sum within a block (the pair kernels' Σp, Σq, to about u²); otherwise
 *   plain lane sums, whose block totals go into the Neumaier sums.
 * - SCAN_MAX: also the largest q (`scanMax`) and the index of its first occurrence (`scanArgMax`).
 *
 * The vector path checks a block's lanes with admissibleLanes; a block with a bad lane is redone by the scalar path,
 * which finds the first bad index (`scanInvalidIndex`). The kernels export these three as their own getters: one
 * state for all of them, that of the last scan, which each host reads right after its own call.
 */
import { addLaneSums, addRoundingError, admissibleLanes, isAdmissible, neumaierAdd, neumaierReset } from './numeric';

/** Statuses of a scan (and of klAccumulate). */
export const SCAN_OK: i32 = 0;
export const SCAN_INVALID_P: i32 = 1;
export const SCAN_INVALID_Q: i32 = 2;

let invalidIndex: i32 = -1;
let maxValue: f64 = -1;
let argMax: i32 = -1;
/** The largest q of the current block (SCAN_MAX), and the start of the block that holds the scan's largest. */
let blockMax: f64 = -1;
let maxBlock: i32 = 0;

/** The 0-based index of the first invalid value of the last scan that failed. */
export function scanInvalidIndex(): i32 {
  return invalidIndex;
}

/** The largest q of the last scan with SCAN_MAX. */
export function scanMax(): f64 {
  return maxValue;
}

/** The 0-based index of the first occurrence of the largest q (last scan with SCAN_MAX). */
export function scanArgMax(): i32 {
  return argMax;
}

/** Forgets the invalid index of an earlier scan (a kernel that calls `scanScalar` alone starts with it). */
// @ts-ignore: decorator
@inline
export function scanReset(): void {
  invalidIndex = -1;
}

/** Flags of `scanBlocks` and `scanScalar` (see the file's comment). */
export const SCAN_SAME: i32 = 1;
export const SCAN_COMPENSATED: i32 = 2;
export const SCAN_MAX: i32 = 4;

/** Elements per block: a block with a bad lane is recomputed by the scalar path. */
const SCAN_BLOCK: i32 = 64;

/**
 * Scans n elements of P and Q at pPtr and qPtr into the Neumaier sums at sumP and sumQ (reset first). Returns
 * SCAN_OK, or SCAN_INVALID_P / SCAN_INVALID_Q for the first negative, NaN or infinite value (its index in
 * `scanInvalidIndex()`).
 */
// @ts-ignore: decorator
@inline
export function scanBlocks(pPtr: usize, qPtr: usize, n: i32, sumP: usize, sumQ: usize, flags: i32): i32 {
  const withMax = (flags & SCAN_MAX) != 0;
  if ((flags & SCAN_SAME) == 0) neumaierReset(sumP);
  neumaierReset(sumQ);
  scanStart();
  for (let start: i32 = 0; start < n; start += SCAN_BLOCK) {
    const count = min(SCAN_BLOCK, n - start);
    const vectorCount = count & ~3;
    blockMax = -1;
    let scalarFrom = start + vectorCount;
    if (vectorCount > 0 && !scanVectors(pPtr, qPtr, start, vectorCount, sumP, sumQ, flags)) scalarFrom = start;
    const status = scanScalar(pPtr, qPtr, scalarFrom, start + count, sumP, sumQ, flags);
    if (status != SCAN_OK) return status;
    if (withMax) scanBlockEnd(start);
  }
  if (withMax) scanEnd(qPtr, n);
  return SCAN_OK;
}

/** Starts a scan: no invalid index, no largest q yet (SCAN_MAX). */
// @ts-ignore: decorator
@inline
export function scanStart(): void {
  invalidIndex = -1;
  maxValue = -1;
  argMax = -1;
  maxBlock = 0;
}

/** Starts a block of a kernel's own scan (with SCAN_MAX): its largest q is at least `m` (-1: none yet). */
// @ts-ignore: decorator
@inline
export function scanBlockStart(m: f64): void {
  blockMax = m;
}

/** Ends the block from `start` (SCAN_MAX): the scan's largest q so far, and the block it lies in. */
// @ts-ignore: decorator
@inline
export function scanBlockEnd(start: i32): void {
  if (blockMax > maxValue) {
    maxValue = blockMax;
    maxBlock = start;
  }
}

/** Ends a scan of n values of Q at qPtr (SCAN_MAX): the first index of the largest q (`scanArgMax`). */
// @ts-ignore: decorator
@inline
export function scanEnd(qPtr: usize, n: i32): void {
  for (let i = maxBlock; i < n; i++) {
    if (load<f64>(qPtr + (<usize>i << 3)) == maxValue) {
      argMax = i;
      break;
    }
  }
}

/**
 * The scalar scan of [from, to): each value straight into the Neumaier sums (and the block's largest q). Returns
 * SCAN_OK, or the status of the first bad value, whose index it records.
 */
// @ts-ignore: decorator
@inline
export function scanScalar(pPtr: usize, qPtr: usize, from: i32, to: i32, sumP: usize, sumQ: usize, flags: i32): i32 {
  const same = (flags & SCAN_SAME) != 0;
  for (let i = from; i < to; i++) {
    const p = load<f64>(pPtr + (<usize>i << 3));
    const q = same ? p : load<f64>(qPtr + (<usize>i << 3));
    if (!same && !isAdmissible(p)) {
      invalidIndex = i;
      return SCAN_INVALID_P;
    }
    if (!isAdmissible(q)) {
      invalidIndex = i;
      return same ? SCAN_INVALID_P : SCAN_INVALID_Q;
    }
    if (!same) neumaierAdd(sumP, p);
    neumaierAdd(sumQ, q);
    if ((flags & SCAN_MAX) != 0 && q > blockMax) blockMax = q;
  }
  return SCAN_OK;
}

/**
 * The vector path over `count` (a multiple of 4) elements from `start`: false, adding nothing, when a lane is not
 * admissible. Two f64x2 running sums per array (with their two-sum compensations under SCAN_COMPENSATED).
 */
// @ts-ignore: decorator
@inline
function scanVectors(pPtr: usize, qPtr: usize, start: i32, count: i32, sumP: usize, sumQ: usize, flags: i32): bool {
  const same = (flags & SCAN_SAME) != 0;
  const compensated = (flags & SCAN_COMPENSATED) != 0;
  const zero = f64x2.splat(0);
  let valid = i64x2.splat(-1);
  // Per array: the address, the two running sums and their compensations.
  let pp = pPtr + (<usize>start << 3);
  const end = pp + (<usize>count << 3);
  let sp0 = zero;
  let cp0 = zero;
  let sp1 = zero;
  let cp1 = zero;
  let qp = qPtr + (<usize>start << 3);
  let sq0 = zero;
  let cq0 = zero;
  let sq1 = zero;
  let cq1 = zero;
  let m0 = f64x2.splat(-1);
  let m1 = f64x2.splat(-1);
  while (pp < end) {
    const p0 = v128.load(pp);
    const p1 = v128.load(pp, 16);
    const q0 = same ? p0 : v128.load(qp);
    const q1 = same ? p1 : v128.load(qp, 16);
    const admissible = v128.and(admissibleLanes(p0), admissibleLanes(p1));
    valid = v128.and(valid, same ? admissible : v128.and(admissible, v128.and(admissibleLanes(q0), admissibleLanes(q1))));
    if (!same) {
      if (compensated) cp0 = addRoundingError(cp0, sp0, p0);
      sp0 = f64x2.add(sp0, p0);
      if (compensated) cp1 = addRoundingError(cp1, sp1, p1);
      sp1 = f64x2.add(sp1, p1);
    }
    if (compensated) cq0 = addRoundingError(cq0, sq0, q0);
    sq0 = f64x2.add(sq0, q0);
    if (compensated) cq1 = addRoundingError(cq1, sq1, q1);
    sq1 = f64x2.add(sq1, q1);
    if ((flags & SCAN_MAX) != 0) {
      m0 = f64x2.pmax(m0, q0);
      m1 = f64x2.pmax(m1, q1);
    }
    pp += 32;
    if (!same) qp += 32;
  }
  if (i64x2.bitmask(valid) != 0b11) return false;
  if (!same) addLaneSums(sumP, sp0, cp0, sp1, cp1, compensated);
  addLaneSums(sumQ, sq0, cq0, sq1, cq1, compensated);
  if ((flags & SCAN_MAX) != 0) {
    const m = f64x2.pmax(m0, m1);
    blockMax = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  }
  return true;
}
