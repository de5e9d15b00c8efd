/**
 * The worker pool in the browser bundle, in place of workerPool.ts: a web worker extension host has no
 * worker_threads and no SharedArrayBuffer, so there is no pool. The extension's browser entry never makes one
 * (big inputs are computed on the one thread, and the commands that need the pool say they need VS Code
 * desktop); making one anyway fails with that reason.
 */
import { CANCEL_GRACE_MS, CancelledError, isCancelledError } from './cancelled';

export { CANCEL_GRACE_MS, CancelledError, isCancelledError };

/** Why there is no pool here. */
export const NO_WORKER_POOL = 'worker threads need the desktop VS Code (a Node extension host); this one runs in a browser';

export class KlWorkerPool {
  constructor() {
    throw new Error(NO_WORKER_POOL);
  }
}
