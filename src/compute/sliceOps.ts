/**
 * The kernels' work cut into slices of SLICE_LENGTH elements: one kernel call per slice, its results in a
 * fixed layout, whichever module instance computed it. Every measure's WASM path is a sequence of passes
 * (`SliceOp`) over its slices, the slices' results added in slice order by the host: the single-thread
 * hosts (`WasmHost.runSlices`) and the two-thread path of klThreads.ts (`KlThreads.runSlices`, where the
 * calling thread and a helper worker each take slices) run the very same kernel call on the very same slice
 * and add in the same order, so both give the same result, bit for bit.
 *
 * A pass's parameters (the normalising total of entropy, the pair measures' scale, …) are in a small
 * Float64Array (`PARAM`); `prepareSliceOp` hands those the kernel keeps in its globals to the instance once per
 * pass, on each thread.
 */
import type { DivergenceError } from '../core/errors';
import { invalidValueError } from '../core/validate';
import { SLICE_LENGTH } from './chunking';
import { requireFunctions, statusCode } from './wasmModule';

/** The passes a slice can be computed for. */
export const SLICE_OP = {
  kl: 0,
  entropyScan: 1,
  entropyAccumulate: 2,
  crossEntropyScan: 3,
  crossEntropyAccumulate: 4,
  pairScan: 5,
  jsAccumulate: 6,
  tvAccumulate: 7,
  hellingerAccumulate: 8,
  jeffreysAccumulate: 9,
  renyiAccumulate: 10,
  renyiPowerSum: 11,
  entropyFused: 12,
  crossEntropyFused: 13,
  chiSquareAccumulate: 14,
  pairScanRatio: 15,
} as const;
export type SliceOp = (typeof SLICE_OP)[keyof typeof SLICE_OP];

/** Whether a pass reads Q (the entropy passes read P only). */
export function sliceOpReadsQ(op: SliceOp): boolean {
  return op !== SLICE_OP.entropyScan && op !== SLICE_OP.entropyAccumulate && op !== SLICE_OP.entropyFused;
}

/** Offsets in a pass's parameters. */
export const PARAM = {
  /** KL: the exponent offset. */
  offset: 0,
  /** Entropy, cross-entropy: the total the terms are taken against (s or 1). */
  total: 1,
  /** Entropy, cross-entropy: the index of the whole input left out of the terms, or -1. */
  exclude: 2,
  /** Pair measures: the nine arguments of `pairSetScale`, from here. */
  scale: 3,
  /** Jeffreys: 1 for the values as given (the identity scale), 0 when normalised. */
  raw: 12,
  /** Rényi: t (α - 1, or -α swapped). */
  order: 13,
  /** Rényi: 1 for the swapped orientation (w = q̂, ℓ = ln(q̂/p̂)). */
  swapped: 14,
  /** Rényi's power sum: the shift of the exponents. */
  shift: 15,
  /** Rényi's power sum: 1 for the largest exponent alone. */
  maxOnly: 16,
} as const;
export const PARAM_LENGTH = 17;

/** Layout of one slice's results in a Float64Array: SLICE_RESULT_LENGTH doubles from a slot's start. */
export const SLICE_RESULT_LENGTH = 8;
/** Where a slice's first invalid index (within the slice) goes, whatever the pass. */
export const SLICE_INVALID_INDEX = 5;
/** Status of a slice. */
export const SLICE_OK = 0;
export const SLICE_INVALID_P = 1;
export const SLICE_INVALID_Q = 2;

