import type { DivergenceError } from '../core/errors';
import { invalidValueError } from '../core/validate';
import { CHUNK_LENGTH } from './chunking';
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
 * module's static data, growing it, and copying inputs in chunk by chunk. Each host has its own module instance
 * (its own memory), so the two never share a buffer.
 */
export abstract class WasmHost<K extends HostExports> {
  protected readonly kernel: K;
  protected readonly heapBase: number;
  protected heap: Float64Array;
  /** Elements per array the memory currently holds for two arrays (see `pairLayout`). */
  private capacity = 0;

  protected constructor(exports: Record<string, unknown>, functions: readonly string[]) {
    requireFunctions(exports, functions);
    const memory = exportedMemory(exports);
    this.kernel = exports as unknown as K;
    this.heapBase = this.kernel.heapBase();
    this.heap = new Float64Array(memory.buffer);
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

  /** Copies P[start, start + length) and Q[…] into the memory at `layout`. */
  protected copyPair(layout: PairLayout, p: ArrayLike<number>, q: ArrayLike<number>, start: number, length: number): void {
    copyInto(this.heap, layout.pOffset, p, start, length);
    copyInto(this.heap, layout.qOffset, q, start, length);
  }

  /**
   * A second pass over P and Q by chunks of CHUNK_LENGTH, after a first pass that copied every chunk in: a
   * single chunk is still in memory, longer inputs are copied again. `visit` gets each chunk's start and length.
   */
  protected secondPass(layout: PairLayout, p: ArrayLike<number>, q: ArrayLike<number> | undefined, visit: (start: number, length: number) => void): void {
    const n = p.length;
    for (let start = 0; start < n; start += CHUNK_LENGTH) {
      const length = Math.min(CHUNK_LENGTH, n - start);
      if (n > CHUNK_LENGTH) {
        copyInto(this.heap, layout.pOffset, p, start, length);
        if (q) copyInto(this.heap, layout.qOffset, q, start, length);
      }
      visit(start, length);
    }
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

/** The `invalid-value` error for the first bad value of a pair, at `index` of P (`inP`) or else of Q. */
export function invalidPairValue(inP: boolean, index: number, p: ArrayLike<number>, q: ArrayLike<number>): DivergenceError {
  return inP ? invalidValueError('P', index, p[index]!) : invalidValueError('Q', index, q[index]!);
}
