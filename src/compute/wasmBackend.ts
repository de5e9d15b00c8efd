import { invalidValueError, zeroSumError } from '../core/validate';
import { NeumaierSum } from '../core/numeric';
import { normalRangeExponent, scaledByPowerOfTwo } from '../core/distributionInput';
import type { KlSums } from '../core/klDivergence';
import type { KlBackend } from './backend';
import { CHUNK_LENGTH, SLICE_LENGTH, SLICES_PER_CHUNK } from './chunking';
import { copyInto, instantiateAsync, instantiateSync, requireFunctions, statusCode } from './wasmModule';
import { invalidPairValue, WasmHost, type HostExports } from './wasmHost';

/**
 * The WebAssembly backend: the SIMD kernel of assembly/klKernel.ts behind the `KlBackend` interface, and
 * those of assembly/entropyKernel.ts and assembly/crossEntropyKernel.ts (`entropyParts`, `crossEntropyParts`).
 * Inputs go in piece by piece (chunking.ts): KL by slices of `SLICE_LENGTH` elements, summed as a two-level
 * tree (`KlSumTree`); entropy and cross-entropy by chunks of `CHUNK_LENGTH`.
 */

export { CHUNK_LENGTH, SLICE_LENGTH, SLICES_PER_CHUNK } from './chunking';

/** Layout of one slice's results in a Float64Array (see `WasmBackend.klSliceInto`). */
export const SLICE_TERMS = 0;
export const SLICE_SUM_P = 1;
export const SLICE_SUM_Q = 2;
export const SLICE_SUM_DIFFERENCE = 3;
export const SLICE_INFINITE = 4;
export const SLICE_INVALID_INDEX = 5;
export const SLICE_RESULT_LENGTH = 6;
/** Status of a slice. */
export const SLICE_OK = 0;
export const SLICE_INVALID_P = 1;
export const SLICE_INVALID_Q = 2;

/**
 * The KL sums of consecutive slices, added in order (the first slice starting a chunk): Neumaier sums within
 * the current chunk, whose rounded totals go into the Neumaier sums of the whole input.
 */
export class KlSumTree {
  private readonly chunk = [new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum()];
  private readonly total = [new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum()];
  private slices = 0;
  private infinite = false;

  /** Adds the results of the next slice, read from out[at, at + SLICE_RESULT_LENGTH). */
  add(out: Float64Array, at: number): void {
    this.chunk[0]!.add(out[at + SLICE_TERMS]!);
    this.chunk[1]!.add(out[at + SLICE_SUM_P]!);
    this.chunk[2]!.add(out[at + SLICE_SUM_Q]!);
    this.chunk[3]!.add(out[at + SLICE_SUM_DIFFERENCE]!);
    this.infinite ||= out[at + SLICE_INFINITE] !== 0;
    if (++this.slices % SLICES_PER_CHUNK === 0) this.closeChunk();
  }

  /** Adds the totals of a whole chunk (the worker pool's unit), after whole chunks only. */
  addChunk(sums: KlSums): void {
    this.total[0]!.add(sums.terms);
    this.total[1]!.add(sums.sumP);
    this.total[2]!.add(sums.sumQ);
    this.total[3]!.add(sums.sumDifference);
    this.infinite ||= sums.infinite;
  }

  /** The sums of every slice added, or `undefined` when one overflowed (the TS reference rescales). */
  sums(exponentOffset: number): KlSums | undefined {
    if (this.slices % SLICES_PER_CHUNK !== 0) this.closeChunk();
    const result: KlSums = {
      terms: this.total[0]!.value,
      exponentOffset,
      sumP: this.total[1]!.value,
      sumQ: this.total[2]!.value,
      sumDifference: this.total[3]!.value,
      scaleExponent: 0,
      infinite: this.infinite,
    };
    const finite = Number.isFinite(result.sumP) && Number.isFinite(result.sumQ) && (this.infinite || Number.isFinite(result.terms));
    return finite ? result : undefined;
  }

  private closeChunk(): void {
    for (let i = 0; i < 4; i++) {
      this.total[i]!.add(this.chunk[i]!.value);
      this.chunk[i] = new NeumaierSum();
    }
  }
}



