#!/usr/bin/env node
// The drift report of two large Parquet files, computed in memory (the Parquet reader of src/data, then
// driftReport) and through DuckDB (the built dist/cli.js with --engine duckdb: two statements, only
// aggregates back): wall time and peak resident memory (VmHWM), each path in its own process (the engine's
// time includes starting the command, about 0.1 s), and the largest relative difference of their scores.
// `npm run bench` runs it after its own cases (not with --quick; after `npm run build`); alone:
//
//   node bench/engines.mjs [--large] [--keep-data]
//
//   (default)    10^7 rows a side (reference and current), 4 columns: three numerical, one categorical
//   --large      10^8 rows a side through DuckDB. The in-memory path holds every value of a column pair
//                (~60 bytes a cell) and took 238 to 722 s at 10^7 rows: it runs on the first 10^k rows that fit in
//                MemAvailable, at most 10^7 (DuckDB runs on those too, for the comparison of the scores)
//   --keep-data  writes the Parquet files to build/bench/engines/ and keeps them (reused by the next run);
//                otherwise they go to a temporary directory, removed at the end
//
// The files are written by DuckDB from fixed formulas (no randomness: the same bytes every run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), '..');
const BYTES_PER_CELL = 60;
const COLUMNS = 4;
/** The most rows a side the in-memory path is given (238 to 722 s and about 2 GiB at 10^7 on a loaded machine). */
const MEMORY_ROWS_CAP = 1e7;
/** A child that runs longer is stopped and reported as such. */
const CHILD_TIMEOUT_MS = 3 * 3600e3;

/** The process's peak resident set in MiB: VmHWM (it starts anew at exec), else maxRSS. */
function peakMiB() {
  const m = existsSync('/proc/self/status') && /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** Child: the in-memory report, timed, with its peak RSS, as a JSON line. */
async function child(refPath, curPath) {
  const { readDriftTable } = await tsImport('../src/drift/readTable.ts', import.meta.url);
  const { driftReport } = await tsImport('../src/drift/driftReport.ts', import.meta.url);
  const t0 = performance.now();
  const reference = (await readDriftTable(refPath, readFileSync(refPath))).table;
  const current = (await readDriftTable(curPath, readFileSync(curPath))).table;
  const report = driftReport(reference, current, { allMeasures: true });
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, maxRssMiB: peakMiB(), report })}\n`);
}

/** The error line of a child that failed or was stopped. */
function childError(r) {
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM') return `stopped after ${CHILD_TIMEOUT_MS / 3600e3} h`;
  return (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-1)[0];
}

/** `divergence drift REF CUR --engine duckdb --all-measures --json`, timed from here, its VmHWM from an exit hook. */
function engineChild(cli, ref, cur) {
  const hook = 'data:text/javascript,import{readFileSync as r}from"node:fs";process.on("exit",()=>process.stderr.write("vmhwm "+/VmHWM:\\s+(\\d+)/.exec(r("/proc/self/status","utf8"))[1]+"\\n"))';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', hook, cli, 'drift', ref, cur, '--engine', 'duckdb', '--all-measures', '--json'], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: CHILD_TIMEOUT_MS });
  const ms = performance.now() - t0;
  if (r.status !== 0) return { error: childError(r) };
  return { ms, maxRssMiB: Number(/vmhwm (\d+)/.exec(r.stderr)[1]) / 1024, report: JSON.parse(r.stdout) };
}

/**
 * Writes ref-N.parquet and cur-N.parquet of `rows` rows each (zstd, DuckDB's default row groups). x: a smooth
 * bell from a hash of the row number (about 2·10^6 distinct values); y: 0.1-steps with ties; k: integers
 * 0…999; cat: 5 categories (6 in cur); cur shifted.
 */
async function writeData(dir, rows) {
  const ref = join(dir, `ref-${rows}.parquet`);
  const cur = join(dir, `cur-${rows}.parquet`);
  if (existsSync(ref) && existsSync(cur)) return { ref, cur };
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const table = (shift) => `SELECT ((hash(i) % 1000000) / 1e6 + (hash(i + 7) % 1000000) / 1e6 + ${shift}) AS x,
    CAST(hash(i * 3) % 400 AS DOUBLE) / 10 + ${shift} AS y, CAST(hash(i * 11) % ${shift ? 1010 : 1000} AS BIGINT) AS k,
    'c' || CAST(hash(i * 5) % ${shift ? 6 : 5} AS VARCHAR) AS cat FROM range(${rows}) AS r(i)`;
  await connection.run(`COPY (${table(0)}) TO '${ref}' (FORMAT parquet, COMPRESSION zstd)`);
  await connection.run(`COPY (${table(0.05)}) TO '${cur}' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  instance.closeSync();
  return { ref, cur };
}

