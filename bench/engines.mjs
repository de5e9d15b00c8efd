#!/usr/bin/env node
// The drift report of two large Parquet files, computed in memory (the Parquet reader of src/data, then
// driftReport) and through DuckDB (the built dist/cli.js with --engine duckdb: two statements, only
// aggregates back): wall time and peak resident memory, each path in its own process (the engine's time
// includes starting the command, about 0.1 s), and the largest relative difference of their scores.
// `npm run bench` runs it after its own cases (not with --quick; after `npm run build`); alone:
//
//   node bench/engines.mjs [--large] [--keep-data]
//
//   (default)    10^7 rows a side (reference and current), 3 columns: two numerical, one categorical
//   --large      10^8 rows a side; the in-memory path only where MemAvailable allows it (~60 bytes a cell)
//   --keep-data  keeps the generated Parquet files in build/bench/engines/
//
// The files are written by DuckDB from fixed formulas (no randomness: the same bytes every run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const dataDir = join(root, 'build', 'bench', 'engines');
const BYTES_PER_CELL = 60;

/** Child: the in-memory report, timed, with its peak RSS, as a JSON line. */
async function child(refPath, curPath) {
  const { readDriftTable } = await tsImport('../src/drift/readTable.ts', import.meta.url);
  const { driftReport } = await tsImport('../src/drift/driftReport.ts', import.meta.url);
  const t0 = performance.now();
  const reference = (await readDriftTable(refPath, readFileSync(refPath))).table;
  const current = (await readDriftTable(curPath, readFileSync(curPath))).table;
  const report = driftReport(reference, current, { allMeasures: true });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssMiB: process.resourceUsage().maxRSS / 1024, report })}\n`);
}

/** `divergence drift REF CUR --engine duckdb --all-measures --json`, timed from here, its peak RSS from an exit hook. */
function engineChild(cli, ref, cur) {
  const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss "+process.resourceUsage().maxRSS+"\\n"))';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, cli, 'drift', ref, cur, '--engine', 'duckdb', '--all-measures', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (r.status !== 0) return { error: r.stderr.trim().split('\n')[0] };
  return { ms, maxRssMiB: Number(/maxrss (\d+)/.exec(r.stderr)[1]) / 1024, report: JSON.parse(r.stdout) };
}

/** Writes ref.parquet and cur.parquet of `rows` rows each (zstd, DuckDB's default row groups). */
async function writeData(rows) {
  mkdirSync(dataDir, { recursive: true });
  const ref = join(dataDir, `ref-${rows}.parquet`);
  const cur = join(dataDir, `cur-${rows}.parquet`);
  if (existsSync(ref) && existsSync(cur)) return { ref, cur };
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // x: a smooth bell from a hash of the row number; y: 0.1-steps with ties; cat: 5 categories; cur shifted.
  const table = (shift) => `SELECT ((hash(i) % 1000000) / 1e6 + (hash(i + 7) % 1000000) / 1e6 + ${shift}) AS x,
    CAST(hash(i * 3) % 400 AS DOUBLE) / 10 + ${shift} AS y, 'c' || CAST(hash(i * 5) % ${shift ? 6 : 5} AS VARCHAR) AS cat FROM range(${rows}) AS r(i)`;
  await connection.run(`COPY (${table(0)}) TO '${ref}' (FORMAT parquet, COMPRESSION zstd)`);
  await connection.run(`COPY (${table(0.05)}) TO '${cur}' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
  return { ref, cur };
}

function memAvailable() {
  const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

function memoryChild(ref, cur) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', here, '--child', ref, cur], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-1)[0] };
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The largest relative difference between the two reports' scores and measures. */
function largestDifference(a, b) {
  let worst = 0;
  a.columns.forEach((c, i) => {
    const d = b.columns[i];
    for (const [k, v] of Object.entries(c.measures ?? {})) {
      const w = d.measures[k];
      worst = Math.max(worst, v === 0 ? Math.abs(w) : Math.abs(v - w) / Math.abs(v));
    }
  });
  return worst;
}

/** Runs the cases and returns the table's rows (and prints them with `log`). */
export async function benchEngines({ large = false, keepData = false, log = console.log } = {}) {
  const rows = large ? 1e8 : 1e7;
  const { ref, cur } = await writeData(rows);
  const sizeMiB = (statSync(ref).size + statSync(cur).size) / 2 ** 20;
  log(`\nDrift report of two Parquet files, ${rows.toExponential(0)} rows each, 3 columns (${sizeMiB.toFixed(0)} MiB, zstd), --all-measures:`);
  const results = [];
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('bench/engines.mjs measures dist/cli.js: run `npm run build` first');
  results.push({ path: '--engine duckdb', ...engineChild(cli, ref, cur) });
  const needed = 2 * rows * 3 * BYTES_PER_CELL;
  if (needed > memAvailable() * 0.8) {
    results.push({ path: 'in memory', error: `skipped: needs ~${(needed / 2 ** 30).toFixed(1)} GiB, ${(memAvailable() / 2 ** 30).toFixed(1)} GiB available` });
  } else {
    results.push({ path: 'in memory', ...memoryChild(ref, cur) });
  }
  for (const r of results) {
    log(r.error ? `  ${r.path.padEnd(16)} ${r.error}` : `  ${r.path.padEnd(16)} ${(r.ms / 1000).toFixed(2).padStart(7)} s   peak RSS ${r.maxRssMiB.toFixed(0).padStart(6)} MiB`);
  }
  const [a, b] = results;
  if (a.report && b.report) log(`  largest relative difference of the scores: ${largestDifference(b.report, a.report).toExponential(2)}`);
  if (!keepData) rmSync(dataDir, { recursive: true, force: true });
  return results.map(({ report, ...r }) => ({ rows, ...r, columns: report?.columns.length }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flags = new Set(process.argv.slice(2));
  await benchEngines({ large: flags.has('--large'), keepData: flags.has('--keep-data') });
}
