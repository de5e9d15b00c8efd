/**
 * The pure public API of Divergence Lens: no `vscode`, no DOM, no Node built-ins. `src/compute` wraps it with
 * the WASM backend; everything here is the TypeScript reference.
 */
export { klDivergence, KL_FORMULA_LATEX, NORMALIZATION_TOLERANCE, type KlOptions, type KlResult } from './klDivergence';
export { resolveBase, type LogBase } from './logBase';
export { type InputKind } from './validate';
export { DivergenceError, isDivergenceError, type DivergenceErrorCode, type ErrorLocation } from './errors';
