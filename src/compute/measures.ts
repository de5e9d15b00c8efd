/**
 * The measures of the public compute API (dist/core.js): the core's functions of src/core with the same
 * signatures and results, plus `options.backend`; the result says which backend computed it. dispatch.ts
 * chooses the backend, the WASM hosts (wasmBackend.ts, wasmMeasures.ts) and klThreads.ts compute, and
 * wasmResults.ts builds the results; until WASM is ready, and if it cannot be instantiated, the TypeScript
 * reference serves every call (see runtime.ts).
 */
import { klDivergence as klDivergenceTs, klResultOf, type KlOptions, type KlResult } from '../core/klDivergence';
import { resolveBase } from '../core/logBase';
import { entropy as entropyTs } from '../core/entropy';
import { crossEntropy as crossEntropyTs } from '../core/crossEntropy';
import { isUnitSum, type MeasureOptions } from '../core/distributionInput';
import type { EntropyResult as CoreEntropyResult, PairResult, UnitlessResult } from '../core/measureResult';
import { checkLengths } from '../core/validate';
import { jsDivergence as jsDivergenceTs } from '../core/jsDivergence';
import { jsDistance as jsDistanceTs } from '../core/jsDistance';
import { jeffreys as jeffreysTs } from '../core/jeffreys';
import { totalVariation as totalVariationTs } from '../core/totalVariation';
import { hellinger as hellingerTs } from '../core/hellinger';
import { bhattacharyya as bhattacharyyaTs } from '../core/bhattacharyya';
import { checkAlpha, renyi as renyiTs, type RenyiOptions } from '../core/renyi';
import type { RenyiResult } from '../core/measureResult';
import { histogramKl as histogramKlTs, type HistogramKlOptions, type HistogramKlResult } from '../core/histogramKl';
import { histogramCounts } from '../core/histogram';
import { mvnKl as mvnKlTs, type CovarianceMatrix, type MvnKlOptions, type MvnKlResult } from '../core/mvnKl';
import type { BackendChoice } from './backend';
import { chooseKlThreads, chooseMeasures, chooseMvn, chooseMvnHelper, chooseSliceRunner, chooseWasm } from './dispatch';
import { mvnKlOnTwoThreads } from './mvnThreads';
import { wasmResultInBase, wasmUnitlessResult } from './wasmResults';
import type { PairValue, WasmMeasures } from './wasmMeasures';
import { wasmRenyi } from './wasmRenyi';

/** `EntropyResult` of src/core, with the backend that computed it. */
export type EntropyResult = Omit<CoreEntropyResult, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** The cross-entropy's `PairResult` of src/core, with the backend that computed it. */
export type CrossEntropyResult = Omit<PairResult<'cross-entropy'>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** The options of the core's discrete measures, plus the backend choice (as `ComputeKlOptions`). */
export interface ComputeMeasureOptions extends MeasureOptions {
  /** 'auto' (default): WASM when ready and n ≥ WASM_MIN_LENGTH, else TS. 'wasm' throws if WASM cannot serve. */
  readonly backend?: BackendChoice;
}

export interface ComputeKlOptions extends KlOptions {
  /** 'auto' (default): WASM when ready and n ≥ WASM_MIN_LENGTH, else TS. 'wasm' throws if WASM cannot serve. */
  readonly backend?: BackendChoice;
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
  const wasm = chooseWasm(p.length, options);
  if (!wasm) return klDivergenceTs(p, q, options);
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const normalize = options.normalize !== false;
  const kl = chooseKlThreads(p.length, wasm);
  // undefined: a sum overflowed in the kernel; the TS reference rescales.
  return klResultOf(p, q, (a, b, e) => kl.klSums(a, b, e), base, normalize, wasm.name) ?? klDivergenceTs(p, q, options);
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
  const parts = backend.entropyParts(p, normalize, chooseSliceRunner(p.length, backend));
  // undefined: Σp reaches 2^960, where the TS reference rescales.
  if (!parts) return entropyTs(p, options);
  return wasmResultInBase('entropy', parts.nats, base, { normalized: normalize && !isUnitSum(parts.sum), sums: { p: parts.sum }, n: p.length });
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
  const normalize = options.normalize !== false;
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const parts = backend.crossEntropyParts(p, q, normalize, chooseSliceRunner(p.length, backend));
  if (!parts) return crossEntropyTs(p, q, options);
  const normalized = normalize && !(isUnitSum(parts.sums.p) && isUnitSum(parts.sums.q));
  return wasmResultInBase('cross-entropy', parts.nats, base, { normalized, sums: parts.sums, n: p.length });
}

