/**
 * MVN KL on two threads: the helper thread of klThreads.ts factors Σ1 while this thread factors Σ0, then
 * solves the first columns of M = L1⁻¹·L0 while this thread solves the rest. The two factorisations are
 * independent and each costs about as much as the solve, so both halves of the work run side by side.
 *
 * How a call runs (`mvnKlOnTwoThreads`):
 * - this thread copies Σ1's values into the aside region of the helper's shared memory (after its rings; the
 *   memory grows once to hold two d×d matrices and the kernels' scratch: 20 MB at d = 1000), marks the job
 *   `posted` and starts the helper's job `MVN_FACTOR_OP`; the helper takes it (`posted` → `running`),
 *   factors the matrix where it lies with its instance of build/kernels-shared.wasm (the same kernel as
 *   build/kernels.wasm, so the same factor and verdict, bit for bit) and marks it `done`;
 * - meanwhile this thread runs `mvnKl` of src/core as the single-thread path does, with its own kernels
 *   (`WasmMeasures`): it validates and factors Σ0, then validates Σ1 and, in place of factoring it, copies
 *   the helper's factor (and its verdict: -1 or the row of the rejected pivot) into its array. So every
 *   error is the single-thread path's, in the same order, with the same message: a rejected pivot shows in
 *   the factor exactly as it would have here.
 * - For Σ_{i>j} M_ij², this thread copies L0 into the region and posts the columns [0, s) of M to the helper
 *   (against L1 where it lies), solves [s, d) itself, and adds both ranges' addends in column order
 *   (`lowerSquaresAddends`): the single-thread sum, bit for bit.
 * - It never waits long: if the helper has not started a job when this thread wants its result, it takes
 *   the job back (`posted` → `idle`) and does it itself; if the helper is still at it after as long as this
 *   thread took for its own part, this thread does the job itself too and leaves it to finish: until it is
 *   `done`, calls run on one thread. When the call throws before it wants the factor (Σ0 or Σ1 invalid),
 *   the job is taken back, or left to finish, the same way.
 *
 * Measured through dist/core.js after `init()` (2-core machine shared with other work; one thread and two
 * interleaved in one process, 9 runs each, min / median ms; SciPy's `cho_factor` + `cho_solve` on two OpenBLAS
 * threads in the same minute): with a core free, d = 1000: 28.0 / 29.5 against 47.3 / 48.3 on one thread
 * (SciPy 37.0 / 200, its median disturbed), 29.3 / 41.2 against 48.3 / 49.9 (SciPy 39.8 / 42.6); d = 500:
 * 5.0 / 5.5 against 6.8 / 7.1 (SciPy 6.7 / 7.1). With no core free, two threads took 5-20% longer than one:
 * the helper runs late, and this thread redoes its share.
 */
