/**
 * Entropy kernel: the partial sums src/core/entropy.ts assembles H(P) from, over an array of f64 the host has
 * copied into linear memory. Two calls per array (or per chunk of it):
 *
 * 1. `entropyScan(ptr, n)`: validates every value (finite, ≥ 0; the first bad index), and computes Σp (blocked
 *    sums, Neumaier over the block totals) and the largest value with its first index.
 * 2. `entropyAccumulate(ptr, n, total, exclude)`: Σ_{i≠exclude} p_i·ln(total/p_i) (terms with p_i = 0 are 0)
 *    and Σ_{i≠exclude} p_i. The host passes total = s = Σp and exclude = the index of the largest value for
 *    the normalised entropy H = (Σ_{i≠max} p_i·ln(s/p_i) + p_max·log1p(rest/p_max))/s, and total = 1,
 *    exclude = -1 for the raw -Σ p_i ln p_i.
 *
 * ln(total/p) = k·ln 2 + 2·atanh(s) as in klKernel.ts (assembly/numeric.ts), two f64x2 lanes per vector, four
 * running sums per quantity within blocks of BLOCK elements. A block whose lanes are not all normal positive
 * finite values or +0 (subnormals, -0, invalid values), or that holds the excluded index, or any block when
 * `total` is not normal, is recomputed by the exact scalar path.
 */
import {
  admissibleLanes,
  laneSum,
  LOG_RATIO_BLOCK,
  LOG_RATIO_SCRATCH,
  logRatioReduce,
  logRatioScalar,
  MAX_FINITE,
  MIN_NORMAL,
  neumaierAdd,
  neumaierReset,
  neumaierValue,
  normalLanes,
  weightedLogRatioSum,
} from './numeric';

/** Status of `entropyScan`. */
export const ENTROPY_OK: i32 = 0;
export const ENTROPY_INVALID: i32 = 1;

const BLOCK: i32 = LOG_RATIO_BLOCK;

/** Neumaier sums (sum, compensation) of the last call. */
const SUM_SLOT = memory.data(16, 16);
const TERMS_SLOT = memory.data(16, 16);
const REST_SLOT = memory.data(16, 16);
const TOTAL_SLOT = memory.data(16, 16);

let maxValue: f64 = -1;
let argMax: i32 = -1;
let invalidIndex: i32 = -1;

/** Σp of the last `entropyScan`. */
export function entropySum(): f64 {
  return neumaierValue(SUM_SLOT);
}

/** The largest value of the last `entropyScan`. */
export function entropyMax(): f64 {
  return maxValue;
}

/** The 0-based index of the first occurrence of the largest value (last `entropyScan`). */
export function entropyArgMax(): i32 {
  return argMax;
}

/** The 0-based index of the first invalid value when `entropyScan` returned ENTROPY_INVALID. */
export function entropyInvalidIndex(): i32 {
  return invalidIndex;
}

/** Σ_{i≠exclude} p_i·ln(total/p_i) of the last `entropyAccumulate` (nats). */
export function entropyTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/** Σ_{i≠exclude} p_i of the last `entropyAccumulate`. */
export function entropyRest(): f64 {
  return neumaierValue(REST_SLOT);
}

/**
 * Validates n values at ptr and computes Σp, the largest value and its first index. Returns ENTROPY_OK, or
 * ENTROPY_INVALID for the first negative, NaN or infinite value (its index in `entropyInvalidIndex()`).
 */