/** A pair measure's result of src/core, with the backend that computed it. */
export type ComputePairResult<M extends 'js' | 'js-distance' | 'jeffreys' | 'bhattacharyya'> = Omit<PairResult<M>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/** A unitless measure's result of src/core (TV, Hellinger), with the backend that computed it. */
export type ComputeUnitlessResult<M extends 'tv' | 'hellinger'> = Omit<UnitlessResult<M>, 'backend'> & { readonly backend: 'ts' | 'wasm' };

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
  const r = backend.jsDivergence(p, q, options.normalize !== false, chooseSliceRunner(p.length, backend));
  if (!r) return jsDivergenceTs(p, q, options); // a sum reaches 2^960: the reference rescales
  return wasmResultInBase('js', r.value, resolveBase(options.base), r.pair);
}

/**
 * J(P, Q) = Σ (p_i - q_i) ln(p_i/q_i), as `jeffreys` of src/core (same conventions, errors and result), computed
 * by the backend `options.backend` selects (assembly/jeffreysKernel.ts: the reference's p̂_i - q̂_i bit for bit,
 * its ln-ratio to a few ulps, compensated sums); log and logit inputs always go to the TS reference.
 *
 * @example
 * jeffreys([0.5, 0.5], [0.9, 0.1]).value // 0.8788898309344878 (nats: 0.4·ln 9)
 */
