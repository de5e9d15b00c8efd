/**
 * MVN KL on two threads: the helper thread of klThreads.ts factors Σ1 while this thread factors Σ0. The two
 * Cholesky factorisations are independent, and each costs about as much as the triangular solve M = L1⁻¹·L0
 * that follows them, so the call takes about two thirds of its time on one thread.
 *
 * How a call runs (`mvnKlOnTwoThreads`):
 * - this thread copies Σ1's values into the aside region of the helper's shared memory (after its rings; the
 *   memory grows to d²·8 bytes and the kernel's scratch), marks the job `posted` and starts the helper's job
 *   `MVN_FACTOR_OP`; the helper takes it (`posted` → `running`), factors the matrix where it lies with its
 *   instance of build/kernels-shared.wasm (the same kernel as build/kernels.wasm, so the same factor and
 *   verdict, bit for bit) and marks it `done`;
 * - meanwhile this thread runs `mvnKl` of src/core as the single-thread path does, with its own kernels
 *   (`WasmMeasures`): it validates and factors Σ0, then validates Σ1 and, in place of factoring it, copies
 *   the helper's factor (and its verdict: -1 or the row of the rejected pivot) into its array. So every
 *   error is the single-thread path's, in the same order, with the same message: a rejected pivot shows in
 *   the factor exactly as it would have here.
 * - It never waits long: if the helper has not started the job when this thread wants the factor, it takes
 *   the job back (`posted` → `idle`) and factors Σ1 itself; if the helper is still factoring after as long as
 *   Σ0 took here, this thread factors Σ1 itself too and leaves the job to finish: until it is `done`, calls
 *   run on one thread. When the call throws before it wants the factor (Σ0 or Σ1 invalid), the job is taken
 *   back, or left to finish, the same way.
 */
