/**
 * The WebAssembly kernels of Divergence Lens (built by `npm run build:wasm` into build/kernels.wasm). One file
 * per quantity, mirroring src/core; `memory` is exported for the host to place its arrays (see each kernel).
 * scan.ts is the validating scan of the cross-entropy, entropy and pair kernels; the entropy kernel is the
 * cross-entropy kernel's code with Q = P (hence the explicit list of the latter's exports: not its inlined parts).
 * pairKernel.ts is shared by the measures of two distributions that depend on p̂_i - q̂_i (jsKernel.ts,
 * jeffreysKernel.ts, distanceKernels.ts).
 */
export * from './klKernel';
export * from './entropyKernel';
export {
  CROSS_ENTROPY_OK,
  CROSS_ENTROPY_INVALID_P,
  CROSS_ENTROPY_INVALID_Q,
  crossEntropySumP,
  crossEntropySumQ,
  crossEntropyMaxQ,
  crossEntropyArgMaxQ,
  crossEntropyInvalidIndex,
  crossEntropyTerms,
  crossEntropyRest,
  crossEntropyInfinite,
  crossEntropyScan,
  crossEntropyAccumulate,
  crossEntropyFused,
} from './crossEntropyKernel';
export {
  PAIR_OK,
  PAIR_INVALID_P,
  PAIR_INVALID_Q,
  pairScan,
  pairSumPHi,
  pairSumPLo,
  pairSumQHi,
  pairSumQLo,
  pairInvalidIndex,
  pairSetScale,
} from './pairKernel';
export * from './jsKernel';
export * from './jeffreysKernel';
export * from './distanceKernels';
export * from './histogramKernel';
export * from './choleskyKernel';
export * from './lowerSquaresKernel';
export { fastLogRatioOf } from './fastLog';
export * from './renyiKernel';
export * from './chiSquareKernel';