/** KL: the terms, Σp, Σq, Σ(q - 2^offset·p), whether infinite. */
export const KL_TERMS = 0;
export const KL_SUM_P = 1;
export const KL_SUM_Q = 2;
export const KL_SUM_DIFFERENCE = 3;
export const KL_INFINITE = 4;
/** Entropy and cross-entropy scans: Σp, Σq (the same as Σp for entropy), the largest q and its index in the slice. */
export const SCAN_SUM_P = 0;
export const SCAN_SUM_Q = 1;
export const SCAN_MAX = 2;
export const SCAN_ARG_MAX = 3;
/**
 * The fused passes of entropy and cross-entropy (`entropyFused`, `crossEntropyFused`): the scan's results
 * (SCAN_*), then those of the accumulation against total 1 with nothing left out: Σ_{p_i>0} p_i·ln(1/q_i) and
 * whether a term is infinite.
 */
export const FUSED_TERMS = 6;
export const FUSED_INFINITE = 4;
/** Entropy and cross-entropy accumulations: the terms, the rest, whether infinite. */
export const ACC_TERMS = 0;
export const ACC_REST = 1;
export const ACC_INFINITE = 2;
/** The pair scan: Σp and Σq, as (hi, lo). */
export const PAIR_SUM_P_HI = 0;
export const PAIR_SUM_P_LO = 1;
export const PAIR_SUM_Q_HI = 2;
export const PAIR_SUM_Q_LO = 3;
/**
 * The pair scan with D_∞'s slice statistics (`pairScanRatio`): the sums as PAIR_SUM_*, then the slice's largest
 * fl(p_i/q_i) and its smallest p_i > 0 and q_i > 0 (assembly/renyiKernel.ts renyiRatioStats).
 */
export const PAIR_RATIO_LARGEST = 4;
export const PAIR_SMALLEST_P = 6;
export const PAIR_SMALLEST_Q = 7;
/**
 * The pair accumulations: TV, JS and Jeffreys their terms; Hellinger Σ(√p-√q)², Σ√(pq), whether the supports
 * overlap; Jeffreys whether a term is infinite.
 */
export const PAIR_TERMS = 0;
export const PAIR_COEFFICIENT = 1;
export const PAIR_OVERLAP = 2;
export const PAIR_INFINITE = 2;
/** Rényi: Z or the power sum; whether a term (or ℓ) is infinite; whether a term is finite; the largest exponent. */
export const RENYI_TERMS = 0;
export const RENYI_INFINITE = 1;
export const RENYI_FINITE_TERMS = 2;
export const RENYI_LARGEST = 3;
/** Rényi of order 2 through χ² (assembly/chiSquareKernel.ts): Σ (p̂ - q̂)²/q̂ at PAIR_TERMS, then its flags' bits. */
export const CHI_SQUARE_FLAGS = 1;

/** The exports of build/kernels.wasm (and of build/kernels-shared.wasm, the same source) the passes call. */
export interface SliceExports {
  klAccumulate(pPtr: number, qPtr: number, n: number, exponentOffset: number): number;
  klTerms(): number;
  klSumP(): number;
  klSumQ(): number;
  klSumDifference(): number;
  klInfinite(): number;
  klInvalidIndex(): number;
  entropyScan(ptr: number, n: number): number;
  entropySum(): number;
  entropyMax(): number;
  entropyArgMax(): number;
  entropyInvalidIndex(): number;
  entropyAccumulate(ptr: number, n: number, total: number, exclude: number): void;
  entropyTerms(): number;
  entropyFused(ptr: number, n: number): number;
  entropyRest(): number;
  crossEntropyScan(pPtr: number, qPtr: number, n: number): number;
  crossEntropySumP(): number;
  crossEntropySumQ(): number;
  crossEntropyMaxQ(): number;
  crossEntropyArgMaxQ(): number;
  crossEntropyInvalidIndex(): number;
  crossEntropyAccumulate(pPtr: number, qPtr: number, n: number, total: number, exclude: number): void;
  crossEntropyTerms(): number;
  crossEntropyRest(): number;
  crossEntropyInfinite(): number;
  crossEntropyFused(pPtr: number, qPtr: number, n: number): number;
  pairScan(pPtr: number, qPtr: number, n: number): number;
  pairSumPHi(): number;
  pairSumPLo(): number;
  pairSumQHi(): number;
  pairSumQLo(): number;
  pairInvalidIndex(): number;
  pairSetScale(pf1: number, pf2: number, sPHi: number, sPLo: number, qf1: number, qf2: number, sQHi: number, sQLo: number, lnSumRatio: number): void;
  jsAccumulate(pPtr: number, qPtr: number, n: number): void;
  jsTerms(): number;
  tvAccumulate(pPtr: number, qPtr: number, n: number): void;
  tvTerms(): number;
  hellingerAccumulate(pPtr: number, qPtr: number, n: number): void;
  hellingerSquared(): number;
  hellingerCoefficient(): number;
  hellingerOverlap(): number;
  jeffreysAccumulate(pPtr: number, qPtr: number, n: number, raw: number): void;
  jeffreysTerms(): number;
  jeffreysInfinite(): number;
  renyiAccumulate(pPtr: number, qPtr: number, n: number, t: number, swapped: number, raw: number): void;
  renyiPowerSum(pPtr: number, qPtr: number, n: number, t: number, swapped: number, raw: number, shift: number, maxOnly: number): void;
  renyiTerms(): number;
  renyiFlags(): number;
  renyiLargest(): number;
  chiSquareAccumulate(pPtr: number, qPtr: number, n: number): void;
  chiSquareTerms(): number;
  chiSquareFlags(): number;
  renyiRatioStats(pPtr: number, qPtr: number, n: number): void;
  renyiRatioLargest(): number;
  renyiSmallestP(): number;
  renyiSmallestQ(): number;
}

