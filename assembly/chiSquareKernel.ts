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
import { addLaneSums, addRoundingError, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import { differenceVector, PAIR_BLOCK, pairDifference, pairPrepareScalar, pairQValue, qValueVector, scaledPVector, scaledQVector } from './pairKernel';

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
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    const vectorCount = count & ~3;
    let scalarFrom = start + vectorCount;
    if (vectorCount == 0 || !vectorBlock(pPtr, qPtr, start, vectorCount)) scalarFrom = start;
    for (let i = scalarFrom; i < start + count; i++) {
      const pi = load<f64>(pPtr + (<usize>i << 3));
      const qi = load<f64>(qPtr + (<usize>i << 3));
      if (pi == 0 && qi == 0) continue;
      pairPrepareScalar(pi, qi);
      const q = pairQValue;
      if (q > 0) neumaierAdd(TERMS_SLOT, (pairDifference / q) * pairDifference);
      else if (pi > 0) flags |= qi == 0 ? CHI_SQUARE_INFINITE : CHI_SQUARE_UNDERFLOW;
    }
  }
}

/**
 * One vector's terms: (d/q)·d, 0 where p_i = q_i = 0 as given (whose 0/0 would be NaN); a lane with q = 0
 * otherwise gives ±Infinity or NaN, and its block goes to the scalar path.
 */
// @ts-ignore: decorator
@inline
function term(pi: v128, qi: v128): v128 {
  const y = scaledQVector(qi);
  const d = differenceVector(scaledPVector(pi), y);
  const zero = f64x2.splat(0);
  return v128.andnot(f64x2.mul(f64x2.div(d, qValueVector(y)), d), v128.and(f64x2.eq(pi, zero), f64x2.eq(qi, zero)));
}

/** The vector path over a block: false, adding nothing, when its sum is not finite (the scalar path redoes it). */
function vectorBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  const zero = f64x2.splat(0);
  let s0 = zero;
  let c0 = zero;
  let s1 = zero;
  let c1 = zero;
  let pp = pPtr + (<usize>start << 3);
  let qp = qPtr + (<usize>start << 3);
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    const t0 = term(v128.load(pp), v128.load(qp));
    const t1 = term(v128.load(pp, 16), v128.load(qp, 16));
    c0 = addRoundingError(c0, s0, t0);
    s0 = f64x2.add(s0, t0);
    c1 = addRoundingError(c1, s1, t1);
    s1 = f64x2.add(s1, t1);
    pp += 32;
    qp += 32;
  }
  const check = f64x2.add(s0, s1);
  const finite = f64x2.eq(f64x2.sub(check, check), zero);
  if (!v128.all_true<i64>(finite)) return false;
  addLaneSums(TERMS_SLOT, s0, c0, s1, c1, true);
  return true;
}
