/**
 * The block loop the pair measures' accumulate kernels share (distanceKernels.ts, chiSquareKernel.ts): over
 * blocks of PAIR_BLOCK elements, the kernel's vector path on the block's multiple of 4 (`vectorBlockOf`:
 * false, adding nothing, on a lane it cannot compute), then the scalar path on the rest, or on the whole
 * block when the vector path declined: per element, after `pairPrepareScalar` (elements with p_i = q_i = 0 as
 * given add nothing), `scalar(p_i, q_i)`. The vector path is compiled four times, once per value of
 * pairKernel.ts's unit flags (constants there: the products and divisions by a scaled sum of 1 drop out).
 *
 * `K` is a @final class whose two methods are @inline and do not use `this`: the loop is compiled once per
 * kernel with them inlined (AssemblyScript resolves a final class's methods statically), called on a null
 * reference of type K, so no object is ever allocated (the kernels have no allocator: runtime stub).
 */
import { addLaneSums, addRoundingError } from './numeric';
import { PAIR_BLOCK, pairPrepareScalar, pairUnitP, pairUnitQ } from './pairKernel';

// @ts-ignore: decorator
@inline
export function pairBlocks<K>(pPtr: usize, qPtr: usize, n: i32): void {
  const kernel = changetype<K>(0);
  for (let start: i32 = 0; start < n; start += PAIR_BLOCK) {
    const count = min(PAIR_BLOCK, n - start);
    const vectorCount = count & ~3;
    let scalarFrom = start + vectorCount;
    if (vectorCount == 0 || !pairVectorBlock<K>(pPtr, qPtr, start, vectorCount)) scalarFrom = start;
    for (let i = scalarFrom; i < start + count; i++) {
      const pi = load<f64>(pPtr + (<usize>i << 3));
      const qi = load<f64>(qPtr + (<usize>i << 3));
      if (pi == 0 && qi == 0) continue;
      pairPrepareScalar(pi, qi);
      // @ts-ignore: K's method, resolved per instantiation
      kernel.scalar(pi, qi);
    }
  }
}

/** K's vector path over a block for the call's unit flags (pairUnitP, pairUnitQ), each a constant in its copy. */
// @ts-ignore: decorator
@inline
function pairVectorBlock<K>(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  const kernel = changetype<K>(0);
  // @ts-ignore: K's method, resolved per instantiation
  if (pairUnitP) return pairUnitQ ? kernel.vectorBlockOf(pPtr, qPtr, start, count, true, true) : kernel.vectorBlockOf(pPtr, qPtr, start, count, true, false);
  // @ts-ignore: K's method, resolved per instantiation
  return pairUnitQ ? kernel.vectorBlockOf(pPtr, qPtr, start, count, false, true) : kernel.vectorBlockOf(pPtr, qPtr, start, count, false, false);
}

/**
 * The vector path of a kernel with one term per element: `kernel.term(p, q, unitP, unitQ)` per f64x2 of P and Q as given
 * (two vectors per step), two-sum per lane, the block's total into the Neumaier sum at `slot`. False, adding
 * nothing, when the block's sum is not finite: a lane the vector path cannot compute gives NaN or ±Infinity
 * there, and `pairBlocks` redoes the block by the scalar path.
 */
// @ts-ignore: decorator
@inline
export function pairTermSum<K>(pPtr: usize, qPtr: usize, start: i32, count: i32, slot: usize, unitP: bool, unitQ: bool): bool {
  const kernel = changetype<K>(0);
  const zero = f64x2.splat(0);
  let s0 = zero;
  let c0 = zero;
  let s1 = zero;
  let c1 = zero;
  let pp = pPtr + (<usize>start << 3);
  let qp = qPtr + (<usize>start << 3);
  const end = pp + (<usize>count << 3);
  while (pp < end) {
    // @ts-ignore: K's method, resolved per instantiation
    const t0: v128 = kernel.term(v128.load(pp), v128.load(qp), unitP, unitQ);
    // @ts-ignore: K's method, resolved per instantiation
    const t1: v128 = kernel.term(v128.load(pp, 16), v128.load(qp, 16), unitP, unitQ);
    c0 = addRoundingError(c0, s0, t0);
    s0 = f64x2.add(s0, t0);
    c1 = addRoundingError(c1, s1, t1);
    s1 = f64x2.add(s1, t1);
    pp += 32;
    qp += 32;
  }
  const check = f64x2.add(s0, s1);
  if (!v128.all_true<i64>(f64x2.eq(f64x2.sub(check, check), zero))) return false;
  addLaneSums(slot, s0, c0, s1, c1, true);
  return true;
}