export function entropyScan(ptr: usize, n: i32): i32 {
  neumaierReset(SUM_SLOT);
  maxValue = -1;
  argMax = -1;
  invalidIndex = -1;
  let maxBlock: i32 = 0;
  for (let start: i32 = 0; start < n; start += BLOCK) {
    const count = min(BLOCK, n - start);
    const vectorCount = count & ~3;
    let blockMax: f64 = -1;
    let scalarFrom = start + vectorCount;
    if (vectorCount > 0) {
      let s0 = f64x2.splat(0);
      let s1 = f64x2.splat(0);
      let m0 = f64x2.splat(-1);
      let m1 = f64x2.splat(-1);
      let valid = i64x2.splat(-1);
      let pp = ptr + (<usize>start << 3);
      const end = pp + (<usize>vectorCount << 3);
      while (pp < end) {
        const x0 = v128.load(pp);
        const x1 = v128.load(pp, 16);
        valid = v128.and(valid, v128.and(admissibleLanes(x0), admissibleLanes(x1)));
        s0 = f64x2.add(s0, x0);
        s1 = f64x2.add(s1, x1);
        m0 = f64x2.pmax(m0, x0);
        m1 = f64x2.pmax(m1, x1);
        pp += 32;
      }
      if (i64x2.bitmask(valid) == 0b11) {
        neumaierAdd(SUM_SLOT, laneSum(f64x2.add(s0, s1)));
        const m = f64x2.pmax(m0, m1);
        blockMax = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
      } else {
        scalarFrom = start;
      }
    }
    for (let i = scalarFrom; i < start + count; i++) {
      const x = load<f64>(ptr + (<usize>i << 3));
      if (!(x >= 0 && x <= MAX_FINITE)) {
        invalidIndex = i;
        return ENTROPY_INVALID;
      }
      neumaierAdd(SUM_SLOT, x);
      if (x > blockMax) blockMax = x;
    }
    if (blockMax > maxValue) {
      maxValue = blockMax;
      maxBlock = start;
    }
  }
  for (let i = maxBlock; i < n; i++) {
    if (load<f64>(ptr + (<usize>i << 3)) == maxValue) {
      argMax = i;
      break;
    }
  }
  return ENTROPY_OK;
}

/**
 * Accumulates Σ_{i≠exclude} p_i·ln(total/p_i) and Σ_{i≠exclude} p_i over n valid values at ptr (checked by
 * `entropyScan`); `total` is positive and finite, `exclude` an index or -1.
 */
export function entropyAccumulate(ptr: usize, n: i32, total: f64, exclude: i32): void {
  neumaierReset(TERMS_SLOT);
  neumaierReset(REST_SLOT);
  v128.store(TOTAL_SLOT, f64x2.splat(total));
  const vectorOk = total >= MIN_NORMAL;
  for (let start: i32 = 0; start < n; start += BLOCK) {
    const count = min(BLOCK, n - start);
    const vectorCount = count & ~3;
    let scalarFrom = start + vectorCount;
    const excluded = exclude >= start && exclude < start + count;
    if (vectorCount > 0 && vectorOk && !excluded) {
      if (!vectorBlock(ptr, start, vectorCount)) scalarFrom = start;
    } else {
      scalarFrom = start;
    }
    for (let i = scalarFrom; i < start + count; i++) {
      if (i == exclude) continue;
      const x = load<f64>(ptr + (<usize>i << 3));
      neumaierAdd(REST_SLOT, x);
      if (x > 0) neumaierAdd(TERMS_SLOT, x * logRatioScalar(total, x));
    }
  }
}

/** The vector path over a block, in two passes (see klKernel.ts): false, adding nothing, on a lane it cannot compute. */
function vectorBlock(ptr: usize, start: i32, count: i32): bool {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let valid = i64x2.splat(-1);
  const zero = i64x2.splat(0);
  const first = ptr + (<usize>start << 3);
  let pp = first;
  let at = LOG_RATIO_SCRATCH;
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    const x0 = v128.load(pp);
    const x1 = v128.load(pp, 16);
    valid = v128.and(valid, v128.and(normalLanes(x0, i64x2.eq(x0, zero)), normalLanes(x1, i64x2.eq(x1, zero))));
    const total = v128.load(TOTAL_SLOT);
    logRatioReduce(total, x0, at, zero, false);
    logRatioReduce(total, x1, at + 32, zero, false);
    s0 = f64x2.add(s0, x0);
    s1 = f64x2.add(s1, x1);
    pp += 32;
    at += 64;
  }
  if (i64x2.bitmask(valid) != 0b11) return false;
  const terms = weightedLogRatioSum(first, end);
  neumaierAdd(TERMS_SLOT, terms);
  neumaierAdd(REST_SLOT, laneSum(f64x2.add(s0, s1)));
  return true;
}