const SLICE_FUNCTIONS = [
  'klAccumulate',
  'klTerms',
  'klSumP',
  'klSumQ',
  'klSumDifference',
  'klInfinite',
  'klInvalidIndex',
  'entropyScan',
  'entropySum',
  'entropyMax',
  'entropyArgMax',
  'entropyInvalidIndex',
  'entropyAccumulate',
  'entropyTerms',
  'entropyRest',
  'entropyFused',
  'crossEntropyScan',
  'crossEntropySumP',
  'crossEntropySumQ',
  'crossEntropyMaxQ',
  'crossEntropyArgMaxQ',
  'crossEntropyInvalidIndex',
  'crossEntropyAccumulate',
  'crossEntropyTerms',
  'crossEntropyRest',
  'crossEntropyInfinite',
  'crossEntropyFused',
  'pairScan',
  'pairSumPHi',
  'pairSumPLo',
  'pairSumQHi',
  'pairSumQLo',
  'pairInvalidIndex',
  'pairSetScale',
  'jsAccumulate',
  'jsTerms',
  'tvAccumulate',
  'tvTerms',
  'hellingerAccumulate',
  'hellingerSquared',
  'hellingerCoefficient',
  'hellingerOverlap',
  'jeffreysAccumulate',
  'jeffreysTerms',
  'jeffreysInfinite',
  'renyiAccumulate',
  'renyiPowerSum',
  'renyiTerms',
  'renyiFlags',
  'renyiLargest',
  'chiSquareAccumulate',
  'chiSquareTerms',
  'chiSquareFlags',
  'renyiRatioStats',
  'renyiRatioLargest',
  'renyiSmallestP',
  'renyiSmallestQ',
] as const;

/** The status codes `runSliceOp` reads as SLICE_OK, SLICE_INVALID_P and SLICE_INVALID_Q (assembly/scan.ts SCAN_*), and the Rényi flags' bits. */
const STATUS_CODES: readonly (readonly [string, number])[] = [
  ['KL_OK', SLICE_OK],
  ['KL_INVALID_P', SLICE_INVALID_P],
  ['KL_INVALID_Q', SLICE_INVALID_Q],
  ['ENTROPY_OK', SLICE_OK],
  ['ENTROPY_INVALID', SLICE_INVALID_P],
  ['CROSS_ENTROPY_OK', SLICE_OK],
  ['CROSS_ENTROPY_INVALID_P', SLICE_INVALID_P],
  ['CROSS_ENTROPY_INVALID_Q', SLICE_INVALID_Q],
  ['PAIR_OK', SLICE_OK],
  ['PAIR_INVALID_P', SLICE_INVALID_P],
  ['PAIR_INVALID_Q', SLICE_INVALID_Q],
  ['RENYI_INFINITE_BIT', 1],
  ['RENYI_FINITE_BIT', 2],
  ['CHI_SQUARE_INFINITE', 1],
  ['CHI_SQUARE_UNDERFLOW', 2],
];

