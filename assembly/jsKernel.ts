/**
 * Jensen–Shannon kernel: Σ_i of the terms src/core/jsDivergence.ts adds up, JSD = ½·Σ terms, over the pair of
 * arrays `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the normalisation of:
 *
 *   m = ½p + ½q,  e = ½(p - q)/m  (p, q and p - q as in pairKernel.ts, bit for bit the reference's values),
 *   |e| ≤ ½:  term = m·g(e),  g(e) = (1+e)ln(1+e) + (1-e)ln(1-e) = 2e·atanh(e) + log1p(-e²)
 *   |e| > ½:  term = p·ln(p/m) + q·ln(q/m)  (each product 0 where its value is 0)
 *   elements with p - q = 0 or m = 0 add nothing.
 *
 * Vector path, per block of PAIR_BLOCK elements, in three passes, so that each element computes only its own
 * branch (with independent P and Q about half of the elements take each: most vectors would need both):
 * 1. p, q, p - q, m and e by the reference's operations (its bits; where a scaled sum is 1, as for raw values,
 *    some of them simplify exactly: see classifyBlockOf); each element appended to its branch's arrays
 *    (`compact`: e and m where |e| ≤ ½, p, q and m elsewhere).
 * 2. |e| ≤ ½, two elements per vector: g(e) = z + z²·G(z), z = e², with G a degree-12 polynomial (Chebyshev fit
 *    on [0, ¼], error below 7e-18 absolute: within 0.02 ulp of g), where the reference calls Math.atanh and
 *    Math.log1p. Estrin's scheme evaluates G (Horner's thirteen dependent steps bound the loop by their latency);
 *    G's rounding enters g scaled by z²·G/g ≤ 1/24, so the order of its operations hardly matters: within about
 *    1 ulp of g for the rounded z, as with Horner.
 * 3. |e| > ½, two elements per vector: the two halves of the log-ratio (numeric.ts logRatioReduce, a first pass
 *    over the elements, then logRatioFinish), the same operations as the reference's `logRatio`: the reference's
 *    term, bit for bit.
 * Exceptional lanes (|e| > ½ with a subnormal p, q or m, found among the compacted elements) make their block go
 * to the scalar path, which is the reference's code (AssemblyScript's Math.atanh and Math.log1p, ports of the
 * same fdlibm/musl routines as V8's).
 *
 * Sums: two-sum per lane within a block, blocks into a Neumaier sum: the terms (all ≥ 0) are summed to about
 * u relative, so the result is within a few ulps of the reference (see test/unit/compute/pairParity.test.ts).
 * The result is a function of the values alone (blocks start at the slice's start): slices of two threads give
 * the bits of one.
 */
import { addLaneSums, addRoundingError, logRatioFinish, logRatioReduce, logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import * as pair from './pairKernel';
import { K_HALF, K_MIN_NORMAL, K_ZERO, PAIR_BLOCK, pairDifference, pairParam, pairPrepareScalar, pairPValue, pairQValue } from './pairKernel';

const TERMS_SLOT = memory.data(16, 16);

/** G's coefficients, highest degree first, each splatted to both lanes. */
const G_COEFFICIENTS = memory.data<f64>(
  [
    0.012555626064267501, 0.012555626064267501,
    -0.0060340867866888375, -0.0060340867866888375,
    0.007925018150853355, 0.007925018150853355,
    0.0030808120729037456, 0.0030808120729037456,
    0.005501691737600029, 0.005501691737600029,
    0.006505108587431875, 0.006505108587431875,
    0.00833603614168967, 0.00833603614168967,
    0.010988853335309518, 0.010988853335309518,
    0.015151521024189657, 0.015151521024189657,
    0.022222222092555033, 0.022222222092555033,
    0.03571428571576827, 0.03571428571576827,
    0.06666666666666003, 0.06666666666666003,
    0.16666666666666669, 0.16666666666666669,
  ],
  16,
);

// @ts-ignore: decorator
@inline
function g(index: i32): v128 {
  return v128.load(G_COEFFICIENTS + (<usize>index << 4));
}

/** Σ terms of the last `jsAccumulate` (JSD = ½·Σ terms, in nats, of the visited values). */
export function jsTerms(): f64 {
  return neumaierValue(TERMS_SLOT);
}

/** Σ of the Jensen–Shannon terms over n validated values at pPtr, qPtr (see the file's comment). */
export function jsAccumulate(pPtr: usize, qPtr: usize, n: i32): void {
  neumaierReset(TERMS_SLOT);
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
      const difference = pairDifference;
      if (difference == 0) continue;
      const p = pairPValue;
      const q = pairQValue;
      const m = 0.5 * p + 0.5 * q;
      if (m == 0) continue;
      const e = (0.5 * difference) / m;
      if (abs(e) <= 0.5) {
        neumaierAdd(TERMS_SLOT, m * (2 * e * Math.atanh(e) + Math.log1p(-e * e)));
      } else {
        neumaierAdd(TERMS_SLOT, (p > 0 ? p * logRatioScalar(p, m) : 0) + (q > 0 ? q * logRatioScalar(q, m) : 0));
      }
    }
  }
}