/** The KL kernel's exports (assembly/klKernel.ts), in build/kernels.wasm and build/kernels-shared.wasm alike. */
export interface KlKernelExports {
  klAccumulate(pPtr: number, qPtr: number, n: number, exponentOffset: number): number;
  klTerms(): number;
  klSumP(): number;
  klSumQ(): number;
  klSumDifference(): number;
  klInfinite(): number;
  klInvalidIndex(): number;
}

const KL_FUNCTIONS = ['klAccumulate', 'klTerms', 'klSumP', 'klSumQ', 'klSumDifference', 'klInfinite', 'klInvalidIndex'] as const;

/**
 * One KL kernel call on a slice already in the module's memory, its results written in the slice layout
 * (SLICE_TERMS …): what the single-thread backend does after copying a slice in, and what the helper thread
 * of klThreads.ts does on the shared ring, where the slice already is.
 */
export class KlSliceKernel {
  private readonly ok: number;
  private readonly invalidP: number;

  constructor(private readonly kernel: KlKernelExports, exports: Record<string, unknown>) {
    requireFunctions(exports, KL_FUNCTIONS);
    this.ok = statusCode(exports, 'KL_OK');
    this.invalidP = statusCode(exports, 'KL_INVALID_P');
    statusCode(exports, 'KL_INVALID_Q');
  }

  /**
   * Sums `length` elements at byte addresses pPtr and qPtr into out[at, at + SLICE_RESULT_LENGTH). Returns
   * SLICE_OK, or SLICE_INVALID_P / SLICE_INVALID_Q with the first bad index within the slice at
   * out[at + SLICE_INVALID_INDEX].
   */
  accumulate(pPtr: number, qPtr: number, length: number, exponentOffset: number, out: Float64Array, at: number): number {
    const k = this.kernel;
    const status = k.klAccumulate(pPtr, qPtr, length, exponentOffset);
    if (status !== this.ok) {
      out[at + SLICE_INVALID_INDEX] = k.klInvalidIndex();
      return status === this.invalidP ? SLICE_INVALID_P : SLICE_INVALID_Q;
    }
    out[at + SLICE_TERMS] = k.klTerms();
    out[at + SLICE_SUM_P] = k.klSumP();
    out[at + SLICE_SUM_Q] = k.klSumQ();
    out[at + SLICE_SUM_DIFFERENCE] = k.klSumDifference();
    out[at + SLICE_INFINITE] = k.klInfinite() !== 0 ? 1 : 0;
    return SLICE_OK;
  }
}

interface KernelExports extends KlKernelExports, HostExports {
  entropyScan(ptr: number, n: number): number;
  entropySum(): number;
  entropyMax(): number;
  entropyArgMax(): number;
  entropyInvalidIndex(): number;
  entropyAccumulate(ptr: number, n: number, total: number, exclude: number): void;
  entropyTerms(): number;
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
}

/**
 * The parts `entropy` of src/core assembles H(P) from (probability input): Σp, and in nats either the
 * normalised H = (Σ_{i≠max} p_i·ln(s/p_i) + p_max·log1p(rest/p_max))/s or the raw -Σ p_i ln p_i.
 */
export interface EntropyParts {
  readonly nats: number;
  readonly sum: number;
}

/** The parts `crossEntropy` of src/core assembles H(P, Q) from (probability input): in nats, and Σp, Σq. */
export interface CrossEntropyParts {
  readonly nats: number;
  readonly sums: { readonly p: number; readonly q: number };
}

/**
 * Sums from here on are computed scaled by the TS reference (src/core/distributionInput.ts MAX_PLAIN_SUM),
 * which the kernels do not do: the host hands such inputs to the reference.
 */
const MAX_PLAIN_SUM = 2 ** 960;

const KERNEL_FUNCTIONS = [
  'heapBase',
  'entropyScan',
  'entropySum',
  'entropyMax',
  'entropyArgMax',
  'entropyInvalidIndex',
  'entropyAccumulate',
  'entropyTerms',
  'entropyRest',
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
] as const;



export class WasmBackend extends WasmHost<KernelExports> implements KlBackend {
  readonly name = 'wasm';
  private readonly kl: KlSliceKernel;
  private readonly entropyOk: number;
  private readonly crossEntropyOk: number;
  private readonly crossEntropyInvalidP: number;
  private readonly sliceOut = new Float64Array(SLICE_RESULT_LENGTH);