/** The module's exports as `SliceExports`; throws when a function is missing or a status code differs. */
export function sliceExports(exports: Record<string, unknown>): SliceExports {
  requireFunctions(exports, SLICE_FUNCTIONS);
  for (const [name, expected] of STATUS_CODES) {
    if (statusCode(exports, name) !== expected) throw new Error(`the kernel module's ${name} is not ${expected}`);
  }
  return exports as unknown as SliceExports;
}

/** The passes after the pair scan: their kernels read the pair's scale (`pairSetScale`). */
const PAIR_SCALED_OPS: ReadonlySet<SliceOp> = new Set<SliceOp>([
  SLICE_OP.jsAccumulate,
  SLICE_OP.tvAccumulate,
  SLICE_OP.hellingerAccumulate,
  SLICE_OP.jeffreysAccumulate,
  SLICE_OP.renyiAccumulate,
  SLICE_OP.renyiPowerSum,
  SLICE_OP.chiSquareAccumulate,
]);

/** Hands the pass's kernel-global parameters to an instance, once per pass (the pair measures' scale). */
export function prepareSliceOp(k: SliceExports, op: SliceOp, params: Float64Array): void {
  if (PAIR_SCALED_OPS.has(op)) {
    const s = PARAM.scale;
    k.pairSetScale(params[s]!, params[s + 1]!, params[s + 2]!, params[s + 3]!, params[s + 4]!, params[s + 5]!, params[s + 6]!, params[s + 7]!, params[s + 8]!);
  }
}

/** Status of a kernel scan as a slice status, the first bad index (within the slice) at out[at + SLICE_INVALID_INDEX]. */
function scanStatus(status: number, invalidIndex: () => number, out: Float64Array, at: number): number {
  if (status === SLICE_OK) return SLICE_OK;
  out[at + SLICE_INVALID_INDEX] = invalidIndex();
  return status === SLICE_INVALID_P ? SLICE_INVALID_P : SLICE_INVALID_Q;
}

/**
 * One kernel call of pass `op` on the slice [start, start + length) of the whole input, which lies at byte
 * addresses pPtr and qPtr of the instance `k`, its results written into out[at, at + SLICE_RESULT_LENGTH).
 * Returns SLICE_OK, or SLICE_INVALID_P / _Q (the scans and KL only; `sliceExports` checked the codes).
 */
