/**
 * The Drift view's report on DuckDB (desktop only; the browser bundle uses driftEngine.browser.ts, which never
 * loads it). DuckDB is not bundled (about 70 MB of native code per platform): `@duckdb/node-api` is loaded from
 * where the user installed it, the first of `divergenceLens.drift.duckdbPath`, the workspace folders'
 * node_modules and the global npm root (`npm root -g`) that has it, with a `require` made for that folder.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
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

let globalRoot: Promise<string | undefined> | undefined;

/** `npm root -g`, asked once per session (undefined when npm is not on the PATH or does not answer in 10 s). */
function npmGlobalRoot(): Promise<string | undefined> {
  globalRoot ??= new Promise((resolve) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    execFile(npm, ['root', '-g'], { timeout: 10_000, shell: process.platform === 'win32' }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
  return globalRoot;
}

/**
 * `@duckdb/node-api` from the first folder that has it: `configured`, then `folders` (each with its
 * node_modules), then `global` (default: the global npm root). A package that is there but fails to load
 * (another platform's binary) is an error, not "not found".
 */
export async function findDuckDb(configured: string, folders: readonly string[], global: () => Promise<string | undefined> = npmGlobalRoot): Promise<DuckDbLookup> {
  const tried = [...(configured ? [configured] : []), ...folders];
  for (const folder of tried) {
    const found = loadFrom(folder);
    if (found) return { found };
  }
  const root = await global();
  const found = root === undefined ? undefined : loadFrom(root);
  if (found) return { found };
  return { missing: `@duckdb/node-api is not in ${[...tried, root ?? 'the global npm root (npm not found)'].join(', ')}`, canInstall: true };
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
