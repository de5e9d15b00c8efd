import { binaryExponent, isUnitSum, powerOfTwoFactors, type DoubleDouble } from '../core/distributionInput';
import { logRatio, NeumaierSum } from '../core/numeric';
import { zeroSumError } from '../core/validate';
import { CHUNK_LENGTH } from './chunking';
import { copyInto, instantiateSync } from './wasmModule';
import { WasmHost, type HostExports } from './wasmHost';
import {
  PAIR_COEFFICIENT,
  PAIR_INFINITE,
  PAIR_OVERLAP,
  PAIR_SUM_P_HI,
  PAIR_SUM_P_LO,
  PAIR_SUM_Q_HI,
  PAIR_SUM_Q_LO,
  PAIR_TERMS,
  PARAM,
  PARAM_LENGTH,
  SLICE_OP,
  type SliceOp,
  type SliceRunner,
} from './sliceOps';

/**
 * The WASM host of the measures of two distributions that depend on p̂_i - q̂_i: Jensen–Shannon
 * (assembly/jsKernel.ts), Jeffreys (assembly/jeffreysKernel.ts), total variation, Hellinger and Bhattacharyya (assembly/distanceKernels.ts), over the
 * shared pair kernel (assembly/pairKernel.ts). It computes what `preparePair` of src/core/distributionPair.ts
 * and the measures' `…OfPair` functions compute, for probability input:
 *
 * 1. per chunk of CHUNK_LENGTH elements: copy P and Q into the module's memory, `pairScan` (validity, the first
 *    bad index with P before Q; Σp and Σq compensated), combined here into double-double sums;
 * 2. the normalisation constants from the sums, as `probabilityPair` derives them (or the identity for raw
 *    values), passed by `pairSetScale`;
 * 3. per chunk: the measure's accumulate function, its sums combined by Neumaier summation.
 *
 * Each term is bit for bit the reference's (the same IEEE operations; for JS where |e| ≤ ½, a polynomial in
 * place of Math.atanh and Math.log1p), the sums are compensated: results agree with the TS reference within
 * a few ulps (test/unit/compute/jsParity.test.ts, distanceParity.test.ts state the bounds).
 *
 * Also the histogram binning of `histogramKl` (assembly/histogramKernel.ts): `histogramCounts`; and the
 * Cholesky factorisation and triangular solves of `mvnKl` (assembly/choleskyKernel.ts, lowerSquaresKernel.ts).
 *
 * The module instance is this class's own (not WasmBackend's): its memory holds two chunks at most.
 */


/** Sums from here on are scaled by the TS reference (src/core/distributionInput.ts): it serves those inputs. */
const MAX_PLAIN_SUM = 2 ** 960;


interface PairExports extends HostExports {
  histogramAccumulate(valuesPtr: number, n: number, edgesPtr: number, k: number, countsPtr: number, scale: number): void;
  choleskyFactor(aPtr: number, n: number, packedPtr: number): number;
  lowerSquares(l1Ptr: number, l0Ptr: number, d: number, colsPtr: number): number;
  lowerSquaresColumns(l1Ptr: number, l0Ptr: number, d: number, colsPtr: number, from: number, to: number, outPtr: number): number;
}

const PAIR_FUNCTIONS = ['heapBase', 'histogramAccumulate', 'choleskyFactor', 'lowerSquares', 'lowerSquaresColumns'] as const;

/** What every measure's result reports about the pair (as `DistributionPair` of src/core). */
export interface PairInfo {
  readonly n: number;
  readonly normalized: boolean;
  readonly sums: { readonly p: number; readonly q: number };
}

/** What the pair scan gives the passes after it (`WasmMeasures.scanPair`). */
export interface ScannedPair {
  readonly pair: PairInfo;
  readonly params: Float64Array;
  /** Raw values: Σp - 1 and Σq - 1, without the rounding of Σp and Σq. */
  readonly excess: { readonly p: number; readonly q: number } | undefined;
}

/** A measure's value (in nats for JS and Bhattacharyya) and the pair's info. */
export interface PairValue {
  readonly value: number;
  readonly pair: PairInfo;
}