function memAvailable() {
  const m = existsSync('/proc/meminfo') && /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** The rows a side the in-memory path gets: the largest 10^k ≤ `rows`, ≤ the cap, that fits in 80 % of MemAvailable. */
function memoryRows(rows) {
  let n = Math.min(rows, MEMORY_ROWS_CAP);
  while (n >= 1e3 && 2 * n * COLUMNS * BYTES_PER_CELL > memAvailable() * 0.8) n /= 10;
  return n;
}

function memoryChild(ref, cur) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=16384', here, '--child', ref, cur], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: CHILD_TIMEOUT_MS });
  if (r.status !== 0) return { error: childError(r) };
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

function sizeMiB({ ref, cur }) {
  return (statSync(ref).size + statSync(cur).size) / 2 ** 20;
}

/** Runs the cases and returns the table's rows (and prints them with `log`). */
export async function benchEngines({ large = false, keepData = false, log = console.log } = {}) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error('bench/engines.mjs measures dist/cli.js: run `npm run build` first');
  const rows = large ? 1e8 : 1e7;
  const inMemory = memoryRows(rows);
  const dir = keepData ? join(root, 'build', 'bench', 'engines') : mkdtempSync(join(tmpdir(), 'divergence-engines-'));
  mkdirSync(dir, { recursive: true });
  const results = [];
  try {
    const big = await writeData(dir, rows);
    const small = inMemory < rows ? await writeData(dir, inMemory) : big;
    log(`\nDrift report of two Parquet files, ${COLUMNS} columns (3 numerical, 1 categorical), zstd, --all-measures:`);
    const run = (path, n, files, r) => {
      results.push({ path, rows: n, ...r });
      const t = r.error ? r.error : `${(r.ms / 1000).toFixed(2).padStart(8)} s   peak RSS ${r.maxRssMiB.toFixed(0).padStart(6)} MiB`;
      log(`  ${path.padEnd(16)} ${n.toExponential(0)} rows a side (${sizeMiB(files).toFixed(0).padStart(5)} MiB)  ${t}`);
      return r;
    };
    const engineBig = run('--engine duckdb', rows, big, engineChild(cli, big.ref, big.cur));
    const engineSmall = small === big ? engineBig : run('--engine duckdb', inMemory, small, engineChild(cli, small.ref, small.cur));
    const memory = run('in memory', inMemory, small, memoryChild(small.ref, small.cur));
    if (inMemory < rows) log(`  in memory only on ${inMemory.toExponential(0)} rows a side: ${rows.toExponential(0)} need ~${((2 * rows * COLUMNS * BYTES_PER_CELL) / 2 ** 30).toFixed(0)} GiB and hours`);
    if (engineSmall.report && memory.report) log(`  largest relative difference of the scores at ${inMemory.toExponential(0)} rows: ${largestDifference(memory.report, engineSmall.report).toExponential(2)}`);
  } finally {
    if (!keepData) rmSync(dir, { recursive: true, force: true });
  }
  return results.map(({ report, ...r }) => ({ ...r, columns: report?.columns.length }));
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4]);
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const flags = new Set(process.argv.slice(2));
  await benchEngines({ large: flags.has('--large'), keepData: flags.has('--keep-data') });
}