/**
 * The compacted elements of a block, one array per field (PAIR_BLOCK + 2 slots: a whole vector past the last
 * element): the small branch's e and m, the large branch's p, q and m.
 */
const SLOTS: i32 = (PAIR_BLOCK + 2) * 8;
const SMALL_E = memory.data(SLOTS, 16);
const SMALL_M = memory.data(SLOTS, 16);
const LARGE_P = memory.data(SLOTS, 16);
const LARGE_Q = memory.data(SLOTS, 16);
const LARGE_M = memory.data(SLOTS, 16);
/** The large branch's first halves of ln(p/m) and ln(q/m) (logRatioReduce: 32 bytes each, 64 per vector). */
const LOG_SCRATCH = memory.data(32 * (PAIR_BLOCK + 2), 16);

/** Bytes filled in the small and large arrays by the last `classifyBlock`. */
let smallEnd: usize = 0;
let largeEnd: usize = 0;

/**
 * Appends the lanes of v that a mask keeps: lane 0 at `first`, lane 1 at `second` (`first` + 8 bytes where lane 0
 * is kept, else `first`, so that a dropped lane 0 is overwritten), one 64-bit store each.
 */
// @ts-ignore: decorator
@inline
function compact(v: v128, first: usize, second: usize): void {
  v128.store64_lane(first, v, 0);
  v128.store64_lane(second, v, 1);
}

/** Pass 1 (see classifyBlockOf), compiled apart for each pair of pairKernel.ts's unit flags. */
function classifyBlock(pPtr: usize, qPtr: usize, count: i32): void {
  if (pair.pairUnitP) {
    if (pair.pairUnitQ) classifyBlockOf(pPtr, qPtr, count, true, true);
    else classifyBlockOf(pPtr, qPtr, count, true, false);
  } else if (pair.pairUnitQ) {
    classifyBlockOf(pPtr, qPtr, count, false, true);
  } else {
    classifyBlockOf(pPtr, qPtr, count, false, false);
  }
}

/**
 * Pass 1 over count (even) elements (see the file's comment): fills the small and large arrays (smallEnd,
 * largeEnd) and pads each with a vector that adds 0. `unitP` and `unitQ` are constants at each call site: where
 * S_p = 1 (S_q = 1) the reference's operations simplify exactly (pairKernel.ts differenceVector: b = y·S_p = y
 * with Dekker's error +0, p = x/S_p = x, likewise for Q, and the denominator 1 where both are): the same bits
 * without those divisions and exact products.
 */
// @ts-ignore: decorator
@inline
function classifyBlockOf(pPtr: usize, qPtr: usize, count: i32, unitP: bool, unitQ: bool): void {
  const end = pPtr + (<usize>count << 3);
  const half = pairParam(K_HALF);
  const zero = pairParam(K_ZERO);
  let small: usize = 0;
  let large: usize = 0;
  while (pPtr < end) {
    const x = pair.scaledPVector(v128.load(pPtr));
    const y = pair.scaledQVector(v128.load(qPtr));
    const difference = pair.differenceVector(x, y, unitP, unitQ);
    const p = pair.pValueVector(x, unitP);
    const q = pair.qValueVector(y, unitQ);
    const m = f64x2.add(f64x2.mul(half, p), f64x2.mul(half, q));
    // m = 0 with p - q ≠ 0 (halves underflowing to 0) gives |e| = ∞: a large-branch lane, exceptional.
    const visited = f64x2.ne(difference, zero);
    const e = f64x2.div(f64x2.mul(half, difference), m);
    const isSmall = v128.and(f64x2.le(f64x2.abs(e), half), visited);
    const isLarge = v128.andnot(visited, isSmall);
    const smallBits = i64x2.bitmask(isSmall);
    const largeBits = i64x2.bitmask(isLarge);
    const smallSecond = small + (<usize>(smallBits & 1) << 3);
    const largeSecond = large + (<usize>(largeBits & 1) << 3);
    compact(e, SMALL_E + small, SMALL_E + smallSecond);
    compact(m, SMALL_M + small, SMALL_M + smallSecond);
    compact(p, LARGE_P + large, LARGE_P + largeSecond);
    compact(q, LARGE_Q + large, LARGE_Q + largeSecond);
    compact(m, LARGE_M + large, LARGE_M + largeSecond);
    small = smallSecond + (<usize>(smallBits >> 1) << 3);
    large = largeSecond + (<usize>(largeBits >> 1) << 3);
    pPtr += 16;
    qPtr += 16;
  }
  v128.store(SMALL_E + small, zero);
  v128.store(SMALL_M + small, zero);
  v128.store(LARGE_P + large, zero);
  v128.store(LARGE_Q + large, zero);
  v128.store(LARGE_M + large, f64x2.splat(1));
  smallEnd = small;
  largeEnd = large;
}

