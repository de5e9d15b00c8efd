/**
 * driftEngine.ts in the browser bundle: DuckDB is native code, which a browser's extension host cannot load,
 * so it is never looked for and every report is computed in memory.
 */
import type { DuckDbLookup, EngineDriftView } from './driftEngineRoute';

export const NOT_IN_BROWSER = 'DuckDB runs only in the desktop VS Code (native code), never in the browser';

export function findDuckDb(): DuckDbLookup {
  return { missing: NOT_IN_BROWSER, canInstall: false };
}

export function driftOnDuckDb(): Promise<EngineDriftView> {
  return Promise.reject(new Error(NOT_IN_BROWSER));
}
