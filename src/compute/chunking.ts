/**
 * How the hosts cut long inputs. The host copies P and Q into a module's memory piece by piece and combines the
 * pieces' sums with Neumaier summation: this bounds the memory the module keeps however long the input, lets V8
 * move a kernel from its baseline tier to the optimising tier between calls (a wasm function's first call runs
 * in the baseline tier until it returns), and is where progress and cancellation hook in.
 */

/** Elements of P (and of Q) per chunk: 2^20, i.e. 8 MiB per array (the worker pool's unit of work). */
export const CHUNK_LENGTH = 1 << 20;

/**
 * Elements of P (and of Q) per KL kernel call: 2^16, so that P and Q together (1 MiB) are still in the cache
 * when the kernel reads what the host has just copied. The KL sums are a two-level tree, the same on every
 * path (one thread, the worker pool, the two-thread path of klThreads.ts): Neumaier sums of the slices' totals
 * within each chunk of CHUNK_LENGTH elements, then a Neumaier sum of the chunks' totals (`KlSumTree`). So the
 * result does not depend on which thread computed which slice.
 */
export const SLICE_LENGTH = 1 << 16;
export const SLICES_PER_CHUNK = CHUNK_LENGTH / SLICE_LENGTH;