export function jeffreys(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputePairResult<'jeffreys'> {
  const backend = chooseMeasures(p.length, options);
  if (!backend) return jeffreysTs(p, q, options);
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const r = backend.jeffreys(p, q, options.normalize !== false, chooseSliceRunner(p.length, backend));
  if (!r) return jeffreysTs(p, q, options); // a sum reaches 2^960: the reference rescales
  return wasmResultInBase('jeffreys', r.value, base, r.pair);
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
  return unitlessOnPairHost('tv', p, q, options, (host, normalize) => host.totalVariation(p, q, normalize, chooseSliceRunner(p.length, host)), totalVariationTs);
}

/**
 * H(P, Q) = sqrt(½ Σ (√p_i - √q_i)²), as `hellinger` of src/core, computed by the backend `options.backend`
 * selects (as `totalVariation`; within 4 ulps).
 *
 * @example
 * hellinger([0.5, 0.5], [0.9, 0.1]).value // 0.32491969623290634
 */
export function hellinger(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): ComputeUnitlessResult<'hellinger'> {
  return unitlessOnPairHost('hellinger', p, q, options, (host, normalize) => host.hellinger(p, q, normalize, chooseSliceRunner(p.length, host)), hellingerTs);
}

/**
 * A unitless measure of two distributions (TV, Hellinger) on the pair host when dispatch chooses WASM, else,
 * or when a sum reaches 2^960 (the reference rescales), by the reference. The base is checked as the
 * reference checks it, before the lengths.
 */
function unitlessOnPairHost<M extends 'tv' | 'hellinger'>(
  measure: M,
  p: ArrayLike<number>,
  q: ArrayLike<number>,
  options: ComputeMeasureOptions,
  value: (host: WasmMeasures, normalize: boolean) => PairValue | undefined,
  reference: (p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions) => UnitlessResult<M>,
): ComputeUnitlessResult<M> {
  const host = chooseMeasures(p.length, options);
  if (!host) return reference(p, q, options);
  resolveBase(options.base);
  checkLengths(p, q);
  const r = value(host, options.normalize !== false);
  return r ? wasmUnitlessResult(measure, r) : reference(p, q, options);
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
  const r = backend.bhattacharyya(p, q, options.normalize !== false, chooseSliceRunner(p.length, backend));
  if (!r) return bhattacharyyaTs(p, q, options);
  return wasmResultInBase('bhattacharyya', r.value, resolveBase(options.base), r.pair);
}

/** The options of the core's `renyi` (the order α), plus the backend choice. */
export interface ComputeRenyiOptions extends RenyiOptions {
  /** 'auto' (default): WASM when ready and n ≥ WASM_MIN_LENGTH, else TS. 'wasm' throws if WASM cannot serve. */
  readonly backend?: BackendChoice;
}

/** Rényi's `RenyiResult` of src/core, with the backend that computed it. */
export type ComputeRenyiResult = Omit<RenyiResult, 'backend'> & { readonly backend: 'ts' | 'wasm' };

/**
 * D_α(P‖Q) = ln(Σ p_i^α q_i^(1-α))/(α - 1), as `renyi` of src/core (same conventions, special orders, errors
 * and result), computed by the backend `options.backend` selects (assembly/renyiKernel.ts: the reference's
 * method, weights bit for bit, ln-ratios to a few ulps; on two threads for large inputs); log and logit inputs
 * always go to the TS reference.
 *
 * @example
 * renyi([0.5, 0.5], [0.9, 0.1], { alpha: 2 }).value // 1.0216512475319814 (nats: ln(25/9))
 */
export function renyi(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeRenyiOptions): ComputeRenyiResult {
  const alpha = checkAlpha(options?.alpha);
  const backend = chooseMeasures(p.length, options);
  if (!backend) return renyiTs(p, q, options);
  const base = resolveBase(options.base);
  checkLengths(p, q);
  const r = wasmRenyi(backend, p, q, alpha, options.normalize !== false, chooseSliceRunner(p.length, backend));
  if (!r) return renyiTs(p, q, options); // a sum reaches 2^960: the reference rescales
  return { ...wasmResultInBase('renyi', r.value, base, r.pair), alpha };
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

/**
 * D(N(μ0, Σ0) ‖ N(μ1, Σ1)), as `mvnKl` of src/core (same value, parts and errors), with the Cholesky
 * factorisations and the triangular solves for M = L1⁻¹·L0 done by the backend `options.backend` selects:
 * the WASM kernels (assembly/choleskyKernel.ts, assembly/lowerSquaresKernel.ts) compute every entry with the
 * reference's operations in the reference's order, so both backends give identical results, bit for bit.
 * They are register-tiled (4×4 tiles of the factor in blocks of 32 rows, eight columns of M at a time) and
 * work on the factors where they lie in the module's memory (`factorArrays`): at d = 1000, 54 ms of CPU
 * against 86 ms for the earlier 4×2-block kernels, and 70 ms for SciPy's cho_factor/cho_solve route on one
 * OpenBLAS thread, measured together on a loaded 2-core machine. From MVN_THREAD_MIN_DIMENSION, the helper
 * thread of klThreads.ts factors Σ1 while this thread factors Σ0, and solves a share of M's columns
 * (mvnThreads.ts): the same result and errors.
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
  const backend = chooseMvn(mu0.length, options);
  if (!backend) return { ...mvnKlTs(mu0, cov0, mu1, cov1, options), backend: 'ts' };
  const helper = chooseMvnHelper(mu0.length);
  const threaded = helper && mvnKlOnTwoThreads(backend, helper, mu0, cov0, mu1, cov1, options);
  if (threaded) return { ...threaded, backend: 'wasm' };
  const linearAlgebra = {
    choleskyInPlace: (a: Float64Array, n: number) => backend.choleskyInPlace(a, n),
    strictLowerSquares: (l1: Float64Array, l0: Float64Array, d: number) => backend.strictLowerSquares(l1, l0, d),
    factorArrays: (d: number) => backend.mvnFactorArrays(d),
  };
  return { ...mvnKlTs(mu0, cov0, mu1, cov1, options, linearAlgebra), backend: 'wasm' };
}
