/**
 * The browser's runtime has no helper thread: a web worker extension host has neither worker_threads nor (without
 * cross-origin isolation) SharedArrayBuffer, so every measure runs on the one thread, in the WASM kernel from
 * WASM_MIN_LENGTH elements and in the TypeScript reference below. The browser bundle uses this module in place
 * of helperThreads.ts.
 */
import type { RuntimeParts } from './runtime';

export const helperThreadParts: Pick<RuntimeParts, 'startHelper' | 'startHelperAsync' | 'defaultWorkerPath'> = {
  startHelper: () => undefined,
  startHelperAsync: () => Promise.resolve(undefined),
  defaultWorkerPath: () => undefined,
};
