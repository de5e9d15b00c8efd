/**
 * The WebAssembly kernels of Divergence Lens (built by `npm run build:wasm` into build/kernels.wasm). One file
 * per quantity, mirroring src/core; `memory` is exported for the host to place its arrays (see each kernel).
 */
export * from './klKernel';
export * from './entropyKernel';
export * from './crossEntropyKernel';
