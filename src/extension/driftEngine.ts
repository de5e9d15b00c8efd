/**
 * The Drift view's report on DuckDB (desktop only; the browser bundle uses driftEngine.browser.ts, which never
 * loads it). DuckDB is not bundled (about 70 MB of native code per platform): `@duckdb/node-api` is loaded from
 * where the user installed it, the first of `divergenceLens.drift.duckdbPath`, the workspace folders'
 * node_modules and npm's usual global roots that has it, with a `require` made for that folder. Loading it runs
 * that folder's code: in Restricted Mode the workspace folders are not searched, and VS Code ignores a
 * workspace's value of the setting (package.json lists it in `restrictedConfigurations`).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DriftOptions } from '../drift';
import { comparedColumns, openDuckDbPair } from '../engine/duckdbDrift';
import type { DuckDbApi } from '../engine/duckdbEngine';
import { driftOnEngine, type SqlEngine } from '../engine/engine';
import { chartsOnEngine } from '../engine/engineCharts';
import type { DuckDbLookup, EngineControl, EngineDriftView } from './driftEngineRoute';

const PACKAGE = ['@duckdb', 'node-api'];

/** The package in `folder` (a node_modules) or in `folder/node_modules`, loaded; undefined when neither has it. */
function loadFrom(folder: string): { api: DuckDbApi; path: string } | undefined {
  for (const dir of [folder, join(folder, 'node_modules')]) {
    const manifest = join(dir, ...PACKAGE, 'package.json');
    if (!existsSync(manifest)) continue;
    const load = createRequire(manifest);
    const path = load.resolve(join(dir, ...PACKAGE));
    return { api: load(path) as DuckDbApi, path };
  }
  return undefined;
}

/**
 * npm's global roots where `npm install -g` puts packages, found without running npm: the prefix from npm's
 * environment (`npm_config_prefix`), nvm's current Node (`NVM_BIN`), then the defaults of the platform and of
 * Homebrew. A prefix set only in an .npmrc is not read: `divergenceLens.drift.duckdbPath` names it then.
 */
export function npmGlobalRoots(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string[] {
  const underPrefix = (prefix: string) => (platform === 'win32' ? join(prefix, 'node_modules') : join(prefix, 'lib', 'node_modules'));
  const prefix = env.npm_config_prefix ?? env.NPM_CONFIG_PREFIX;
  const roots = [
    ...(prefix ? [underPrefix(prefix)] : []),
    ...(env.NVM_BIN ? [join(env.NVM_BIN, '..', 'lib', 'node_modules')] : []),
    ...(platform === 'win32'
      ? env.APPDATA
        ? [join(env.APPDATA, 'npm', 'node_modules')]
        : []
      : ['/usr/local/lib/node_modules', '/opt/homebrew/lib/node_modules', '/usr/lib/node_modules', join(home, '.npm-global', 'lib', 'node_modules')]),
  ];
  return [...new Set(roots)];
}

/**
 * `@duckdb/node-api` from the first folder that has it: `configured`, then `folders` (each with its
 * node_modules; pass none in an untrusted workspace), then `globals` (default: {@link npmGlobalRoots}). A package
 * that is there but fails to load (another platform's binary) is an error, not "not found".
 */
export function findDuckDb(configured: string, folders: readonly string[], globals: readonly string[] = npmGlobalRoots()): DuckDbLookup {
  const tried = [...(configured ? [configured] : []), ...folders, ...globals];
  for (const folder of tried) {
    const found = loadFrom(folder);
    if (found) return { found };
  }
  return { missing: `@duckdb/node-api is not in ${tried.join(', ')}`, canInstall: true };
}

/** `engine` whose every statement first checks `isCancelled` and reports its step. */
function controlled(engine: SqlEngine, control: EngineControl): SqlEngine {
  let statements = 0;
  const check = () => {
    if (control.isCancelled()) throw new Error('cancelled');
  };
  return {
    dialect: engine.dialect,
    columns: (ref) => (check(), engine.columns(ref)),
    query: (sql) => {
      check();
      control.onStatement(++statements);
      return engine.query(sql);
    },
    close: () => engine.close(),
  };
}

/**
 * The report, rows, left-out columns and charts of two Parquet files on DuckDB: the columns the in-memory
 * reader compares, pass 1, pass 2 and the charts' bins (docs/engines.md). The engine is closed after.
 */
export async function driftOnDuckDb(files: { readonly reference: string; readonly current: string }, api: DuckDbApi, options: DriftOptions, control: EngineControl): Promise<EngineDriftView> {
  const opened = await openDuckDbPair(files.reference, files.current, api);
  try {
    const engine = controlled(opened.engine, control);
    const src = { reference: opened.reference, current: opened.current };
    const { columns, skipped } = await comparedColumns(engine, [src.reference, src.current]);
    const drift = await driftOnEngine(engine, src, { ...options, columns });
    const charts = await chartsOnEngine(engine, src, drift);
    return { report: drift.report, rows: { reference: drift.referenceRows, current: drift.currentRows }, skipped, charts };
  } finally {
    await opened.engine.close();
  }
}