export function runSliceOp(k: SliceExports, op: SliceOp, pPtr: number, qPtr: number, start: number, length: number, params: Float64Array, out: Float64Array, at: number): number {
  switch (op) {
    case SLICE_OP.kl: {
      const status = scanStatus(k.klAccumulate(pPtr, qPtr, length, params[PARAM.offset]!), () => k.klInvalidIndex(), out, at);
      if (status !== SLICE_OK) return status;
      out[at + KL_TERMS] = k.klTerms();
      out[at + KL_SUM_P] = k.klSumP();
      out[at + KL_SUM_Q] = k.klSumQ();
      out[at + KL_SUM_DIFFERENCE] = k.klSumDifference();
      out[at + KL_INFINITE] = k.klInfinite() !== 0 ? 1 : 0;
      return SLICE_OK;
    }
    case SLICE_OP.entropyScan: {
      const status = scanStatus(k.entropyScan(pPtr, length), () => k.entropyInvalidIndex(), out, at);
      if (status === SLICE_OK) entropyScanResults(k, out, at);
      return status;
    }
    case SLICE_OP.crossEntropyScan: {
      const status = scanStatus(k.crossEntropyScan(pPtr, qPtr, length), () => k.crossEntropyInvalidIndex(), out, at);
      if (status === SLICE_OK) crossEntropyScanResults(k, out, at);
      return status;
    }
    case SLICE_OP.entropyFused: {
      const status = scanStatus(k.entropyFused(pPtr, length), () => k.entropyInvalidIndex(), out, at);
      if (status !== SLICE_OK) return status;
      entropyScanResults(k, out, at);
      out[at + FUSED_TERMS] = k.entropyTerms();
      out[at + FUSED_INFINITE] = 0;
      return SLICE_OK;
    }
    case SLICE_OP.crossEntropyFused: {
      const status = scanStatus(k.crossEntropyFused(pPtr, qPtr, length), () => k.crossEntropyInvalidIndex(), out, at);
      if (status !== SLICE_OK) return status;
      crossEntropyScanResults(k, out, at);
      out[at + FUSED_TERMS] = k.crossEntropyTerms();
      out[at + FUSED_INFINITE] = k.crossEntropyInfinite() !== 0 ? 1 : 0;
      return SLICE_OK;
    }
    case SLICE_OP.entropyAccumulate:
      k.entropyAccumulate(pPtr, length, params[PARAM.total]!, excludedWithin(params, start, length));
      out[at + ACC_TERMS] = k.entropyTerms();
      out[at + ACC_REST] = k.entropyRest();
      out[at + ACC_INFINITE] = 0;
      return SLICE_OK;
    case SLICE_OP.crossEntropyAccumulate:
      k.crossEntropyAccumulate(pPtr, qPtr, length, params[PARAM.total]!, excludedWithin(params, start, length));
      out[at + ACC_TERMS] = k.crossEntropyTerms();
      out[at + ACC_REST] = k.crossEntropyRest();
      out[at + ACC_INFINITE] = k.crossEntropyInfinite() !== 0 ? 1 : 0;
      return SLICE_OK;
    case SLICE_OP.pairScan:
    case SLICE_OP.pairScanRatio: {
      const status = scanStatus(k.pairScan(pPtr, qPtr, length), () => k.pairInvalidIndex(), out, at);
      if (status !== SLICE_OK) return status;
      out[at + PAIR_SUM_P_HI] = k.pairSumPHi();
      out[at + PAIR_SUM_P_LO] = k.pairSumPLo();
      out[at + PAIR_SUM_Q_HI] = k.pairSumQHi();
      out[at + PAIR_SUM_Q_LO] = k.pairSumQLo();
      if (op === SLICE_OP.pairScanRatio) {
        k.renyiRatioStats(pPtr, qPtr, length);
        out[at + PAIR_RATIO_LARGEST] = k.renyiRatioLargest();
        out[at + PAIR_SMALLEST_P] = k.renyiSmallestP();
        out[at + PAIR_SMALLEST_Q] = k.renyiSmallestQ();
      }
      return SLICE_OK;
    }
    case SLICE_OP.jsAccumulate:
      k.jsAccumulate(pPtr, qPtr, length);
      out[at + PAIR_TERMS] = k.jsTerms();
      return SLICE_OK;
    case SLICE_OP.tvAccumulate:
      k.tvAccumulate(pPtr, qPtr, length);
      out[at + PAIR_TERMS] = k.tvTerms();
      return SLICE_OK;
    case SLICE_OP.hellingerAccumulate:
      k.hellingerAccumulate(pPtr, qPtr, length);
      out[at + PAIR_TERMS] = k.hellingerSquared();
      out[at + PAIR_COEFFICIENT] = k.hellingerCoefficient();
      out[at + PAIR_OVERLAP] = k.hellingerOverlap() !== 0 ? 1 : 0;
      return SLICE_OK;
    case SLICE_OP.jeffreysAccumulate:
      k.jeffreysAccumulate(pPtr, qPtr, length, params[PARAM.raw]!);
      out[at + PAIR_TERMS] = k.jeffreysTerms();
      out[at + PAIR_INFINITE] = k.jeffreysInfinite() !== 0 ? 1 : 0;
      return SLICE_OK;
    case SLICE_OP.renyiAccumulate:
      k.renyiAccumulate(pPtr, qPtr, length, params[PARAM.order]!, params[PARAM.swapped]!, params[PARAM.raw]!);
      return renyiResults(k, out, at);
    case SLICE_OP.chiSquareAccumulate:
      k.chiSquareAccumulate(pPtr, qPtr, length);
      out[at + PAIR_TERMS] = k.chiSquareTerms();
      out[at + CHI_SQUARE_FLAGS] = k.chiSquareFlags();
      return SLICE_OK;
    case SLICE_OP.renyiPowerSum:
      k.renyiPowerSum(pPtr, qPtr, length, params[PARAM.order]!, params[PARAM.swapped]!, params[PARAM.raw]!, params[PARAM.shift]!, params[PARAM.maxOnly]!);
      return renyiResults(k, out, at);
  }
}