/** Doubles of scratch of the factorisation kernel for n×n (assembly/choleskyKernel.ts): 8·Q·(Q − 1), Q = ⌊n/4⌋. */
export function packedLength(n: number): number {
  const groups = n >> 2;
  return 8 * groups * Math.max(0, groups - 1);
}

/** A compensated sum of chunk sums (hi, lo), finished as src/core/distributionInput.ts compensatedSum does. */
class DoubleDoubleSum {
  private sum = 0;
  private comp = 0;

  add(hi: number, lo: number): void {
    const t = this.sum + hi;
    this.comp += (Math.abs(this.sum) >= Math.abs(hi) ? this.sum - t + hi : hi - t + this.sum) + lo;
    this.sum = t;
  }

  get value(): DoubleDouble {
    const hi = this.sum + this.comp;
    return { hi, lo: this.comp - (hi - this.sum) };
  }
}

/** `unitScaled` of src/core/distributionPair.ts with scaleExponent 0: S·2^-k in [1, 2) and factors f1·f2 = 2^-k. */
function unitScaled(sum: DoubleDouble): { exponent: number; hi: number; lo: number; f1: number; f2: number } {
  const k = binaryExponent(sum.hi);
  const [s1, s2] = powerOfTwoFactors(-k);
  const [f1, f2] = powerOfTwoFactors(-k);
  return { exponent: k, hi: sum.hi * s1 * s2, lo: sum.lo * s1 * s2, f1, f2 };
}

export class WasmMeasures extends WasmHost<PairExports> {
  /** Where the kernels' scratch lies after the arrays of `mvnFactorArrays` (in doubles). */
  private mvnScratch = 0;

  private constructor(exports: Record<string, unknown>) {
    super(exports, PAIR_FUNCTIONS);
    this.warmUp();
  }

  /** Compiles and instantiates synchronously: fine in Node for a module this small (a few KB). */
  static instantiateSync(bytes: Uint8Array): WasmMeasures {
    return new WasmMeasures(instantiateSync(bytes));
  }

