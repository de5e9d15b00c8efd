/**
 * The pure public API of Divergence Lens: no `vscode`, no DOM, no Node built-ins. `src/compute` wraps it with
 * the WASM backend; everything here is the TypeScript reference.
 */
export { klDivergence, KL_FORMULA_LATEX, NORMALIZATION_TOLERANCE, type KlOptions, type KlResult } from './klDivergence';
export { entropy, ENTROPY_FORMULA_LATEX } from './entropy';
export { crossEntropy, CROSS_ENTROPY_FORMULA_LATEX } from './crossEntropy';
export { jeffreys, JEFFREYS_FORMULA_LATEX } from './jeffreys';
export { jsDivergence, JS_DIVERGENCE_FORMULA_LATEX } from './jsDivergence';
export { jsDistance, JS_DISTANCE_FORMULA_LATEX } from './jsDistance';
export { totalVariation, TOTAL_VARIATION_FORMULA_LATEX } from './totalVariation';
export { hellinger, HELLINGER_FORMULA_LATEX } from './hellinger';
export { bhattacharyya, BHATTACHARYYA_FORMULA_LATEX } from './bhattacharyya';
export { renyi, RENYI_FORMULA_LATEX, type RenyiOptions } from './renyi';
export { allMeasures, measureTable, DEFAULT_RENYI_ORDERS, type AllMeasuresOptions, type AllMeasuresResult, type MeasureRow } from './allMeasures';
export {
  MEASURES,
  measureDescriptor,
  CORE_MEASURE_FUNCTIONS,
  type MeasureDescriptor,
  type MeasureFunctions,
  type MeasureId,
  type MeasureValue,
} from './measures';
export { type MeasureOptions } from './distributionInput';
export {
  type MeasureName,
  type EntropyResult,
  type PairResult,
  type PairSums,
  type RenyiResult,
  type UnitlessResult,
} from './measureResult';
export { resolveBase, type LogBase } from './logBase';
export { type InputKind } from './validate';
export { DivergenceError, isDivergenceError, type DivergenceErrorCode, type ErrorLocation } from './errors';
