/**
 * Total variation, Hellinger and Bhattacharyya kernels: the sums src/core/totalVariation.ts and
 * src/core/hellinger.ts (`hellingerParts`, shared with bhattacharyya.ts) add up, over the pair of arrays
 * `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the normalisation of. Every term is
 * computed by the reference's IEEE operations in its order (p, q, p - q as in pairKernel.ts; sqrt is exact
 * IEEE), so the terms are bit for bit the reference's; only the summation differs: two-sum per lane within a
 * block of PAIR_BLOCK elements, blocks into a Neumaier sum (the terms are ≥ 0: about u relative).
 *
 * - `tvAccumulate`: Σ|p - q|.
 * - `hellingerAccumulate`: Σ d², d = (p - q)/(√p + √q) (terms with p - q = 0 add nothing); the Bhattacharyya
 *   coefficient Σ √p·√q over the elements with p_i > 0 and q_i > 0 as given; and whether there is such an
 *   element (`hellingerOverlap`). Where one of the two underflowed to 0 when normalised, the scalar path adds
 *   q·exp(½ ln(p/q)) or p·exp(-½ ln(p/q)) as the reference does, with ln(p/q) = ln(p_i/q_i) + ln(s_q/s_p).
 */
import { addLaneSums, addRoundingError, logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { pairBlocks, pairTermSum } from './pairBlocks';
import {
  differenceVector,
  K_NAN,
  K_ZERO,
  PAIR_BLOCK,
  pairDifference,
  pairLnSumRatio,
  pairParam,
  pairPrepareScalar,
  pairPValue,
  pairQValue,
  pValueVector,
  qValueVector,
  scaledPVector,
  scaledQVector,
} from './pairKernel';

const TV_SLOT = memory.data(16, 16);
const SQUARED_SLOT = memory.data(16, 16);
const COEFFICIENT_SLOT = memory.data(16, 16);

let overlap: bool = false;

/** Σ|p - q| of the last `tvAccumulate` (TV = ½·Σ). */
export function tvTerms(): f64 {
  return neumaierValue(TV_SLOT);
}

/** Σ|p - q| over n validated values at pPtr, qPtr. */
export function tvAccumulate(pPtr: usize, qPtr: usize, n: i32): void {
  neumaierReset(TV_SLOT);
  pairBlocks<TotalVariation>(pPtr, qPtr, n);
}

/** The total variation's two paths for `pairBlocks`. */
@final
class TotalVariation {
  /** The vector path over a block: every lane computes. */
  // @ts-ignore: decorator
  @inline
  vectorBlockOf(pPtr: usize, qPtr: usize, start: i32, count: i32, unitP: bool, unitQ: bool): bool {
    return pairTermSum<TotalVariation>(pPtr, qPtr, start, count, TV_SLOT, unitP, unitQ);
  }

  /** |p - q| per lane (elements with p_i = q_i = 0 give |0| = 0: nothing to mask). */
  // @ts-ignore: decorator
  @inline
  term(pi: v128, qi: v128, unitP: bool, unitQ: bool): v128 {
    return f64x2.abs(differenceVector(scaledPVector(pi), scaledQVector(qi), unitP, unitQ));
  }

  /** One element after `pairPrepareScalar`. */
  // @ts-ignore: decorator
  @inline
  scalar(_pi: f64, _qi: f64): void {
    neumaierAdd(TV_SLOT, abs(pairDifference));
  }
}

/** Σ (√p - √q)² of the last `hellingerAccumulate` (H² = ½·Σ). */
export function hellingerSquared(): f64 {
  return neumaierValue(SQUARED_SLOT);
}

/** The Bhattacharyya coefficient Σ √(p q) of the last `hellingerAccumulate`. */
export function hellingerCoefficient(): f64 {
  return neumaierValue(COEFFICIENT_SLOT);
}

/** Whether the last `hellingerAccumulate` met an element with p_i > 0 and q_i > 0 as given. */
export function hellingerOverlap(): bool {
  return overlap;
}

/** Accumulates the Hellinger and Bhattacharyya sums over n validated values at pPtr, qPtr. */
export function hellingerAccumulate(pPtr: usize, qPtr: usize, n: i32): void {
  neumaierReset(SQUARED_SLOT);
  neumaierReset(COEFFICIENT_SLOT);
  overlap = false;
  pairBlocks<Hellinger>(pPtr, qPtr, n);
}

/** The Hellinger and Bhattacharyya sums' two paths for `pairBlocks`. */
@final
class Hellinger {
  /** The vector path over a block: false, adding nothing, on an exceptional lane (NaN-poisoned sum). */
  // @ts-ignore: decorator
  @inline
  vectorBlockOf(pPtr: usize, qPtr: usize, start: i32, count: i32, unitP: bool, unitQ: bool): bool {
    const zero = f64x2.splat(0);
    let s0 = zero;
    let c0 = zero;
    let s1 = zero;
    let c1 = zero;
    let b0 = zero;
    let e0 = zero;
    let b1 = zero;
    let e1 = zero;
    let overlapping = zero;
    let pp = pPtr + (<usize>start << 3);
    let qp = qPtr + (<usize>start << 3);
    const end = pp + (<usize>count << 3);
    while (pp < end) {
      for (let half = 0; half < 2; half++) {
        const offset = <usize>half << 4;
        const pi = v128.load(pp + offset);
        const qi = v128.load(qp + offset);
        const x = scaledPVector(pi);
        const y = scaledQVector(qi);
        const difference = differenceVector(x, y, unitP, unitQ);
        const p = pValueVector(x, unitP);
        const q = qValueVector(y, unitQ);
        const rootP = f64x2.sqrt(p);
        const rootQ = f64x2.sqrt(q);
        const z = pairParam(K_ZERO);
        const d = f64x2.div(difference, f64x2.add(rootP, rootQ));
        const given = v128.and(f64x2.gt(pi, z), f64x2.gt(qi, z));
        const positive = v128.and(f64x2.gt(p, z), f64x2.gt(q, z));
        overlapping = v128.or(overlapping, given);
        // Exceptional: both given positive, one normalised to 0 (the scalar path's exp); poisoned with NaN.
        const squared = v128.bitselect(pairParam(K_NAN), v128.and(f64x2.mul(d, d), f64x2.ne(difference, z)), v128.andnot(given, positive));
        const coefficient = v128.and(f64x2.mul(rootP, rootQ), v128.and(given, positive));
        if (half == 0) {
          c0 = addRoundingError(c0, s0, squared);
          s0 = f64x2.add(s0, squared);
          e0 = addRoundingError(e0, b0, coefficient);
          b0 = f64x2.add(b0, coefficient);
        } else {
          c1 = addRoundingError(c1, s1, squared);
          s1 = f64x2.add(s1, squared);
          e1 = addRoundingError(e1, b1, coefficient);
          b1 = f64x2.add(b1, coefficient);
        }
      }
      pp += 32;
      qp += 32;
    }
    if (v128.any_true(overlapping)) overlap = true;
    const check = f64x2.add(s0, s1);
    if (f64x2.extract_lane(check, 0) != f64x2.extract_lane(check, 0) || f64x2.extract_lane(check, 1) != f64x2.extract_lane(check, 1)) return false;
    addLaneSums(SQUARED_SLOT, s0, c0, s1, c1, true);
    addLaneSums(COEFFICIENT_SLOT, b0, e0, b1, e1, true);
    return true;
  }

  /** One element after `pairPrepareScalar`: the reference's operations. */
  // @ts-ignore: decorator
  @inline
  scalar(pi: f64, qi: f64): void {
    const p = pairPValue;
    const q = pairQValue;
    const rootP = Math.sqrt(p);
    const rootQ = Math.sqrt(q);
    if (pairDifference != 0) {
      const d = pairDifference / (rootP + rootQ);
      neumaierAdd(SQUARED_SLOT, d * d);
    }
    if (!(pi > 0 && qi > 0)) return; // one of them is 0: no overlap here
    overlap = true;
    if (p > 0 && q > 0) {
      neumaierAdd(COEFFICIENT_SLOT, rootP * rootQ);
    } else {
      // One value underflowed when normalised (x or y is 0): the reference's ln-ratio is then
      // logRatio(p_i, q_i) + ln(s_q/s_p).
      const lnRatio = logRatioScalar(pi, qi) + pairLnSumRatio();
      if (q > 0) neumaierAdd(COEFFICIENT_SLOT, q * Math.exp(0.5 * lnRatio));
      else if (p > 0) neumaierAdd(COEFFICIENT_SLOT, p * Math.exp(-0.5 * lnRatio));
    }
  }
}
