/**
 * Where the runtime's helper thread comes from in Node: `KlThreads` (worker_threads and a SharedArrayBuffer),
 * started from the bundled worker program, worker.js beside this module (dist/worker.js). The browser bundle
 * replaces this module with helperThreads.browser.ts, which has no helper thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KlThreads } from './klThreads';
import type { RuntimeParts } from './runtime';

/** worker.js beside this module, when it is there (and this module is CommonJS, where `__dirname` exists). */
function defaultWorkerPath(): string | undefined {
  try {
    const candidate = join(__dirname, 'worker.js');
    return existsSync(candidate) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

export const helperThreadParts: Pick<RuntimeParts, 'startHelper' | 'startHelperAsync' | 'defaultWorkerPath'> = {
  startHelper: (main, workerPath) => KlThreads.start(main, workerPath),
  startHelperAsync: (main, workerPath) => KlThreads.startAsync(main, workerPath),
  defaultWorkerPath,
};