/** The results of an entropy scan (SCAN_*; Σq is Σp). */
function entropyScanResults(k: SliceExports, out: Float64Array, at: number): void {
  out[at + SCAN_SUM_P] = out[at + SCAN_SUM_Q] = k.entropySum();
  out[at + SCAN_MAX] = k.entropyMax();
  out[at + SCAN_ARG_MAX] = k.entropyArgMax();
}

/** The results of a cross-entropy scan (SCAN_*). */
function crossEntropyScanResults(k: SliceExports, out: Float64Array, at: number): void {
  out[at + SCAN_SUM_P] = k.crossEntropySumP();
  out[at + SCAN_SUM_Q] = k.crossEntropySumQ();
  out[at + SCAN_MAX] = k.crossEntropyMaxQ();
  out[at + SCAN_ARG_MAX] = k.crossEntropyArgMaxQ();
}

/** The results of a Rényi pass (RENYI_*). */
function renyiResults(k: SliceExports, out: Float64Array, at: number): number {
  out[at + RENYI_TERMS] = k.renyiTerms();
  const flags = k.renyiFlags();
  out[at + RENYI_INFINITE] = flags & 1;
  out[at + RENYI_FINITE_TERMS] = (flags >> 1) & 1;
  out[at + RENYI_LARGEST] = k.renyiLargest();
  return SLICE_OK;
}

/** The excluded index relative to the slice [start, start + length), or -1 when it lies outside. */
function excludedWithin(params: Float64Array, start: number, length: number): number {
  const exclude = params[PARAM.exclude]!;
  return exclude >= start && exclude < start + length ? exclude - start : -1;
}

/**
 * What runs the slices of a pass and hands their results to `add`, in slice order: the single-thread hosts
 * and the two-thread path. Throws the `invalid-value` error of the first invalid slice added (P before Q).
 */
export interface SliceRunner {
  runSlices(op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>, params: Float64Array, add: (out: Float64Array, at: number) => void): void;
}

/** Slices in an input of n elements. */
export function sliceCount(n: number): number {
  return Math.ceil(n / SLICE_LENGTH);
}

/**
 * The `invalid-value` error of the slice from `start` whose status is `status` (not SLICE_OK): its first bad
 * value, at out[at + SLICE_INVALID_INDEX] within the slice, of P (SLICE_INVALID_P) or of Q.
 */
export function sliceError(status: number, start: number, out: Float64Array, at: number, p: ArrayLike<number>, q: ArrayLike<number>): DivergenceError {
  const index = start + out[at + SLICE_INVALID_INDEX]!;
  return status === SLICE_INVALID_P ? invalidValueError('P', index, p[index]!) : invalidValueError('Q', index, q[index]!);
}
