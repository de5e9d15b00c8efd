/**
 * Jensen–Shannon kernel: Σ_i of the terms src/core/jsDivergence.ts adds up, JSD = ½·Σ terms, over the pair of
 * arrays `pairScan` (pairKernel.ts) has validated and `pairSetScale` has given the normalisation of:
 *
 *   m = ½p + ½q,  e = ½(p - q)/m  (p, q and p - q as in pairKernel.ts, bit for bit the reference's values),
 *   |e| ≤ ½:  term = m·g(e),  g(e) = (1+e)ln(1+e) + (1-e)ln(1-e) = 2e·atanh(e) + log1p(-e²)
 *   |e| > ½:  term = p·ln(p/m) + q·ln(q/m)  (each product 0 where its value is 0)
 *   elements with p - q = 0 or m = 0 add nothing.
 *
 * Vector lanes (two f64x2 per step): g(e) = z + z²·G(z), z = e², with G a degree-12 polynomial (Chebyshev fit
 * on [0, ¼], error below 7e-18 absolute: within 0.02 ulp of g; the Horner evaluation stays within about 1 ulp
 * of g for the rounded z), where the reference calls Math.atanh and Math.log1p; the |e| > ½ branch uses
 * the two halves of the log-ratio (numeric.ts logRatioReduce / logRatioFinish), the same operations as the
 * reference's `logRatio`. Two passes per block (termReduce, termFinish), as in the KL kernel. Exceptional lanes (|e| > ½ with a
 * subnormal p, q or m) make their block (PAIR_BLOCK elements) go to the scalar path, which is the reference's
 * code (AssemblyScript's Math.atanh and Math.log1p, ports of the same fdlibm/musl routines as V8's).
 *
 * Sums: two-sum per lane within a block, blocks into a Neumaier sum: the terms (all ≥ 0) are summed to about
 * u relative, so the result is within a few ulps of the reference (see test/unit/compute/jsParity.test.ts).
 */
import { addLaneSums, addRoundingError, logRatioFinish, logRatioReduce, logRatioScalar, neumaierAdd, neumaierReset, neumaierValue } from './numeric';
import {
  differenceVector,
  K_HALF,
  K_MIN_NORMAL,
  K_NAN,
  K_ZERO,
  PAIR_BLOCK,
  pairDifference,
  pairParam,
  pairPrepareScalar,
  pairPValue,
  pairQValue,
  pValueVector,
  qValueVector,
  scaledPVector,
  scaledQVector,
} from './pairKernel';

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
 * Byte offsets in a vector's record of JS_SCRATCH (STRIDE bytes): the base term, p, q, the two masks, then the
 * two log-ratios' first halves (32 bytes each).
 */
const enum S { BASE = 0, P = 16, Q = 32, MASK_P = 48, MASK_Q = 64, LOG_P = 80, LOG_Q = 112, STRIDE = 144 }
const JS_STRIDE: usize = S.STRIDE;

/** The first pass's results for the vectors of a block (PAIR_BLOCK / 2 vectors), read by the second. */
const JS_SCRATCH = memory.data(<i32>(JS_STRIDE * (<usize>PAIR_BLOCK / 2)), 16);

/**
 * The first pass over one vector: everything of the term but the logarithms' second halves, into JS_SCRATCH at
 * `at`. The base term is the series where |e| ≤ ½, 0 where the logarithms serve, NaN in a lane the vector path
 * cannot compute exactly; the masks select the lanes whose p·ln(p/m) and q·ln(q/m) the second pass adds. The
 * logarithms' first halves (logRatioReduce) are computed only where a lane needs them (nearly equal
 * distributions: none do); elsewhere the scratch keeps stale values, which the masks clear.
 */