  /**
   * JSD in nats of probability inputs of equal, non-zero length (as `jsDivergenceOfPair`), or `undefined`
   * when a sum reaches 2^960 and the TS reference, which rescales, should serve. The slices go to `runner`:
   * this host, or the two threads of klThreads.ts (the same result, bit for bit).
   *
   * @throws DivergenceError `invalid-value` (first bad value by index, P before Q), `zero-sum` (P first).
   */
  jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): PairValue | undefined {
    const r = this.termSum(p, q, normalize, SLICE_OP.jsAccumulate, runner);
    if (!r) return undefined;
    const half = Math.max(0, 0.5 * r.terms);
    return { value: normalize ? Math.min(Math.LN2, half) : half, pair: r.pair };
  }

  /** The total variation distance (as `totalVariationOfPair`); `undefined`, errors and `runner` as `jsDivergence`. */
  totalVariation(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): PairValue | undefined {
    const r = this.termSum(p, q, normalize, SLICE_OP.tvAccumulate, runner);
    if (!r) return undefined;
    const half = 0.5 * r.terms;
    return { value: normalize ? Math.min(1, half) : half, pair: r.pair };
  }

  /**
   * The Jeffreys divergence in nats (as `jeffreysOfPair`: +Infinity where exactly one of p_i, q_i is 0);
   * `undefined`, errors and `runner` as `jsDivergence`.
   */
  jeffreys(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): PairValue | undefined {
    let infinite = false;
    const sum = new NeumaierSum();
    const pair = this.visit(p, q, normalize, runner, SLICE_OP.jeffreysAccumulate, (out, at) => {
      sum.add(out[at + PAIR_TERMS]!);
      infinite ||= out[at + PAIR_INFINITE] !== 0;
    });
    if (!pair) return undefined;
    return { value: infinite ? Infinity : Math.max(0, sum.value), pair };
  }

  /** The Neumaier sum of the slices' terms of pass `op`, and the pair's info. */
  private termSum(
    p: ArrayLike<number>,
    q: ArrayLike<number>,
    normalize: boolean,
    op: SliceOp,
    runner: SliceRunner,
  ): { readonly terms: number; readonly pair: PairInfo } | undefined {
    const sum = new NeumaierSum();
    const pair = this.visit(p, q, normalize, runner, op, (out, at) => sum.add(out[at + PAIR_TERMS]!));
    return pair && { terms: sum.value, pair };
  }

  /** The Hellinger distance (as `hellingerOfPair`); `undefined`, errors and `runner` as `jsDivergence`. */
  hellinger(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): PairValue | undefined {
    const parts = this.hellingerParts(p, q, normalize, runner);
    if (!parts) return undefined;
    const value = normalize ? Math.sqrt(Math.min(1, parts.squared)) : Math.sqrt(parts.squared);
    return { value, pair: parts.pair };
  }

  /** The Bhattacharyya distance in nats (as `bhattacharyyaOfPair`); `undefined`, errors and `runner` as `jsDivergence`. */
  bhattacharyya(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): PairValue | undefined {
    const parts = this.hellingerParts(p, q, normalize, runner);
    if (!parts) return undefined;
    const { squared, coefficient, overlap, excess } = parts;
    let nats: number;
    if (!overlap) {
      nats = Infinity;
    } else if (normalize) {
      nats = Math.max(0, squared <= 0.5 ? -Math.log1p(-squared) : -Math.log(coefficient));
    } else {
      const x = 0.5 * excess.p + 0.5 * excess.q - squared;
      nats = Math.abs(x) <= 0.5 ? -Math.log1p(x) : -Math.log(coefficient);
    }
    return { value: nats, pair: parts.pair };
  }

  private hellingerParts(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner) {
    const squared = new NeumaierSum();
    const coefficient = new NeumaierSum();
    let overlap = false;
    let excess = { p: 0, q: 0 };
    const pair = this.visit(
      p,
      q,
      normalize,
      runner,
      SLICE_OP.hellingerAccumulate,
      (out, at) => {
        squared.add(out[at + PAIR_TERMS]!);
        coefficient.add(out[at + PAIR_COEFFICIENT]!);
        overlap ||= out[at + PAIR_OVERLAP] !== 0;
      },
      (e) => (excess = e),
    );
    if (!pair) return undefined;
    return { squared: 0.5 * squared.value, coefficient: coefficient.value, overlap, excess, pair };
  }

  /**
   * Counts of `values` (finite, checked by the caller) in the bins of `edges` (strictly increasing, at least
   * two), exactly as `histogramCounts` of src/core/histogram.ts (assembly/histogramKernel.ts).
   */
  histogramCounts(values: ArrayLike<number>, edges: Float64Array): Float64Array {
    const k = edges.length - 1;
    const n = values.length;
    const chunk = Math.min(n, CHUNK_LENGTH);
    // Layout after the heap base: the values' chunk, the edges, the counts.
    const valuesOffset = this.heapBase / 8;
    const edgesOffset = valuesOffset + chunk + (chunk & 1);
    const countsOffset = edgesOffset + k + 1 + ((k + 1) & 1);
    this.growTo(8 * (countsOffset + k));
    this.heap.set(edges, edgesOffset);
    this.heap.fill(0, countsOffset, countsOffset + k);
    const scale = k / (edges[k]! - edges[0]!);
    for (let start = 0; start < n; start += CHUNK_LENGTH) {
      const length = Math.min(CHUNK_LENGTH, n - start);
      copyInto(this.heap, valuesOffset, values, start, length);
      this.kernel.histogramAccumulate(valuesOffset * 8, length, edgesOffset * 8, k, countsOffset * 8, scale);
    }
    return this.heap.slice(countsOffset, countsOffset + k);
  }

  /**
   * `choleskyInPlace` of src/core/cholesky.ts (assembly/choleskyKernel.ts: every sum in the same order, so the
   * same factor, pivot and verdict): factors the n×n row-major `a` in place, -1 or the row of the rejected
   * pivot. The kernel's scratch, a packed copy of the factor's 4-row groups, follows the matrix: 8·Q·(Q − 1)
   * doubles for Q = ⌊n/4⌋.
   */
  choleskyInPlace(a: Float64Array, n: number): number {
    if (this.inMemory(a)) return this.kernel.choleskyFactor(a.byteOffset, n, this.mvnScratch * 8);
    const offset = this.heapBase / 8;
    const packed = offset + n * n + ((n * n) & 1);
    this.growTo(8 * (packed + packedLength(n)));
    this.heap.set(a.subarray(0, n * n), offset);
    const row = this.kernel.choleskyFactor(offset * 8, n, packed * 8);
    a.set(this.heap.subarray(offset, offset + n * n));
    return row;
  }

  /**
   * `MvnLinearAlgebra.factorArrays`: two d×d arrays for Σ0 and Σ1 in the module's memory (after the heap base,
   * then the kernels' scratch, and d doubles for `lowerSquaresAddends`), on which `choleskyInPlace` and
   * `strictLowerSquares` work where they lie. Valid until the next call of this host that lays out other data.
   */
  mvnFactorArrays(d: number): [Float64Array, Float64Array] {
    const o0 = this.heapBase / 8;
    const o1 = o0 + d * d + ((d * d) & 1);
    this.mvnScratch = o1 + d * d + ((d * d) & 1);
    this.growTo(8 * (this.mvnScratch + Math.max(packedLength(d), 9 * d)));
    const buffer = this.kernel.memory.buffer;
    return [new Float64Array(buffer, o0 * 8, d * d), new Float64Array(buffer, o1 * 8, d * d)];
  }

  /** Whether `a` is a view of the module's memory (from `mvnFactorArrays`). */
  private inMemory(a: Float64Array): boolean {
    return a.buffer === this.kernel.memory.buffer;
  }

  /**
   * `strictLowerSquares` of src/core/mvnKl.ts (assembly/lowerSquaresKernel.ts: the same sums in the same order,
   * so the same result): Σ_{i>j} M_ij², M = L1⁻¹·L0.
   */
  strictLowerSquares(l1: Float64Array, l0: Float64Array, d: number): number {
    if (this.inMemory(l1) && this.inMemory(l0)) return this.kernel.lowerSquares(l1.byteOffset, l0.byteOffset, d, this.mvnScratch * 8);
    const o1 = this.heapBase / 8;
    const o0 = o1 + d * d + ((d * d) & 1);
    const cols = o0 + d * d + ((d * d) & 1);
    this.growTo(8 * (cols + 8 * d));
    this.heap.set(l1.subarray(0, d * d), o1);
    this.heap.set(l0.subarray(0, d * d), o0);
    return this.kernel.lowerSquares(o1 * 8, o0 * 8, d, cols * 8);
  }

  /**
   * The addends of `strictLowerSquares`'s compensated total that columns [from, to) of M give, in order
   * (assembly/lowerSquaresKernel.ts `lowerSquaresColumns`; `from` a multiple of 8, `to` too or d), for the
   * factors of `mvnFactorArrays`: the total over [0, s) then [s, d) is `strictLowerSquares`, bit for bit.
   */
  lowerSquaresAddends(l1: Float64Array, l0: Float64Array, d: number, from: number, to: number): Float64Array {
    const out = this.mvnScratch + 8 * d;
    const count = this.kernel.lowerSquaresColumns(l1.byteOffset, l0.byteOffset, d, this.mvnScratch * 8, from, to, out * 8);
    return new Float64Array(this.kernel.memory.buffer, out * 8, count).slice();
  }

  /**
   * Scans P and Q (validity, sums; `runner`'s pairScan pass), sets the normalisation and runs pass `op` over
   * the slices, handing their results to `add` in order. `onExcess` receives Σp - 1 and Σq - 1 for raw values
   * (what `DistributionPair.excess` holds).
   */
  private visit(
    p: ArrayLike<number>,
    q: ArrayLike<number>,
    normalize: boolean,
    runner: SliceRunner,
    op: SliceOp,
    add: (out: Float64Array, at: number) => void,
    onExcess?: (excess: { p: number; q: number }) => void,
  ): PairInfo | undefined {
    const scanned = this.scanPair(p, q, normalize, runner);
    if (!scanned) return undefined;
    if (scanned.excess) onExcess?.(scanned.excess);
    runner.runSlices(op, p, q, scanned.params, add);
    return scanned.pair;
  }

  /**
   * The pair scan of P and Q (validity, sums; `runner`'s pairScan pass, or `op` pairScanRatio, whose slices'
   * results also go to `eachSlice` in slice order): the pair's info, the parameters of
   * the passes that follow (the normalisation; PARAM.raw for raw values) and, raw, Σp - 1 and Σq - 1 (what
   * `DistributionPair.excess` holds); `undefined` when a sum reaches 2^960 (the TS reference rescales).
   *
   * @throws DivergenceError `invalid-value` (first bad value by index, P before Q), `zero-sum` (P first).
   */
  scanPair(
    p: ArrayLike<number>,
    q: ArrayLike<number>,
    normalize: boolean,
    runner: SliceRunner,
    op: typeof SLICE_OP.pairScan | typeof SLICE_OP.pairScanRatio = SLICE_OP.pairScan,
    eachSlice?: (out: Float64Array, at: number) => void,
  ): ScannedPair | undefined {
    const n = p.length;
    const params = new Float64Array(PARAM_LENGTH);
    const sumP = new DoubleDoubleSum();
    const sumQ = new DoubleDoubleSum();
    runner.runSlices(op, p, q, params, (out, at) => {
      sumP.add(out[at + PAIR_SUM_P_HI]!, out[at + PAIR_SUM_P_LO]!);
      sumQ.add(out[at + PAIR_SUM_Q_HI]!, out[at + PAIR_SUM_Q_LO]!);
      eachSlice?.(out, at);
    });
    const sp = sumP.value;
    const sq = sumQ.value;
    if (!(sp.hi < MAX_PLAIN_SUM && sq.hi < MAX_PLAIN_SUM)) return undefined;
    if (sp.hi === 0) throw zeroSumError('P');
    if (sq.hi === 0) throw zeroSumError('Q');
    const sums = { p: sp.hi, q: sq.hi };
    if (!normalize) {
      params.set([1, 1, 1, 0, 1, 1, 1, 0, 0], PARAM.scale);
      params[PARAM.raw] = 1;
      return { pair: { n, normalized: false, sums }, params, excess: { p: sp.hi - 1 + sp.lo, q: sq.hi - 1 + sq.lo } };
    }
    const sP = unitScaled(sp);
    const sQ = unitScaled(sq);
    const lnSumRatio = logRatio(sQ.hi, sP.hi, sQ.exponent - sP.exponent);
    params.set([sP.f1, sP.f2, sP.hi, sP.lo, sQ.f1, sQ.f2, sQ.hi, sQ.lo, lnSumRatio], PARAM.scale);
    return { pair: { n, normalized: !(isUnitSum(sums.p) && isUnitSum(sums.q)), sums }, params, excess: undefined };
  }

  /** A few small calls so that V8's optimising tier serves the first real call (see `WasmHost.warmUpInput`). */
  private warmUp(): void {
    const length = 4096;
    const { pPtr, qPtr, pOffset } = this.warmUpInput(length);
    const k = this.slices;
    for (let round = 0; round < 8; round++) {
      k.pairScan(pPtr, qPtr, length);
      k.pairSetScale(0.25, 0.25, 1.5, 0, 0.25, 0.25, 1.25, 0, 0.1);
      k.jsAccumulate(pPtr, qPtr, length);
      k.tvAccumulate(pPtr, qPtr, length);
      k.hellingerAccumulate(pPtr, qPtr, length);
      k.jeffreysAccumulate(pPtr, qPtr, length, round & 1);
      k.renyiAccumulate(pPtr, qPtr, length, round - 3.5, round & 1, round & 1);
      k.renyiPowerSum(pPtr, qPtr, length, round - 3.5, round & 1, round & 1, 0, 0);
      k.renyiRatioStats(pPtr, qPtr, length);
    }
    const values = this.heap.slice(pOffset, pOffset + length);
    const edges = Float64Array.from({ length: 65 }, (_, i) => i / 8);
    for (let round = 0; round < 8; round++) this.histogramCounts(values, edges);
    const d = 24;
    const spd = new Float64Array(d * d);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) spd[i * d + j] = i === j ? d : 1 / (1 + i + j);
    for (let round = 0; round < 8; round++) {
      const l = spd.slice();
      this.choleskyInPlace(l, d);
      this.strictLowerSquares(l, l, d);
    }
  }
}
