/**
 * The public compute API (bundled as dist/core.js): the pure core of src/core with a choice of backend.
 * `klDivergence`, `entropy` and `crossEntropy` here have the core's signatures and results, plus
 * `options.backend`; the result says which backend computed it. So do `jsDivergence`, `jsDistance`,
 * `totalVariation`, `hellinger`, `bhattacharyya` (kernels in src/compute/wasmMeasures.ts), `histogramKl` (WASM
 * binning) and `mvnKl` (WASM Cholesky and triangular solves), at the end of this file. Call `init()` (or `initSync()`) once: until
 * WASM is ready, and if it cannot be instantiated, the TypeScript reference serves every call and
 * `backendStatus()` says why.
 */
import kernelsWasm from '../../build/kernels.wasm';
import { klDivergence as klDivergenceTs, klResultFromSums, klSumsFor, type KlOptions, type KlResult } from '../core/klDivergence';
import { resolveBase, type LogBase } from '../core/logBase';
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
import { WasmMeasures, type PairValue } from './wasmMeasures';
import { jsDivergence as jsDivergenceTs } from '../core/jsDivergence';
import { jsDistance as jsDistanceTs } from '../core/jsDistance';
import { totalVariation as totalVariationTs } from '../core/totalVariation';
import { hellinger as hellingerTs } from '../core/hellinger';
import { bhattacharyya as bhattacharyyaTs } from '../core/bhattacharyya';
import type { UnitlessResult } from '../core/measureResult';
import { histogramKl as histogramKlTs, type HistogramKlOptions, type HistogramKlResult } from '../core/histogramKl';
import { histogramCounts } from '../core/histogram';
import { mvnKl as mvnKlTs, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';

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
// they have WASM kernels. jsDivergence, jsDistance, totalVariation, hellinger and bhattacharyya have theirs
// (below).
export {
  jeffreys,
  JEFFREYS_FORMULA_LATEX,
  JS_DIVERGENCE_FORMULA_LATEX,
  JS_DISTANCE_FORMULA_LATEX,
  TOTAL_VARIATION_FORMULA_LATEX,
  HELLINGER_FORMULA_LATEX,
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
export { MVN_KL_FORMULA_LATEX, SYMMETRY_TOLERANCE, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';
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
export { type HistogramKlOptions, type HistogramKlResult } from '../core/histogramKl';
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
export { fileReader, type FileReader } from './fileReader';
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
let measures: WasmMeasures | undefined;
let status = 'ts: init() has not been called; the TypeScript reference serves';
let pending: Promise<void> | undefined;
/** Whether the WASM backend was asked for (by init(), initSync() or a first large call). */
let initTried = false;
let threads: KlThreads | undefined;
let threadsTried = false;
let threadsEnabled = true;
let threadWorkerPath: string | undefined;
let threadMinLength = THREAD_MIN_LENGTH;
/** Counts the helper's configurations (a new `workerPath`): a helper started for an old one is not kept. */
let threadConfiguration = 0;

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
    threadConfiguration++;
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
  const workerPath = helperToStart();
  if (workerPath) threads = KlThreads.start(wasm, workerPath);
  return threads;
}

/**
 * The worker program to start the helper thread from, once per configuration (the attempt is marked here), or
 * undefined when none should start: threads disabled, a helper already there or tried, or no program.
 */
function helperToStart(): string | undefined {
  if (!wasm || !threadsEnabled || threads || threadsTried) return undefined;
  threadsTried = true;
  return threadWorkerPath ?? defaultWorkerPath();
}

/**
 * Instantiates the WASM kernel and (unless `threads: 'lazy'`) starts the helper thread of the two-thread KL
 * path. Resolves once both are ready, or once they have failed: it never rejects, because the TypeScript
 * reference (or one thread) then serves; `backendStatus()` and `threadsActive()` say which. Idempotent.
 */
export function init(options: InitOptions = {}): Promise<void> {
  if (!wasm) {
    initTried = true;
    pending ??= WasmBackend.instantiate(kernelsWasm).then(ready, failed);
  }
  const loaded = pending ?? Promise.resolve();
  return options.threads === 'lazy' ? loaded : loaded.then(startThreads);
}

/** Options of `init`. */
export interface InitOptions {
  /**
   * 'eager' (default): also start the helper thread of the two-thread KL path (when threads are enabled and
   * dist/worker.js is there), so that the first large call does not pay for its start (~50-100 ms). 'lazy':
   * start it on the first KL call of THREAD_MIN_LENGTH or more elements.
   */
  readonly threads?: 'eager' | 'lazy';
}

/** Starts the helper thread without blocking, once (see `init`). Never rejects. */
async function startThreads(): Promise<void> {
  const workerPath = helperToStart();
  if (!wasm || !workerPath) return;
  const configuration = threadConfiguration;
  const started = await KlThreads.startAsync(wasm, workerPath).catch(() => undefined);
  // A configureThreads({ workerPath }) meanwhile asked for another helper: this one is not it.
  if (configuration === threadConfiguration && !threads) threads = started;
  else started?.dispose();
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
  measures = pairMeasures();
  status = `wasm: SIMD kernel ready (used for inputs of ${WASM_MIN_LENGTH} or more elements; TS below)`;
  if (!measures) status += '; the kernels of JS, TV, Hellinger, Bhattacharyya, histogram binning and MVN could not be instantiated: TS serves those';
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

// ---- Measures of two distributions with WASM kernels (assembly/jsKernel.ts, assembly/distanceKernels.ts) ----

/** A pair measure's result of src/core, with the backend that computed it. */
export type ComputePairResult<M extends 'js' | 'js-distance' | 'bhattacharyya'> = Omit<PairResult<M>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** A unitless measure's result of src/core (TV, Hellinger), with the backend that computed it. */
export type ComputeUnitlessResult<M extends 'tv' | 'hellinger'> = Omit<UnitlessResult<M>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** The pair measures' own module instance (its memory apart from the KL kernel's), or undefined if it fails. */
function pairMeasures(): WasmMeasures | undefined {
  try {
    return WasmMeasures.instantiateSync(kernelsWasm);
  } catch {
    return undefined;
  }
}

/** The WASM host of the pair measures when `options` choose WASM for n elements (as `chooseWasm`). */
function chooseMeasures(n: number, options: ComputeMeasureOptions): WasmMeasures | undefined {
  if (!chooseWasm(n, options)) return undefined;
  if (!measures && options.backend === 'wasm') {
    throw new DivergenceError('invalid-parameter', 'the WASM backend is not available for this measure: its kernels could not be instantiated', { array: 'backend' });
  }
  return measures;
}

function pairResult<M extends 'js' | 'js-distance' | 'bhattacharyya'>(measure: M, r: PairValue, base: LogBase): ComputePairResult<M> {
  return {
    measure,
    value: checkedValue(inBase(r.value, base)),
    unit: base.unit,
    base: base.base,
    normalized: r.pair.normalized,
    sums: r.pair.sums,
    n: r.pair.n,
    backend: 'wasm',
  } as ComputePairResult<M>;
}

function unitlessResult<M extends 'tv' | 'hellinger'>(measure: M, r: PairValue): ComputeUnitlessResult<M> {
  return { measure, value: checkedValue(r.value), normalized: r.pair.normalized, sums: r.pair.sums, n: r.pair.n, backend: 'wasm' } as ComputeUnitlessResult<M>;
}

/**
 * JSD(P‖Q) = ½D(P‖M) + ½D(Q‖M), M = ½(P + Q), as `jsDivergence` of src/core (same conventions, errors and
 * result), computed by the backend `options.backend` selects. WASM serves probability inputs (assembly/
 * jsKernel.ts: the reference's values of p̂_i - q̂_i bit for bit, compensated sums) and agrees with the
 * reference within 8 ulps; log and logit inputs always go to the TS reference.
 *
 * @throws DivergenceError as the core does; `invalid-parameter` as `entropy`.
 * @example
 * jsDivergence([1, 0], [0.5, 0.5]).value // 0.2157615543388357 (nats)
 */
export function jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputePairResult<'js'> {
  const backend = chooseMeasures(p.length, options);
  if (!backend) return jsDivergenceTs(p, q, options);
  checkLengths(p, q);
  const r = backend.jsDivergence(p, q, options.normalize !== false);
  if (!r) return jsDivergenceTs(p, q, options); // a sum reaches 2^960: the reference rescales
  return pairResult('js', r, resolveBase(options.base));
}

/**
 * The Jensen–Shannon distance sqrt(JSD) (as `jsDistance` of src/core), from `jsDivergence` with the same backend
 * choice.
 *
 * @example
 * jsDistance([1, 0, 0], [0, 1, 0], { base: 2 }).value // 1 (unit 'sqrt(bits)')
 */
export function jsDistance(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputePairResult<'js-distance'> {
  if (!chooseMeasures(p.length, options)) return jsDistanceTs(p, q, options);
  const divergence = jsDivergence(p, q, options);
  return { ...divergence, measure: 'js-distance', value: Math.sqrt(divergence.value), unit: `sqrt(${divergence.unit})` };
}

/**
 * TV(P, Q) = ½ Σ |p_i - q_i|, as `totalVariation` of src/core, computed by the backend `options.backend`
 * selects (assembly/distanceKernels.ts: the reference's terms bit for bit, compensated sums; within 4 ulps).
 *
 * @example
 * totalVariation([0.5, 0.5], [0.9, 0.1]).value // 0.4
 */
export function totalVariation(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputeUnitlessResult<'tv'> {
  const backend = chooseMeasures(p.length, options);
  if (!backend) return totalVariationTs(p, q, options);
  resolveBase(options.base);
  checkLengths(p, q);
  const r = backend.totalVariation(p, q, options.normalize !== false);
  return r ? unitlessResult('tv', r) : totalVariationTs(p, q, options);
}

/**
 * H(P, Q) = sqrt(½ Σ (√p_i - √q_i)²), as `hellinger` of src/core, computed by the backend `options.backend`
 * selects (as `totalVariation`; within 4 ulps).
 *
 * @example
 * hellinger([0.5, 0.5], [0.9, 0.1]).value // 0.32491969623290634
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputeUnitlessResult<'hellinger'> {
  const backend = chooseMeasures(p.length, options);
  if (!backend) return hellingerTs(p, q, options);
  resolveBase(options.base);
  checkLengths(p, q);
  const r = backend.hellinger(p, q, options.normalize !== false);
  return r ? unitlessResult('hellinger', r) : hellingerTs(p, q, options);
}

/**
 * D_B(P, Q) = -ln Σ sqrt(p_i q_i), as `bhattacharyya` of src/core, computed by the backend `options.backend`
 * selects (as `totalVariation`; within 4 ulps, +Infinity for disjoint supports from both).
 *
 * @example
 * bhattacharyya([0.5, 0.5], [0.9, 0.1]).value // 0.11157177565710491 (nats)
 */
export function bhattacharyya(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputePairResult<'bhattacharyya'> {
  const backend = chooseMeasures(p.length, options);
  if (!backend) return bhattacharyyaTs(p, q, options);
  checkLengths(p, q);
  const r = backend.bhattacharyya(p, q, options.normalize !== false);
  if (!r) return bhattacharyyaTs(p, q, options);
  return pairResult('bhattacharyya', r, resolveBase(options.base));
}

/** `HistogramKlOptions` of src/core, plus the backend that counts the samples in the bins. */
export interface ComputeHistogramKlOptions extends HistogramKlOptions {
  /** 'auto' (default): WASM binning when ready and a sample has ≥ WASM_MIN_LENGTH values, else TS. */
  readonly backend?: BackendChoice;
}

/** `HistogramKlResult` of src/core, with the backend that binned the samples. */
export type ComputeHistogramKlResult = HistogramKlResult & { readonly backend: 'ts' | 'wasm' };

/**
 * The plug-in KL estimate on shared histogram bins, as `histogramKl` of src/core (same bins, counts, value and
 * errors), with the samples counted in the bins by the backend `options.backend` selects: the WASM kernel
 * (assembly/histogramKernel.ts) assigns every value to the same bin as the reference's binary search, so the
 * counts, and hence the result, are identical.
 *
 * @example
 * histogramKl([0, 1, 2, 3], [2, 3, 4, 5], { bins: 2 }).value // 0.5493061443340548 (½ ln 3)
 */
export function histogramKl(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeHistogramKlOptions = {}): ComputeHistogramKlResult {
  const backend = chooseMeasures(Math.max(p.length, q.length), options);
  if (!backend) return { ...histogramKlTs(p, q, options), backend: 'ts' };
  const count = (values: ArrayLike<number>, edges: Float64Array): Float64Array =>
    values.length > 0 && edges.length > 1 ? backend.histogramCounts(values, edges) : histogramCounts(values, edges);
  return { ...histogramKlTs(p, q, options, count), backend: 'wasm' };
}

/** `MvnKlOptions` of src/core, plus the backend of the Cholesky factorisations and triangular solves. */
export interface ComputeMvnKlOptions extends MvnKlOptions {
  /** 'auto' (default): WASM when ready and the dimension is ≥ MVN_WASM_MIN_DIMENSION, else TS. */
  readonly backend?: BackendChoice;
}

/** `MvnKlResult` of src/core, with the backend that did the linear algebra. */
export type ComputeMvnKlResult = MvnKlResult & { readonly backend: 'ts' | 'wasm' };

/** With `backend: 'auto'`, `mvnKl` does its linear algebra in WASM from this dimension (k³/6 multiply-adds). */
export const MVN_WASM_MIN_DIMENSION = 32;

/**
 * D(N(μ0, Σ0) ‖ N(μ1, Σ1)), as `mvnKl` of src/core (same value, parts and errors), with the Cholesky
 * factorisations and the triangular solves for M = L1⁻¹·L0 done by the backend `options.backend` selects:
 * the WASM kernels (assembly/choleskyKernel.ts) perform the reference's operations in the reference's order,
 * so both backends give identical results, bit for bit.
 *
 * @example
 * mvnKl([0, 0], { values: [1, 0, 0, 1], shape: [2, 2] }, [1, 0], { values: [2, 0, 0, 2], shape: [2, 2] }).value // 0.4431471805599454
 */
export function mvnKl(
  mu0: ArrayLike<number>,
  cov0: CovarianceMatrix,
  mu1: ArrayLike<number>,
  cov1: CovarianceMatrix,
  options: ComputeMvnKlOptions = {},
): ComputeMvnKlResult {
  // chooseWasm's size rule, in dimensions: 'auto' picks WASM from MVN_WASM_MIN_DIMENSION.
  const backend = chooseMeasures(mu0.length >= MVN_WASM_MIN_DIMENSION ? WASM_MIN_LENGTH : 0, options);
  if (!backend) return { ...mvnKlTs(mu0, cov0, mu1, cov1, options), backend: 'ts' };
  const linearAlgebra = {
    choleskyInPlace: (a: Float64Array, n: number) => backend.choleskyInPlace(a, n),
    strictLowerSquares: (l1: Float64Array, l0: Float64Array, d: number) => backend.strictLowerSquares(l1, l0, d),
  };
  return { ...mvnKlTs(mu0, cov0, mu1, cov1, options, linearAlgebra), backend: 'wasm' };
}