  private constructor(exports: Record<string, unknown>) {
    super(exports, KERNEL_FUNCTIONS);
    this.kl = new KlSliceKernel(this.kernel, exports);
    this.entropyOk = statusCode(exports, 'ENTROPY_OK');
    statusCode(exports, 'ENTROPY_INVALID');
    this.crossEntropyOk = statusCode(exports, 'CROSS_ENTROPY_OK');
    this.crossEntropyInvalidP = statusCode(exports, 'CROSS_ENTROPY_INVALID_P');
    statusCode(exports, 'CROSS_ENTROPY_INVALID_Q');
    this.warmUp();
  }

  /** Compiles and instantiates the kernel asynchronously (off the main thread where the engine can). */
  static async instantiate(bytes: Uint8Array): Promise<WasmBackend> {
    return new WasmBackend(await instantiateAsync(bytes));
  }

  /** Compiles and instantiates synchronously: fine in Node for a module this small (a few KB). */
  static instantiateSync(bytes: Uint8Array): WasmBackend {
    return new WasmBackend(instantiateSync(bytes));
  }

  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
    const n = p.length;
    const tree = new KlSumTree();
    const out = this.sliceOut;
    for (let start = 0; start < n; start += SLICE_LENGTH) {
      const status = this.klSliceInto(p, q, start, Math.min(SLICE_LENGTH, n - start), exponentOffset, out, 0);
      if (status !== SLICE_OK) throw invalidPairValue(status === SLICE_INVALID_P, start + out[SLICE_INVALID_INDEX]!, p, q);
      tree.add(out, 0);
    }
    return tree.sums(exponentOffset);
  }

  /**
   * One kernel call: copies P and Q[start, start + length) (length ≤ SLICE_LENGTH) into the module's memory and
   * writes the slice's sums into out[at, at + SLICE_RESULT_LENGTH) (see SLICE_TERMS and the other offsets).
   * Returns SLICE_OK, or SLICE_INVALID_P / SLICE_INVALID_Q with the first bad index within the slice at
   * out[at + SLICE_INVALID_INDEX]. The calling thread of `klThreads.ts` calls this on its share of the slices.
   */
  klSliceInto(p: ArrayLike<number>, q: ArrayLike<number>, start: number, length: number, exponentOffset: number, out: Float64Array, at: number): number {
    const layout = this.pairLayout(SLICE_LENGTH);
    this.copyPair(layout, p, q, start, length);
    return this.kl.accumulate(layout.pPtr, layout.qPtr, length, exponentOffset, out, at);
  }

  /**
   * The parts of H(P) for probability input of non-zero length (`entropy` of src/core checks the rest first),
   * or `undefined` when Σp reaches 2^960 and the TS reference, which rescales, should serve.
   * Two kernel calls per chunk: a scan (validity, Σp, the largest value and its first index), then the terms.
   *
   * @throws DivergenceError `invalid-value` for the first negative, NaN or infinite value, `zero-sum`.
   */
  entropyParts(p: ArrayLike<number>, normalize: boolean): EntropyParts | undefined {
    const n = p.length;
    const layout = this.pairLayout(Math.min(n, CHUNK_LENGTH));
    const k = this.kernel;
    const ptr = layout.pPtr;
    const sum = new NeumaierSum();
    let top = -1;
    let argMax = -1;
    for (let start = 0; start < n; start += CHUNK_LENGTH) {
      const length = Math.min(CHUNK_LENGTH, n - start);
      copyInto(this.heap, layout.pOffset, p, start, length);
      if (k.entropyScan(ptr, length) !== this.entropyOk) {
        const index = start + k.entropyInvalidIndex();
        throw invalidValueError('P', index, p[index]!);
      }
      sum.add(k.entropySum());
      if (k.entropyMax() > top) {
        top = k.entropyMax();
        argMax = start + k.entropyArgMax();
      }
    }
    const s = sum.value;
    if (!(s < MAX_PLAIN_SUM)) return undefined;
    if (s === 0) throw zeroSumError('P');
    // Normalised, with a sum below 2^-960: the scaled values' entropy (`normalRangeExponent`), exactly as the reference.
    const scaleUp = normalize ? normalRangeExponent(s) : 0;
    if (scaleUp !== 0) return { nats: this.entropyParts(scaledByPowerOfTwo(p, scaleUp), true)!.nats, sum: s };
    const total = normalize ? s : 1;
    const exclude = normalize ? argMax : -1;
    const terms = new NeumaierSum();
    const rest = new NeumaierSum();
    this.secondPass(layout, p, undefined, (start, length) => {
      k.entropyAccumulate(ptr, length, total, exclude >= start && exclude < start + length ? exclude - start : -1);
      terms.add(k.entropyTerms());
      rest.add(k.entropyRest());
    });
    if (!normalize) return { nats: terms.value, sum: s };
    terms.add(top * Math.log1p(rest.value / top));
    return { nats: terms.value / s, sum: s };
  }

  /**
   * The parts of H(P, Q) for probability inputs of equal, non-zero length, or `undefined` when Σp or Σq
   * reaches 2^960 and the TS reference, which rescales, should serve. As `entropyParts`, with the largest q.
   *
   * @throws DivergenceError `invalid-value` for the first negative, NaN or infinite value (P before Q at the
   *   same index), `zero-sum` (P first).
   */
  crossEntropyParts(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean): CrossEntropyParts | undefined {
    const n = p.length;
    const layout = this.pairLayout(Math.min(n, CHUNK_LENGTH));
    const k = this.kernel;
    const { pPtr, qPtr } = layout;
    const sumP = new NeumaierSum();
    const sumQ = new NeumaierSum();
    let top = -1;
    let argMax = -1;
    for (let start = 0; start < n; start += CHUNK_LENGTH) {
      const length = Math.min(CHUNK_LENGTH, n - start);
      this.copyPair(layout, p, q, start, length);
      const status = k.crossEntropyScan(pPtr, qPtr, length);
      if (status !== this.crossEntropyOk) throw invalidPairValue(status === this.crossEntropyInvalidP, start + k.crossEntropyInvalidIndex(), p, q);
      sumP.add(k.crossEntropySumP());
      sumQ.add(k.crossEntropySumQ());
      if (k.crossEntropyMaxQ() > top) {
        top = k.crossEntropyMaxQ();
        argMax = start + k.crossEntropyArgMaxQ();
      }
    }
    const sp = sumP.value;
    const sq = sumQ.value;
    if (!(sp < MAX_PLAIN_SUM && sq < MAX_PLAIN_SUM)) return undefined;
    if (sp === 0) throw zeroSumError('P');
    if (sq === 0) throw zeroSumError('Q');
    const sums = { p: sp, q: sq };
    const kp = normalize ? normalRangeExponent(sp) : 0;
    const kq = normalize ? normalRangeExponent(sq) : 0;
    if (kp !== 0 || kq !== 0) return { nats: this.crossEntropyParts(scaledByPowerOfTwo(p, kp), scaledByPowerOfTwo(q, kq), true)!.nats, sums };
    const total = normalize ? sq : 1;
    const exclude = normalize ? argMax : -1;
    const terms = new NeumaierSum();
    const rest = new NeumaierSum();
    let infinite = false;
    this.secondPass(layout, p, q, (start, length) => {
      if (infinite) return;
      k.crossEntropyAccumulate(pPtr, qPtr, length, total, exclude >= start && exclude < start + length ? exclude - start : -1);
      infinite = k.crossEntropyInfinite() !== 0;
      terms.add(k.crossEntropyTerms());
      rest.add(k.crossEntropyRest());
    });
    if (infinite) return { nats: Infinity, sums };
    if (!normalize) return { nats: terms.value, sums };
    const pTop = p[argMax]!;
    if (pTop > 0) terms.add(pTop * Math.log1p(rest.value / top));
    return { nats: terms.value / sp, sums };
  }

  /** A few small calls so that V8's optimising tier serves the first real call (see `WasmHost.warmUpInput`). */
  private warmUp(): void {
    const { pPtr, qPtr } = this.warmUpInput(4096);
    const length = 4096;
    for (let round = 0; round < 8; round++) {
      this.kernel.klAccumulate(pPtr, qPtr, length, 0);
      this.kernel.entropyScan(pPtr, length);
      this.kernel.entropyAccumulate(pPtr, length, 3 * length, 5);
      this.kernel.crossEntropyScan(pPtr, qPtr, length);
      this.kernel.crossEntropyAccumulate(pPtr, qPtr, length, 3 * length, 5);
    }
  }
}