import { mvnKl as mvnKlTs, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';
import { NeumaierSum } from '../core/numeric';
import { packedLength, type WasmMeasures } from './wasmMeasures';
import type { WasmMemory } from './wasmModule';

/** The helper's job (in `THREAD_CONTROL.op`, beside the `SLICE_OP`s) on the aside region (`runMvnFactorJob`). */
export const MVN_FACTOR_OP = 100;

/**
 * From this dimension `mvnKl` uses the helper thread. Below it waking the helper and the copies cost about
 * what they save. Measured on a 2-core machine shared with other work, one thread against two interleaved,
 * 36 runs each, min / median ms, three rounds: d = 200: 0.92 / 1.01 against 0.78 / 0.90, then 0.68 / 1.08
 * against 0.83 / 0.94, 0.61 / 0.69 against 0.66 / 0.84; d = 300: 2.45 / 2.56 against 1.81 / 2.03, 1.75 /
 * 2.77 against 1.39 / 2.07, 1.63 / 1.69 against 1.68 / 1.73; d = 400 and 500: 12-35% less every time.
 */
export const MVN_THREAD_MIN_DIMENSION = 300;

/** Where the aside region lies: its shared buffer and byte offset. */
export interface AsideRegion {
  readonly buffer: ArrayBufferLike;
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
/** The helper's two jobs on the region: factor its matrix, or solve columns [from, to) of M against it. */
const JOB = { factor: 0, columns: 1 } as const;
/**
 * The region's Int32 words: state, job, dimension, the verdict (-1 or the rejected row) or the count of
 * addends, and byte offsets: the factor's scratch, L0, the solve's scratch, its addends; then the columns.
 */
const WORD = { state: 0, job: 1, n: 2, result: 3, packed: 4, l0: 5, cols: 6, out: 7, from: 8, to: 9 } as const;
/** Bytes of the words before the matrix (a multiple of 16: the matrix stays 16-byte aligned). */
const HEADER_BYTES = 48;

/**
 * The helper takes columns [0, s) of M, this thread [s, d): column j costs about (d − j)², so s ≈ d·(1 − 2^(−1/3))
 * halves the work (rounded down to a multiple of 8, as `lowerSquaresColumns` needs).
 */
const HELPER_COLUMNS = 1 - 2 ** (-1 / 3);

interface RegionExports {
  choleskyFactor(aPtr: number, n: number, packedPtr: number): number;
  lowerSquaresColumns(l1Ptr: number, l0Ptr: number, d: number, colsPtr: number, from: number, to: number, outPtr: number): number;
}

/**
 * Whether the helper finished the posted job: false when this thread must do it itself, having taken the job
 * back (the helper had not started it) or waited `ms` for it in vain (it is left to finish: `running`).
 */
function helperFinished(words: Int32Array, ms: number): boolean {
  if (Atomics.compareExchange(words, WORD.state, STATE.posted, STATE.idle) === STATE.posted) return false;
  const deadline = performance.now() + ms;
  for (;;) {
    const now = Atomics.load(words, WORD.state);
    if (now === STATE.done) return true;
    const left = deadline - performance.now();
    if (left <= 0) return false;
    Atomics.wait(words, WORD.state, now, left);
  }
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
  const packedBytes = 8 * packedLength(d);
  const region = helper.asideRegion(HEADER_BYTES + 2 * matrixBytes + packedBytes + 8 * 9 * d);
  if (!region) return undefined;
  const words = new Int32Array(region.buffer, region.offset, HEADER_BYTES / 4);
  const state = Atomics.load(words, WORD.state);
  if (state === STATE.running || state === STATE.posted) return undefined;
  const start = region.offset + HEADER_BYTES;
  const matrix = new Float64Array(region.buffer, start, square);
  matrix.set(cov1.values);
  words.set([STATE.idle, JOB.factor, d, 0, start + matrixBytes, start + matrixBytes + packedBytes, start + 2 * matrixBytes + packedBytes]);
  words[WORD.out] = words[WORD.cols]! + 8 * 8 * d;
  Atomics.store(words, WORD.state, STATE.posted);
  helper.postAside(MVN_FACTOR_OP);

  let arrays: readonly [Float64Array, Float64Array] | undefined;
  let ownMs = 0;
  /** Whether the region holds L1, factored by the helper. */
  let shared = false;
  const factorHere = (a: Float64Array, n: number): number => {
    const started = performance.now();
    const row = host.choleskyInPlace(a, n);
    ownMs = performance.now() - started;
    return row;
  };
  /** Σ1's factor: the helper's, or this thread's when the helper has not started or is late. */
  const collect = (a: Float64Array, n: number): number => {
    if (!helperFinished(words, ownMs)) return factorHere(a, n);
    a.set(matrix);
    shared = true;
    const row = words[WORD.result]!;
    Atomics.store(words, WORD.state, STATE.idle);
    return row;
  };
  /** Σ_{i>j} M_ij²: columns [0, s) of M on the helper, against the factor where it lies, [s, d) here. */
  const lowerSquares = (l1: Float64Array, l0: Float64Array, n: number): number => {
    const split = 8 * Math.floor((n * HELPER_COLUMNS) / 8);
    if (!shared || split === 0) return host.strictLowerSquares(l1, l0, n);
    new Float64Array(region.buffer, words[WORD.l0]!, square).set(l0);
    words[WORD.job] = JOB.columns;
    words[WORD.from] = 0;
    words[WORD.to] = split;
    Atomics.store(words, WORD.state, STATE.posted);
    helper.postAside(MVN_FACTOR_OP);
    const started = performance.now();
    const mine = host.lowerSquaresAddends(l1, l0, n, split, n);
    const theirs = helperFinished(words, performance.now() - started)
      ? new Float64Array(region.buffer, words[WORD.out]!, words[WORD.result]!).slice()
      : host.lowerSquaresAddends(l1, l0, n, 0, split);
    if (Atomics.load(words, WORD.state) === STATE.done) Atomics.store(words, WORD.state, STATE.idle);
    const total = new NeumaierSum();
    for (const addend of theirs) total.add(addend);
    for (const addend of mine) total.add(addend);
    return total.value;
  };
  const linearAlgebra = {
    factorArrays: (n: number) => (arrays = host.mvnFactorArrays(n)),
    choleskyInPlace: (a: Float64Array, n: number) => (a === arrays?.[1] ? collect(a, n) : factorHere(a, n)),
    strictLowerSquares: lowerSquares,
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
 * instantiated on `memory`): factors the matrix of the aside region at byte `offset`, or solves the columns
 * it is given against that factor, unless this thread has taken the job back.
 */
export function runMvnFactorJob(kernel: object, memory: WasmMemory, offset: number): void {
  const words = new Int32Array(memory.buffer, offset, HEADER_BYTES / 4);
  if (Atomics.compareExchange(words, WORD.state, STATE.posted, STATE.running) !== STATE.posted) return;
  const k = kernel as RegionExports;
  const matrix = offset + HEADER_BYTES;
  const n = words[WORD.n]!;
  words[WORD.result] =
    words[WORD.job] === JOB.factor
      ? k.choleskyFactor(matrix, n, words[WORD.packed]!)
      : k.lowerSquaresColumns(matrix, words[WORD.l0]!, n, words[WORD.cols]!, words[WORD.from]!, words[WORD.to]!, words[WORD.out]!);
  Atomics.store(words, WORD.state, STATE.done);
  Atomics.notify(words, WORD.state);
}
