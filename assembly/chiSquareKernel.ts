/**
 * Pearson's χ² kernel, for Rényi's divergence of order 2 of normalised values: D_2 = ln Σ p̂²/q̂ = log1p(χ²),
 * χ² = Σ (p̂ - q̂)²/q̂ (Σ p̂ = Σ q̂ = 1), over the pair of arrays `pairScan` (pairKernel.ts) has validated and
 * `pairSetScale` has given the normalisation of. Each term is the reference's (src/core/renyi.ts
 * `chiSquareOrder`) by the same IEEE operations: (d/q)·d with p, q and d = p - q as in pairKernel.ts, bit for
 * bit; the terms are ≥ 0 and do not cancel where P ≈ Q (the power sum Σ p̂·expm1(ℓ) does). Sums: two-sum per
 * lane within a block of PAIR_BLOCK elements, blocks into a Neumaier sum.
 *
 * Elements with p = q = 0 as given add nothing. Where q = 0 after scaling and p > 0, the scalar path sets a
 * flag: CHI_SQUARE_INFINITE where q_i = 0 as given (D_2 = +∞), CHI_SQUARE_UNDERFLOW where q_i > 0 underflowed
 * to 0 when normalised (the host then takes the power sum, which works from ln(p_i/q_i) as given). A block
 * whose vector sum is not finite (such a lane, or a term that overflows) is redone by the scalar path.
 */
import { neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { pairBlocks, pairTermSum } from './pairBlocks';
import { differenceVector, pairDifference, pairQValue, qValueVector, scaledPVector, scaledQVector } from './pairKernel';

/** Bits of `chiSquareFlags()`. */
export const CHI_SQUARE_INFINITE: i32 = 1;
export const CHI_SQUARE_UNDERFLOW: i32 = 2;

const TERMS_SLOT = memory.data(16, 16);
let flags: i32 = 0;

/** Σ (p - q)²/q of the last `chiSquareAccumulate`. */
export function chiSquareTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/** CHI_SQUARE_INFINITE and CHI_SQUARE_UNDERFLOW of the last `chiSquareAccumulate`. */
export function chiSquareFlags(): i32 {
  return flags;
}

/** Σ (p - q)²/q over n validated values at pPtr, qPtr (see the file's comment). */
export function chiSquareAccumulate(pPtr: usize, qPtr: usize, n: i32): void {
  neumaierReset(TERMS_SLOT);
  flags = 0;
  pairBlocks<ChiSquare>(pPtr, qPtr, n);
}

/** The kernel's two paths for `pairBlocks`. */
@final
class ChiSquare {
  /** The vector path over a block: false, adding nothing, when its sum is not finite (the scalar path redoes it). */
  // @ts-ignore: decorator
  @inline
  vectorBlockOf(pPtr: usize, qPtr: usize, start: i32, count: i32, unitP: bool, unitQ: bool): bool {
    return pairTermSum<ChiSquare>(pPtr, qPtr, start, count, TERMS_SLOT, unitP, unitQ);
  }

  /**
   * One vector's terms: (d/q)·d, 0 where p_i = q_i = 0 as given (whose 0/0 would be NaN); a lane with q = 0
   * otherwise gives ±Infinity or NaN, and its block goes to the scalar path.
   */
  // @ts-ignore: decorator
  @inline
  term(pi: v128, qi: v128, unitP: bool, unitQ: bool): v128 {
    const y = scaledQVector(qi);
    const d = differenceVector(scaledPVector(pi), y, unitP, unitQ);
    const zero = f64x2.splat(0);
    return v128.andnot(f64x2.mul(f64x2.div(d, qValueVector(y, unitQ)), d), v128.and(f64x2.eq(pi, zero), f64x2.eq(qi, zero)));
  }

  /** One element after `pairPrepareScalar`: its term, or a flag where q = 0 after scaling and p_i > 0. */
  // @ts-ignore: decorator
  @inline
  scalar(pi: f64, qi: f64): void {
    const q = pairQValue;
    if (q > 0) neumaierAdd(TERMS_SLOT, (pairDifference / q) * pairDifference);
    else if (pi > 0) flags |= qi == 0 ? CHI_SQUARE_INFINITE : CHI_SQUARE_UNDERFLOW;
  }
}


