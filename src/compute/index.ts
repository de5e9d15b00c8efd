/**
 * The public compute API (bundled as dist/core.js): the pure core of src/core with a choice of backend.
 * `klDivergence`, `entropy` and `crossEntropy` here have the core's signatures and results, plus
 * `options.backend`; the result says which backend computed it. Call `init()` (or `initSync()`) once: until
 * WASM is ready, and if it cannot be instantiated, the TypeScript reference serves every call and
 * `backendStatus()` says why.
 */
import kernelsWasm from '../../build/kernels.wasm';
import { klDivergence as klDivergenceTs, klResultFromSums, klSumsFor, type KlOptions, type KlResult } from '../core/klDivergence';
import { resolveBase } from '../core/logBase';
import { entropy as entropyTs } from '../core/entropy';
import { crossEntropy as crossEntropyTs } from '../core/crossEntropy';
import { isUnitSum, type MeasureOptions } from '../core/distributionInput';
import { checkedValue, inBase, type EntropyResult as CoreEntropyResult, type PairResult } from '../core/measureResult';
import { checkLengths } from '../core/validate';
import { DivergenceError } from '../core/errors';
import type { BackendChoice, KlBackend } from './backend';
import { tsBackend } from './tsBackend';
import { WasmBackend } from './wasmBackend';
import { KlThreads } from './klThreads';

/** `EntropyResult` of src/core, with the backend that computed it. */
export type EntropyResult = Omit<CoreEntropyResult, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** The cross-entropy's `PairResult` of src/core, with the backend that computed it. */
export type CrossEntropyResult = Omit<PairResult<'cross-entropy'>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** The options of the core's discrete measures, plus the backend choice (as `ComputeKlOptions`). */
export interface ComputeMeasureOptions extends MeasureOptions {
  /** 'auto' (default): WASM when ready and n ≥ WASM_MIN_LENGTH, else TS. 'wasm' throws if WASM cannot serve. */
  readonly backend?: BackendChoice;
}