/** m·g(e) per lane for |e| ≤ ½: g = z + z²·G(z), z = e², G by Estrin's scheme (see the file's comment). */
// @ts-ignore: decorator
@inline
function smallTerm(e: v128, m: v128): v128 {
  const z = f64x2.mul(e, e);
  const z2 = f64x2.mul(z, z);
  const z4 = f64x2.mul(z2, z2);
  const b0 = f64x2.add(g(12), f64x2.mul(g(11), z));
  const b1 = f64x2.add(g(10), f64x2.mul(g(9), z));
  const b2 = f64x2.add(g(8), f64x2.mul(g(7), z));
  const b3 = f64x2.add(g(6), f64x2.mul(g(5), z));
  const b4 = f64x2.add(g(4), f64x2.mul(g(3), z));
  const b5 = f64x2.add(g(2), f64x2.mul(g(1), z));
  const c0 = f64x2.add(b0, f64x2.mul(b1, z2));
  const c1 = f64x2.add(b2, f64x2.mul(b3, z2));
  const c2 = f64x2.add(b4, f64x2.mul(b5, z2));
  const d0 = f64x2.add(c0, f64x2.mul(c1, z4));
  const d1 = f64x2.add(c2, f64x2.mul(g(0), z4));
  const r = f64x2.add(d0, f64x2.mul(d1, f64x2.mul(z4, z4)));
  return f64x2.mul(m, f64x2.add(z, f64x2.mul(z, f64x2.mul(z, r))));
}

/** The vector path over a block (see the file's comment): false, adding nothing, on an exceptional lane. */
function vectorBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  classifyBlock(pPtr + (<usize>start << 3), qPtr + (<usize>start << 3), count);
  const zero = f64x2.splat(0);
  const minNormal = pairParam(K_MIN_NORMAL);
  let exceptional = zero;
  for (let at: usize = 0, log = LOG_SCRATCH; at < largeEnd; at += 16, log += 64) {
    const p = v128.load(LARGE_P + at);
    const q = v128.load(LARGE_Q + at);
    const m = v128.load(LARGE_M + at);
    // Where |e| > ½ the larger of p, q exceeds m, so it is normal where m is; the smaller must be 0 or normal.
    const smaller = f64x2.pmin(p, q);
    exceptional = v128.or(exceptional, v128.or(f64x2.lt(m, minNormal), v128.andnot(f64x2.lt(smaller, minNormal), f64x2.eq(smaller, zero))));
    logRatioReduce(p, m, log);
    logRatioReduce(q, m, log + 32);
  }
  if (v128.any_true(exceptional)) return false;
  let s0 = zero;
  let c0 = zero;
  for (let at: usize = 0; at < smallEnd; at += 16) {
    const t = smallTerm(v128.load(SMALL_E + at), v128.load(SMALL_M + at));
    c0 = addRoundingError(c0, s0, t);
    s0 = f64x2.add(s0, t);
  }
  let s1 = zero;
  let c1 = zero;
  for (let at: usize = 0, log = LOG_SCRATCH; at < largeEnd; at += 16, log += 64) {
    const p = v128.load(LARGE_P + at);
    const q = v128.load(LARGE_Q + at);
    // A zero p or q (or a padding lane's) gives a finite log-ratio (its significand taken as 1): a product of
    // ±0, which adds nothing to the other, positive one, as the reference's 0.
    const t = f64x2.add(f64x2.mul(p, logRatioFinish(log)), f64x2.mul(q, logRatioFinish(log + 32)));
    c1 = addRoundingError(c1, s1, t);
    s1 = f64x2.add(s1, t);
  }
  addLaneSums(TERMS_SLOT, s0, c0, s1, c1, true);
  return true;
}