// @ts-ignore: decorator
@inline
function termReduce(pi: v128, qi: v128, at: usize): void {
  const x = scaledPVector(pi);
  const y = scaledQVector(qi);
  const difference = differenceVector(x, y);
  const p = pValueVector(x);
  const q = qValueVector(y);
  const half = pairParam(K_HALF);
  const zero = pairParam(K_ZERO);
  const minNormal = pairParam(K_MIN_NORMAL);
  const m = f64x2.add(f64x2.mul(half, p), f64x2.mul(half, q));
  const e = f64x2.div(f64x2.mul(half, difference), m);
  const z = f64x2.mul(e, e);
  let r = f64x2.add(f64x2.mul(g(0), z), g(1)); // Horner, unrolled (Binaryen keeps the loop)
  r = f64x2.add(f64x2.mul(r, z), g(2));
  r = f64x2.add(f64x2.mul(r, z), g(3));
  r = f64x2.add(f64x2.mul(r, z), g(4));
  r = f64x2.add(f64x2.mul(r, z), g(5));
  r = f64x2.add(f64x2.mul(r, z), g(6));
  r = f64x2.add(f64x2.mul(r, z), g(7));
  r = f64x2.add(f64x2.mul(r, z), g(8));
  r = f64x2.add(f64x2.mul(r, z), g(9));
  r = f64x2.add(f64x2.mul(r, z), g(10));
  r = f64x2.add(f64x2.mul(r, z), g(11));
  r = f64x2.add(f64x2.mul(r, z), g(12));
  const series = f64x2.mul(m, f64x2.add(z, f64x2.mul(z, f64x2.mul(z, r))));
  const small = f64x2.le(f64x2.abs(e), half);
  const visited = v128.and(f64x2.ne(difference, zero), f64x2.ne(m, zero));
  const normalArguments = v128.and(
    v128.and(v128.or(f64x2.eq(p, zero), f64x2.ge(p, minNormal)), v128.or(f64x2.eq(q, zero), f64x2.ge(q, minNormal))),
    f64x2.ge(m, minNormal),
  );
  const exceptional = v128.andnot(v128.andnot(visited, small), normalArguments);
  const large = v128.andnot(visited, small);
  v128.store(at + <usize>S.BASE, v128.bitselect(pairParam(K_NAN), v128.and(v128.and(series, small), visited), exceptional));
  v128.store(at + <usize>S.P, p);
  v128.store(at + <usize>S.Q, q);
  v128.store(at + <usize>S.MASK_P, v128.and(large, f64x2.gt(p, zero)));
  v128.store(at + <usize>S.MASK_Q, v128.and(large, f64x2.gt(q, zero)));
  if (!v128.all_true<i64>(small)) {
    logRatioReduce(p, m, at + <usize>S.LOG_P, zero, false);
    logRatioReduce(q, m, at + <usize>S.LOG_Q, zero, false);
  }
}

/**
 * The second pass over one vector: the term per lane, base + (p·ln(p/m) + q·ln(q/m)) over the masked lanes
 * (exactly the base where the masks are clear, exactly the sum of the logarithms' terms where the base is 0).
 */
// @ts-ignore: decorator
@inline
function termFinish(at: usize): v128 {
  const direct = f64x2.add(
    v128.and(f64x2.mul(v128.load(at + <usize>S.P), logRatioFinish(at + <usize>S.LOG_P)), v128.load(at + <usize>S.MASK_P)),
    v128.and(f64x2.mul(v128.load(at + <usize>S.Q), logRatioFinish(at + <usize>S.LOG_Q)), v128.load(at + <usize>S.MASK_Q)),
  );
  return f64x2.add(v128.load(at + <usize>S.BASE), direct);
}

/**
 * The vector path over a block, in two passes (as the KL kernel: each pass a short chain of dependent
 * operations, so the processor overlaps many elements): false, adding nothing, on an exceptional lane.
 */
function vectorBlock(pPtr: usize, qPtr: usize, start: i32, count: i32): bool {
  let pp = pPtr + (<usize>start << 3);
  let qp = qPtr + (<usize>start << 3);
  const end = pp + (<usize>count << 3);
  let at = JS_SCRATCH;
  while (pp < end) {
    termReduce(v128.load(pp), v128.load(qp), at);
    termReduce(v128.load(pp, 16), v128.load(qp, 16), at + JS_STRIDE);
    pp += 32;
    qp += 32;
    at += 2 * JS_STRIDE;
  }
  const zero = f64x2.splat(0);
  let s0 = zero;
  let c0 = zero;
  let s1 = zero;
  let c1 = zero;
  const last = at;
  at = JS_SCRATCH;
  while (at < last) {
    const t0 = termFinish(at);
    const t1 = termFinish(at + JS_STRIDE);
    c0 = addRoundingError(c0, s0, t0);
    s0 = f64x2.add(s0, t0);
    c1 = addRoundingError(c1, s1, t1);
    s1 = f64x2.add(s1, t1);
    at += 2 * JS_STRIDE;
  }
  // A NaN lane (an exceptional element) poisons its running sum: recompute the block by the scalar path.
  const check = f64x2.add(s0, s1);
  if (f64x2.extract_lane(check, 0) != f64x2.extract_lane(check, 0) || f64x2.extract_lane(check, 1) != f64x2.extract_lane(check, 1)) return false;
  addLaneSums(TERMS_SLOT, s0, c0, s1, c1, true);
  return true;
}