export { KL_FORMULA_LATEX, NORMALIZATION_TOLERANCE, type KlOptions, type KlResult } from '../core/klDivergence';
export { ENTROPY_FORMULA_LATEX } from '../core/entropy';
export { CROSS_ENTROPY_FORMULA_LATEX } from '../core/crossEntropy';
// The other discrete measures: the TypeScript reference serves them (their results say backend: 'ts') until
// they have WASM kernels.
export {
  jeffreys,
  JEFFREYS_FORMULA_LATEX,
  jsDivergence,
  JS_DIVERGENCE_FORMULA_LATEX,
  jsDistance,
  JS_DISTANCE_FORMULA_LATEX,
  totalVariation,
  TOTAL_VARIATION_FORMULA_LATEX,
  hellinger,
  HELLINGER_FORMULA_LATEX,
  bhattacharyya,
  BHATTACHARYYA_FORMULA_LATEX,
  renyi,
  RENYI_FORMULA_LATEX,
  allMeasures,
  DEFAULT_RENYI_ORDERS,
  type RenyiOptions,
  type AllMeasuresOptions,
  type AllMeasuresResult,
  type MeasureOptions,
  type MeasureName,
  type PairResult,
  type PairSums,
  type RenyiResult,
  type UnitlessResult,
} from '../core';
export {
  gaussianKl,
  gaussianKlBoth,
  GAUSSIAN_KL_FORMULA_LATEX,
  type GaussianKlOptions,
  type GaussianKlResult,
  type GaussianKlBothResult,
} from '../core/gaussianKl';
export { mvnKl, MVN_KL_FORMULA_LATEX, SYMMETRY_TOLERANCE, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';
export {
  gaussianEntropy,
  mvnEntropy,
  GAUSSIAN_ENTROPY_FORMULA_LATEX,
  MVN_ENTROPY_FORMULA_LATEX,
  type GaussianEntropyOptions,
  type GaussianEntropyResult,
} from '../core/gaussianEntropy';
export { vaeKl, VAE_KL_FORMULA_LATEX, type VaeKlOptions, type VaeKlResult } from '../core/vaeKl';
export {
  gmmKl,
  GMM_KL_FORMULA_LATEX,
  GMM_DEFAULT_SAMPLES,
  GMM_MAX_SAMPLES,
  type GaussianMixture,
  type GmmKlMethod,
  type GmmKlOptions,
  type GmmKlResult,
} from '../core/gmmKl';
export { ksTest, type KsResult } from '../core/ksTest';
export { twoSampleZ, type TwoSampleZResult } from '../core/twoSampleZ';
export { welchT, type WelchTResult } from '../core/welchT';
export { wasserstein, WASSERSTEIN_FORMULA_LATEX, type WassersteinOptions, type WassersteinResult } from '../core/wasserstein';
export { energyDistance, type EnergyDistanceOptions, type EnergyDistanceResult } from '../core/energyDistance';
export { knnKl, type KnnKlOptions, type KnnKlResult, type DuplicatePolicy } from '../core/knnKl';
export { histogramKl, type HistogramKlOptions, type HistogramKlResult } from '../core/histogramKl';
export { type BinRule } from '../core/histogram';
export { klDivLoss, type KlDivLossOptions, type KlDivLossResult, type Matrix } from '../core/klDivLoss';
export {
  KlWorkerPool,
  CancelledError,
  isCancelledError,
  CANCEL_GRACE_MS,
  type KlWorkerPoolOptions,
  type KlAsyncOptions,
  type PoolKlResult,
} from './workerPool';
export { resolveBase, type LogBase } from '../core/logBase';
export { type InputKind } from '../core/validate';
export { DivergenceError, isDivergenceError, type DivergenceErrorCode, type ErrorLocation } from '../core/errors';
export type { BackendChoice } from './backend';

/**
 * With `backend: 'auto'`, inputs of at least this many elements go to WASM. The threshold is not about speed
 * (WASM is ahead from about 16 elements: 0.8 µs against 1.5 µs, and 4x ahead at 512), but below it both take
 * under 50 µs, so the small inputs people check by hand against SciPy go through the TypeScript reference,
 * the implementation the documentation describes line by line.
 */
export const WASM_MIN_LENGTH = 512;

export interface ComputeKlOptions extends KlOptions {
  /** 'auto' (default): WASM when ready and n ≥ WASM_MIN_LENGTH, else TS. 'wasm' throws if WASM cannot serve. */
  readonly backend?: BackendChoice;
}

/**
 * With `backend: 'auto'` or 'wasm', KL over inputs of at least this many elements runs on two threads (this
 * one and a helper worker, see klThreads.ts) when the bundled worker program (dist/worker.js) is beside this
 * module: the same sums bit for bit, about half the time on two cores.
 */
export const THREAD_MIN_LENGTH = 1 << 20;

let wasm: WasmBackend | undefined;
let status = 'ts: init() has not been called; the TypeScript reference serves';
let pending: Promise<void> | undefined;
/** Whether the WASM backend was asked for (by init(), initSync() or a first large call). */
let initTried = false;
let threads: KlThreads | undefined;
let threadsTried = false;
let threadsEnabled = true;
let threadWorkerPath: string | undefined;
let threadMinLength = THREAD_MIN_LENGTH;

/** Options of `configureThreads`. */
export interface ThreadOptions {
  /** false: never use the helper thread (the single-thread WASM kernel serves). */
  readonly enabled?: boolean;
  /** The bundled worker program (default: worker.js beside this module, i.e. dist/worker.js). */
  readonly workerPath?: string;
  /** Inputs of at least this many elements use the helper thread (default THREAD_MIN_LENGTH). */
  readonly minLength?: number;
}

/**
 * Configures the two-thread KL path of `klDivergence` (used for large inputs). `enabled: false` leaves a
 * running helper idle (enabling again reuses it); a new `workerPath` stops it, and the next large call starts
 * one from the new path.
 */
export function configureThreads(options: ThreadOptions): void {
  if (options.enabled !== undefined) threadsEnabled = options.enabled;
  if (options.minLength !== undefined) threadMinLength = Math.max(1, options.minLength);
  if (options.workerPath !== undefined) threadWorkerPath = options.workerPath;
  if (options.workerPath !== undefined) {
    threads?.dispose();
    threads = undefined;
    threadsTried = false;
  }
}

/** Whether the helper thread is running (it starts on the first KL call of THREAD_MIN_LENGTH or more elements). */
export function threadsActive(): boolean {
  return threads?.usable === true;
}

function defaultWorkerPath(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('node:path') as typeof import('node:path');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('node:fs') as typeof import('node:fs');
    const candidate = path.join(__dirname, 'worker.js');
    return fs.existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** The two-thread backend for a KL call over n elements, or undefined (single thread). */
function klThreadsFor(n: number): KlThreads | undefined {
  if (!wasm || !threadsEnabled || n < threadMinLength || n >= 2 ** 31) return undefined;
  if (threads && !threads.usable) {
    threads = undefined;
  }
  if (!threads && !threadsTried) {
    threadsTried = true;
    const workerPath = threadWorkerPath ?? defaultWorkerPath();
    if (workerPath) threads = KlThreads.start(wasm, workerPath);
  }
  return threads;
}

/**
 * Instantiates the WASM kernel. Resolves once it is ready, or once it has failed: it never rejects, because
 * the TypeScript reference then serves; `backendStatus()` says which and why. Idempotent.
 */
export function init(): Promise<void> {
  if (wasm) return Promise.resolve();
  initTried = true;
  pending ??= WasmBackend.instantiate(kernelsWasm).then(ready, failed);
  return pending;
}

/** `init()` without the promise, for the CLI: compiles the small module synchronously (fine in Node). */
export function initSync(): void {
  if (wasm) return;
  initTried = true;
  try {
    ready(WasmBackend.instantiateSync(kernelsWasm));
  } catch (e) {
    failed(e);
  }
}

function ready(backend: WasmBackend): void {
  wasm = backend;
  status = `wasm: SIMD kernel ready (used for inputs of ${WASM_MIN_LENGTH} or more elements; TS below)`;
}

function failed(e: unknown): void {
  status = `ts: the WebAssembly kernel could not be instantiated (${e instanceof Error ? e.message : String(e)}); the TypeScript reference serves`;
}

/** One line saying which backend serves and, if it is not WASM, why. */
export function backendStatus(): string {
  return status;
}

/** Whether the WASM backend is ready. */
export function isWasmReady(): boolean {
  return wasm !== undefined;
}

/**
 * D_KL(P‖Q) = Σ p_i log(p_i/q_i), as `klDivergence` of src/core (same conventions, errors and result), computed
 * by the backend `options.backend` selects. WASM serves probability inputs; log and logit inputs always go to
 * the TS reference.
 *
 * @throws DivergenceError as the core does; `invalid-parameter` for an unknown backend, or for 'wasm' when it
 *   is not ready or the input is not 'prob'.
 * @example
 * await init();
 * klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3]) // { value: 0.08529960131837053, unit: 'nats', backend: 'ts', ... }
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeKlOptions = {}): KlResult {
  const backend = chooseBackend(p.length, options);
  if (backend === tsBackend) return klDivergenceTs(p, q, options);
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const normalize = options.normalize !== false;
  const kl: KlBackend = klThreadsFor(p.length) ?? backend;
  const sums = klSumsFor((e) => kl.klSums(p, q, e), normalize);
  // undefined: a sum overflowed in the kernel; the TS reference rescales.
  if (!sums) return klDivergenceTs(p, q, options);
  return klResultFromSums(sums, p.length, base, normalize, backend.name);
}

/**
 * H(P) = -Σ p_i log p_i, as `entropy` of src/core (same conventions, errors and result), computed by the
 * backend `options.backend` selects. WASM serves probability inputs and agrees with the reference within a
 * few ulps (the same method, sums in another order); log and logit inputs always go to the TS reference.
 *
 * @throws DivergenceError as the core does; `invalid-parameter` for an unknown backend, or for 'wasm' when it
 *   is not ready or the input is not 'prob'.
 * @example
 * entropy([0.5, 0.25, 0.25], { base: 2 }).value // 1.5 (bits)
 */
export function entropy(p: ArrayLike<number>, options: ComputeMeasureOptions = {}): EntropyResult {
  const backend = chooseWasm(p.length, options);
  if (!backend || p.length === 0) return entropyTs(p, options);
  const base = resolveBase(options.base);
  const normalize = options.normalize !== false;
  const parts = backend.entropyParts(p, normalize);
  // undefined: Σp reaches 2^960, where the TS reference rescales.
  if (!parts) return entropyTs(p, options);
  return {
    measure: 'entropy',
    value: checkedValue(inBase(parts.nats, base)),
    unit: base.unit,
    base: base.base,
    normalized: normalize && !isUnitSum(parts.sum),
    sums: { p: parts.sum },
    n: p.length,
    backend: 'wasm',
  };
}

/**
 * H(P, Q) = -Σ p_i log q_i, as `crossEntropy` of src/core (same conventions, errors and result), computed by
 * the backend `options.backend` selects (as `entropy`).
 *
 * @throws DivergenceError as the core does; `invalid-parameter` as `entropy`.
 * @example
 * crossEntropy([0.5, 0.5], [0.9, 0.1]).value // 1.203972804325936 (nats)
 */
export function crossEntropy(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): CrossEntropyResult {
  const backend = chooseWasm(p.length, options);
  if (!backend) return crossEntropyTs(p, q, options);
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const normalize = options.normalize !== false;
  const parts = backend.crossEntropyParts(p, q, normalize);
  if (!parts) return crossEntropyTs(p, q, options);
  return {
    measure: 'cross-entropy',
    value: checkedValue(inBase(parts.nats, base)),
    unit: base.unit,
    base: base.base,
    normalized: normalize && !(isUnitSum(parts.sums.p) && isUnitSum(parts.sums.q)),
    sums: parts.sums,
    n: p.length,
    backend: 'wasm',
  };
}

function chooseBackend(n: number, options: ComputeKlOptions): KlBackend {
  return chooseWasm(n, options) ?? tsBackend;
}

/** The WASM backend when `options` choose it for n elements, `undefined` for the TS reference. */
function chooseWasm(n: number, options: { readonly backend?: BackendChoice; readonly input?: string }): WasmBackend | undefined {
  const choice = options.backend ?? 'auto';
  const input = options.input ?? 'prob';
  // Without init(), the first call that would use WASM compiles it synchronously (Node allows it for a
  // module this small): the public functions are fast from the first large call, init() or not.
  if (!wasm && !initTried && (choice === 'wasm' || (choice === 'auto' && input === 'prob' && n >= WASM_MIN_LENGTH))) initSync();
  switch (choice) {
    case 'ts':
      return undefined;
    case 'auto':
      return wasm && input === 'prob' && n >= WASM_MIN_LENGTH ? wasm : undefined;
    case 'wasm':
      if (!wasm) throw new DivergenceError('invalid-parameter', `the WASM backend is not available: ${status}`, { array: 'backend' });
      if (input !== 'prob') {
        throw new DivergenceError('invalid-parameter', `the WASM backend takes probabilities only, not input '${input}'; use backend 'auto' or 'ts'`, {
          array: 'backend',
        });
      }
      return wasm;
    default:
      throw new DivergenceError('invalid-parameter', `backend must be 'auto', 'ts' or 'wasm', not '${String(choice)}'`, { array: 'backend' });
  }
}
