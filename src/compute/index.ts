/**
 * The public compute API (bundled as dist/core.js), re-exported from where it lives: the measures with a
 * choice of backend (measures.ts: `klDivergence`, `entropy`, `crossEntropy`, `jsDivergence`, `jsDistance`, `jeffreys`,
 * `totalVariation`, `hellinger`, `bhattacharyya`, `renyi`, `histogramKl`, `mvnKl`; each result says which backend
 * computed it), the runtime that owns the WASM instances and the helper thread (runtime.ts: call `init()` or
 * `initSync()` once; until WASM is ready, and if it cannot be instantiated, the TypeScript reference serves
 * every call and `backendStatus()` says why), the worker pool, and the core's other measures as they are.
 */
export { KL_FORMULA_LATEX, NORMALIZATION_TOLERANCE, type KlOptions, type KlResult } from '../core/klDivergence';
export { ENTROPY_FORMULA_LATEX } from '../core/entropy';
export { CROSS_ENTROPY_FORMULA_LATEX } from '../core/crossEntropy';
// The other discrete measures: the TypeScript reference serves them (their results say backend: 'ts') until
// they have WASM kernels. jsDivergence, jsDistance, jeffreys, totalVariation, hellinger, bhattacharyya and renyi
// have theirs (below).
export {
  JEFFREYS_FORMULA_LATEX,
  JS_DIVERGENCE_FORMULA_LATEX,
  JS_DISTANCE_FORMULA_LATEX,
  TOTAL_VARIATION_FORMULA_LATEX,
  HELLINGER_FORMULA_LATEX,
  BHATTACHARYYA_FORMULA_LATEX,
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
export {
  klDivergence,
  entropy,
  crossEntropy,
  jsDivergence,
  jsDistance,
  jeffreys,
  totalVariation,
  hellinger,
  bhattacharyya,
  renyi,
  histogramKl,
  mvnKl,
  type ComputeRenyiOptions,
  type ComputeRenyiResult,
  type EntropyResult,
  type CrossEntropyResult,
  type ComputeMeasureOptions,
  type ComputeKlOptions,
  type ComputePairResult,
  type ComputeUnitlessResult,
  type ComputeHistogramKlOptions,
  type ComputeHistogramKlResult,
  type ComputeMvnKlOptions,
  type ComputeMvnKlResult,
} from './measures';
export { MVN_WASM_MIN_DIMENSION } from './dispatch';
export {
  init,
  initSync,
  configureThreads,
  threadsActive,
  backendStatus,
  isWasmReady,
  WASM_MIN_LENGTH,
  THREAD_MIN_LENGTH,
  type InitOptions,
  type ThreadOptions,
} from './runtime';
