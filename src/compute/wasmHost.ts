import { SLICE_LENGTH } from './chunking';
import { prepareSliceOp, runSliceOp, SLICE_OK, SLICE_RESULT_LENGTH, sliceError, sliceExports, sliceOpReadsQ } from './sliceOps';
import type { SliceExports, SliceOp, SliceRunner } from './sliceOps';
import { copyInto, ensureBytes, exportedMemory, requireFunctions, twoArrayCapacity, type WasmMemory } from './wasmModule';

/** What every kernel module the hosts instantiate exports besides its functions. */
export interface HostExports {
  readonly memory: WasmMemory;
  heapBase(): number;
}

/** Where P and Q lie in the module's memory: byte pointers for the kernels, element offsets for the host. */
export interface PairLayout {
  readonly pPtr: number;
  readonly qPtr: number;
  readonly pOffset: number;
  readonly qOffset: number;
}

/**
 * The common part of the hosts of build/kernels.wasm (`WasmBackend`: KL, entropy, cross-entropy;
 * `WasmMeasures`: the pair measures, histogram binning, Cholesky): the checked exports, the heap above the
 * module's static data, growing it; and the slices of the measures'
 * passes (sliceOps.ts) on this thread. Each host has its own module instance (its own memory), so the two
 * never share a buffer.
 */
export abstract class WasmHost<K extends HostExports> implements SliceRunner {
  protected readonly kernel: K;
  /** The kernels the slices of every pass call (sliceOps.ts). */
  protected readonly slices: SliceExports;
  private readonly sliceOut = new Float64Array(SLICE_RESULT_LENGTH);
  protected readonly heapBase: number;
  protected heap: Float64Array;
  /** Elements per array the memory currently holds for two arrays (see `pairLayout`). */
  private capacity = 0;

  protected constructor(exports: Record<string, unknown>, functions: readonly string[]) {
    requireFunctions(exports, functions);
    const memory = exportedMemory(exports);
    this.kernel = exports as unknown as K;
    this.slices = sliceExports(exports);
    this.heapBase = this.kernel.heapBase();
    this.heap = new Float64Array(memory.buffer);
  }

  /**
   * Runs pass `op` over P and Q slice by slice on this thread and hands each slice's results to `add`, in
   * order (see `SliceRunner`).
   *
   * @throws DivergenceError `invalid-value` for the first invalid value of a scan (P before Q at an index).
   */
  runSlices(op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>, params: Float64Array, add: (out: Float64Array, at: number) => void): void {
    this.prepareSlices(op, params);
    const out = this.sliceOut;
    for (let start = 0; start < p.length; start += SLICE_LENGTH) {
      const status = this.sliceInto(op, p, q, start, Math.min(SLICE_LENGTH, p.length - start), params, out, 0);
      if (status !== SLICE_OK) throw sliceError(status, start, out, 0, p, q);
      add(out, 0);
    }
  }

  /** Hands pass `op`'s kernel-global parameters to this instance (before its `sliceInto` calls). */
  prepareSlices(op: SliceOp, params: Float64Array): void {
    prepareSliceOp(this.slices, op, params);
  }

  /**
   * One slice of pass `op`: copies P (and Q when the pass reads it) [start, start + length), length ≤
   * SLICE_LENGTH, into the module's memory and writes its results into out[at, at + SLICE_RESULT_LENGTH);
   * returns its status (`runSliceOp`). The calling thread of klThreads.ts calls this on its share of the slices.
   */
  sliceInto(op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>, start: number, length: number, params: Float64Array, out: Float64Array, at: number): number {
    const layout = this.pairLayout(SLICE_LENGTH);
    copyInto(this.heap, layout.pOffset, p, start, length);
    if (sliceOpReadsQ(op)) copyInto(this.heap, layout.qOffset, q, start, length);
    return runSliceOp(this.slices, op, layout.pPtr, layout.qPtr, start, length, params, out, at);
  }

  /** Grows the memory so that two arrays of `length` doubles fit after the heap base, and says where they lie. */
  protected pairLayout(length: number): PairLayout {
    if (length > this.capacity) {
      this.capacity = twoArrayCapacity(length);
      this.heap = ensureBytes(this.kernel.memory, this.heapBase + 16 * this.capacity);
    }
    const pOffset = this.heapBase / 8;
    const qOffset = pOffset + this.capacity;
    return { pPtr: pOffset * 8, qPtr: qOffset * 8, pOffset, qOffset };
  }

  /** Grows the memory to at least `bytes` bytes. */
  protected growTo(bytes: number): void {
    this.heap = ensureBytes(this.kernel.memory, bytes);
  }

  /**
   * V8 runs a wasm function in its baseline tier until it has used its tier-up budget, and the optimised code
   * serves the next call: a few small calls at start-up make the first real call run optimised. This lays out
   * `length` values in P and Q for them (1 + i mod 7).
   */
  protected warmUpInput(length: number): PairLayout {
    const layout = this.pairLayout(length);
    for (let i = 0; i < 2 * length; i++) this.heap[layout.pOffset + i] = 1 + (i % 7);
    return layout;
  }
}
