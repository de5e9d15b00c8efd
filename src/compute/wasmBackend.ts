import { invalidValueError } from '../core/validate';
import { NeumaierSum } from '../core/numeric';
import type { KlSums } from '../core/klDivergence';
import type { KlBackend } from './backend';

/**
 * The WebAssembly backend: the SIMD kernel of assembly/klKernel.ts behind the `KlBackend` interface.
 *
 * The host copies P and Q into the module's memory in chunks of `CHUNK_LENGTH` elements and combines the
 * chunks' sums with Neumaier summation. Chunking bounds the memory the module keeps (2 × 8 MiB however long
 * the input), lets V8 move the kernel from its baseline tier to the optimising tier between chunks (a wasm
 * function's first call runs in the baseline tier until it returns), and is where progress and cancellation
 * can hook in.
 */

/** Elements of P (and of Q) per kernel call: 2^20, i.e. 8 MiB per array. */
export const CHUNK_LENGTH = 1 << 20;

const PAGE_BYTES = 65536;

/** The subset of the WebAssembly JS API used here, typed locally: src/ is compiled without the DOM lib. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ readonly instance: { readonly exports: Record<string, unknown> } }>;
}

interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  klAccumulate(pPtr: number, qPtr: number, n: number, exponentOffset: number): number;
  klTerms(): number;
  klSumP(): number;
  klSumQ(): number;
  klSumDifference(): number;
  klInfinite(): number;
  klInvalidIndex(): number;
}

const KERNEL_FUNCTIONS = ['heapBase', 'klAccumulate', 'klTerms', 'klSumP', 'klSumQ', 'klSumDifference', 'klInfinite', 'klInvalidIndex'] as const;

function webAssemblyApi(): WasmApi {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!api) throw new Error('this JavaScript runtime has no WebAssembly');
  return api;
}

/** Status codes are read from the module's exported globals so that host and kernel cannot drift apart. */
function statusCode(exports: Record<string, unknown>, name: string): number {
  const g = exports[name] as { value?: unknown } | undefined;
  if (typeof g?.value !== 'number') throw new Error(`the kernel module does not export ${name}`);
  return g.value;
}

export class WasmBackend implements KlBackend {
  readonly name = 'wasm';
  private readonly kernel: KernelExports;
  private readonly statusOk: number;
  private readonly statusInvalidP: number;
  private readonly heapBase: number;
  /** Elements per array the memory currently holds. */
  private capacity = 0;
  private heap: Float64Array;

  private constructor(exports: Record<string, unknown>) {
    for (const f of KERNEL_FUNCTIONS) {
      if (typeof exports[f] !== 'function') throw new Error(`the kernel module does not export ${f}()`);
    }
    const memory = exports.memory as KernelExports['memory'] | undefined;
    if (!memory || !(memory.buffer instanceof ArrayBuffer)) throw new Error('the kernel module does not export its memory');
    this.kernel = exports as unknown as KernelExports;
    this.statusOk = statusCode(exports, 'KL_OK');
    this.statusInvalidP = statusCode(exports, 'KL_INVALID_P');
    statusCode(exports, 'KL_INVALID_Q');
    this.heapBase = this.kernel.heapBase();
    this.heap = new Float64Array(memory.buffer);
    this.warmUp();
  }

  /** Compiles and instantiates the kernel asynchronously (off the main thread where the engine can). */
  static async instantiate(bytes: Uint8Array): Promise<WasmBackend> {
    const { instance } = await webAssemblyApi().instantiate(bytes, {});
    return new WasmBackend(instance.exports);
  }

  /** Compiles and instantiates synchronously: fine in Node for a module this small (a few KB). */
  static instantiateSync(bytes: Uint8Array): WasmBackend {
    const api = webAssemblyApi();
    return new WasmBackend(new api.Instance(new api.Module(bytes), {}).exports);
  }

  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
    const n = p.length;
    this.reserve(Math.min(n, CHUNK_LENGTH));
    const terms = new NeumaierSum();
    const sumP = new NeumaierSum();
    const sumQ = new NeumaierSum();
    const sumDifference = new NeumaierSum();
    let infinite = false;
    const pOffset = this.heapBase / 8;
    const qOffset = pOffset + this.capacity;
    for (let start = 0; start < n; start += CHUNK_LENGTH) {
      const length = Math.min(CHUNK_LENGTH, n - start);
      copyInto(this.heap, pOffset, p, start, length);
      copyInto(this.heap, qOffset, q, start, length);
      const status = this.kernel.klAccumulate(pOffset * 8, qOffset * 8, length, exponentOffset);
      if (status !== this.statusOk) {
        const index = start + this.kernel.klInvalidIndex();
        throw status === this.statusInvalidP ? invalidValueError('P', index, p[index]!) : invalidValueError('Q', index, q[index]!);
      }
      terms.add(this.kernel.klTerms());
      sumP.add(this.kernel.klSumP());
      sumQ.add(this.kernel.klSumQ());
      sumDifference.add(this.kernel.klSumDifference());
      infinite ||= this.kernel.klInfinite() !== 0;
    }
    const result: KlSums = {
      terms: terms.value,
      exponentOffset,
      sumP: sumP.value,
      sumQ: sumQ.value,
      sumDifference: sumDifference.value,
      scaleExponent: 0,
      infinite,
    };
    const finite = Number.isFinite(result.sumP) && Number.isFinite(result.sumQ) && (infinite || Number.isFinite(result.terms));
    return finite ? result : undefined;
  }

  /** Grows the memory so that two arrays of `length` doubles fit after the heap base. */
  private reserve(length: number): void {
    if (length <= this.capacity) return;
    const capacity = Math.max(length + (length & 1), 1024); // even, so that Q stays 16-byte aligned
    const needed = this.heapBase + 16 * capacity;
    const memory = this.kernel.memory;
    if (needed > memory.buffer.byteLength) memory.grow(Math.ceil((needed - memory.buffer.byteLength) / PAGE_BYTES));
    this.heap = new Float64Array(memory.buffer); // growing detaches the old buffer
    this.capacity = capacity;
  }

  /**
   * V8 runs a wasm function in its baseline tier until it has used its tier-up budget, and the optimised code
   * serves the next call: a few small calls at start-up make the first real call run optimised.
   */
  private warmUp(): void {
    const length = 4096;
    this.reserve(length);
    const pOffset = this.heapBase / 8;
    for (let i = 0; i < 2 * length; i++) this.heap[pOffset + i] = 1 + (i % 7);
    for (let round = 0; round < 8; round++) this.kernel.klAccumulate(this.heapBase, this.heapBase + 8 * this.capacity, length, 0);
  }
}

function copyInto(heap: Float64Array, offset: number, source: ArrayLike<number>, start: number, length: number): void {
  if (source instanceof Float64Array || source instanceof Float32Array) {
    heap.set(source.subarray(start, start + length), offset);
  } else {
    for (let i = 0; i < length; i++) heap[offset + i] = source[start + i]!;
  }
}
