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
 * Or one call, `entropyFused(ptr, n)`: both, against total = 1 with nothing left out, each block read once.
 *
 * These are the cross-entropy kernel's two calls with Q = P (H(P) = H(P, P), term for term): crossEntropyKernel.ts
 * compiles them for one array (one load, check and sum per element), and its getters of Σq, the largest q, the
 * invalid index, the terms and the rest serve as this kernel's.
 */
import { CROSS_ENTROPY_INVALID_P, CROSS_ENTROPY_OK, crossEntropyAccumulateOf, crossEntropyFusedOf, crossEntropyScanOf } from './crossEntropyKernel';
export {
  crossEntropyArgMaxQ as entropyArgMax,
  crossEntropyInvalidIndex as entropyInvalidIndex,
  crossEntropyMaxQ as entropyMax,
  crossEntropyRest as entropyRest,
  crossEntropySumQ as entropySum,
  crossEntropyTerms as entropyTerms,
} from './crossEntropyKernel';

/** Status of `entropyScan`. */
export const ENTROPY_OK: i32 = CROSS_ENTROPY_OK;
export const ENTROPY_INVALID: i32 = CROSS_ENTROPY_INVALID_P;

/**
 * Validates n values at ptr and computes Σp (`entropySum()`), the largest value and its first index. Returns
 * ENTROPY_OK, or ENTROPY_INVALID for the first negative, NaN or infinite value (its index in
 * `entropyInvalidIndex()`).
 */
export function entropyScan(ptr: usize, n: i32): i32 {
  return crossEntropyScanOf(ptr, ptr, n, true);
}

/**
 * Accumulates Σ_{i≠exclude} p_i·ln(total/p_i) (`entropyTerms()`) and Σ_{i≠exclude} p_i (`entropyRest()`) over n
 * valid values at ptr (checked by `entropyScan`); `total` is positive and finite, `exclude` an index or -1.
 */
export function entropyAccumulate(ptr: usize, n: i32, total: f64, exclude: i32): void {
  crossEntropyAccumulateOf(ptr, ptr, n, total, exclude, true);
}

/**
 * `entropyScan` and then `entropyAccumulate(ptr, n, 1, -1)` in one call, each block read once (see
 * crossEntropyFused): Σp, the largest value and its first index, the status, and Σ_{p_i>0} p_i·ln(1/p_i).
 */
export function entropyFused(ptr: usize, n: i32): i32 {
  return crossEntropyFusedOf(ptr, ptr, n, true);
}