import { mvnKl as mvnKlTs, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';
import { packedLength, type WasmMeasures } from './wasmMeasures';
import type { WasmMemory } from './wasmModule';

/** The helper's job (in `THREAD_CONTROL.op`, beside the `SLICE_OP`s) that factors the matrix of the aside region. */
export const MVN_FACTOR_OP = 100;

/**
 * From this dimension `mvnKl` factors Σ1 on the helper thread. Below it waking the helper and the copies cost
 * more than they save: on a loaded 2-core machine, at d = 200 two threads took 0.79 ms against 0.65-0.72 ms
 * for one in every run; at d = 300 and 500, 20-25% less time when a core was free, up to 8% more when not.
 */
export const MVN_THREAD_MIN_DIMENSION = 300;

/** Where the aside region lies: its shared buffer and byte offset. */
export interface AsideRegion {
  readonly buffer: ArrayBuffer;
  readonly offset: number;
}

/** A helper thread that runs a job of its own on a region of its shared memory (`KlThreads`). */
export interface AsideJobs {
  readonly usable: boolean;
  /** The region, grown to at least `bytes` bytes, or undefined if the memory cannot grow. */
  asideRegion(bytes: number): AsideRegion | undefined;
  /** Starts the helper's job `op`. */
  postAside(op: number): void;
}

/** Values of the region's state word. */
const STATE = { idle: 0, posted: 1, running: 2, done: 3 } as const;
/** The region's Int32 words: state, dimension, the verdict (-1 or the rejected row), byte offset of the scratch. */
const WORD = { state: 0, n: 1, row: 2, packed: 3 } as const;
/** Bytes of the words before the matrix (16: the matrix stays 16-byte aligned). */
const HEADER_BYTES = 16;

interface FactorExports {
  choleskyFactor(aPtr: number, n: number, packedPtr: number): number;
}

/**
 * D(N(μ0, Σ0) ‖ N(μ1, Σ1)) as `mvnKl` of src/core with `host`'s kernels, Σ1 factored by `helper` (see the
 * module doc): the same result and errors as the single-thread path, bit for bit. Undefined, having done
 * nothing, when the helper cannot serve (not usable, its memory cannot grow, still busy with an earlier
 * factor) or Σ1 has not d×d values: the caller then runs the single-thread path.
 */
export function mvnKlOnTwoThreads(
  host: WasmMeasures,
  helper: AsideJobs,
  mu0: ArrayLike<number>,
  cov0: CovarianceMatrix,
  mu1: ArrayLike<number>,
  cov1: CovarianceMatrix,
  options: MvnKlOptions,
): MvnKlResult | undefined {
  const d = mu0.length;
  const square = d * d;
  if (d === 0 || cov1.values.length !== square || !helper.usable) return undefined;
  const matrixBytes = 8 * (square + (square & 1));
  const region = helper.asideRegion(HEADER_BYTES + matrixBytes + 8 * packedLength(d));
  if (!region) return undefined;
  const words = new Int32Array(region.buffer, region.offset, HEADER_BYTES / 4);
  const state = Atomics.load(words, WORD.state);
  if (state === STATE.running || state === STATE.posted) return undefined;
  const matrix = new Float64Array(region.buffer, region.offset + HEADER_BYTES, square);
  matrix.set(cov1.values);
  words[WORD.n] = d;
  words[WORD.packed] = region.offset + HEADER_BYTES + matrixBytes;
  Atomics.store(words, WORD.state, STATE.posted);
  helper.postAside(MVN_FACTOR_OP);

  let arrays: readonly [Float64Array, Float64Array] | undefined;
  let ownMs = 0;
  const factorHere = (a: Float64Array, n: number): number => {
    const started = performance.now();
    const row = host.choleskyInPlace(a, n);
    ownMs = performance.now() - started;
    return row;
  };
  /** Σ1's factor: the helper's, or this thread's when the helper has not started or is late. */
  const collect = (a: Float64Array, n: number): number => {
    if (Atomics.compareExchange(words, WORD.state, STATE.posted, STATE.idle) === STATE.posted) return factorHere(a, n);
    const deadline = performance.now() + ownMs;
    for (;;) {
      const now = Atomics.load(words, WORD.state);
      if (now === STATE.done) break;
      const left = deadline - performance.now();
      if (left <= 0) return factorHere(a, n);
      Atomics.wait(words, WORD.state, now, left);
    }
    a.set(matrix);
    const row = words[WORD.row]!;
    Atomics.store(words, WORD.state, STATE.idle);
    return row;
  };
  const linearAlgebra = {
    factorArrays: (n: number) => (arrays = host.mvnFactorArrays(n)),
    choleskyInPlace: (a: Float64Array, n: number) => (a === arrays?.[1] ? collect(a, n) : factorHere(a, n)),
    strictLowerSquares: (l1: Float64Array, l0: Float64Array, n: number) => host.strictLowerSquares(l1, l0, n),
  };
  try {
    return mvnKlTs(mu0, cov0, mu1, cov1, options, linearAlgebra);
  } finally {
    // Thrown before Σ1's factor was wanted: take the job back unless the helper has started it.
    Atomics.compareExchange(words, WORD.state, STATE.posted, STATE.idle);
  }
}

/**
 * The helper's side of job `MVN_FACTOR_OP` (run by `runKlThreadWorker`, with build/kernels-shared.wasm
 * instantiated on `memory`): factors the matrix of the aside region at byte `offset`, unless this thread has
 * taken the job back.
 */
export function runMvnFactorJob(kernel: object, memory: WasmMemory, offset: number): void {
  const words = new Int32Array(memory.buffer, offset, HEADER_BYTES / 4);
  if (Atomics.compareExchange(words, WORD.state, STATE.posted, STATE.running) !== STATE.posted) return;
  const row = (kernel as FactorExports).choleskyFactor(offset + HEADER_BYTES, words[WORD.n]!, words[WORD.packed]!);
  words[WORD.row] = row;
  Atomics.store(words, WORD.state, STATE.done);
  Atomics.notify(words, WORD.state);
}
