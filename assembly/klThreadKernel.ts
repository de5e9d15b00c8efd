/**
 * Every kernel of build/kernels.wasm (assembly/index.ts, the very same source), built as
 * build/kernels-shared.wasm on an imported *shared* memory (`--importMemory --sharedMemory`): the helper
 * thread of src/compute/klThreads.ts instantiates it on the memory whose ring the calling thread copies P and Q
 * into, and computes each slice of a measure's pass where it lies, without a second copy. Its results are those
 * of build/kernels.wasm bit for bit (same code).
 */
export * from './index';
