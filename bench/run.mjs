#!/usr/bin/env node
// `npm run bench`: how fast Divergence Lens computes, as ratios against baselines measured in the same run
// (a plain JS loop, SciPy and NumPy, JSON.parse), with a correctness cross-check of every value against
// SciPy's. Not a test: it asserts nothing about speed. See bench/README.md for what each case measures.
//
//   node bench/run.mjs [--quick | --large] [--markdown FILE] [--json FILE] [--keep-data] [--no-python]
//
//   --quick      n = 10^6 only and fewer runs (under a minute)
//   (default)    n = 10^6 and 10^7 (a few minutes at most on 2 cores)
//   --large      adds n = 10^8 for every discrete measure (needs ~8 GiB of free memory and ~4 GiB of disk: checked first)
//   --markdown FILE  also writes the summary table (every measure against NumPy and SciPy, the machine above it)
//                as the body of docs/performance.md's "One run, in short"
//   --json FILE  also writes the results as JSON
//   --keep-data  keeps the generated .npy/.csv files in build/bench/ (deleted at the end by default)
//   --no-python  skips the SciPy baselines
//   --concurrent-jit  measures with V8's concurrent recompilation (default: off in the measuring process)
//   --drift [...]  only the drift report of a big file pair against pandas/SciPy (bench/drift.mjs, its options)
//
// Steps: bundles src/compute/index.ts (and the data readers and mvnKl) with esbuild into build/bench/,
// generates the inputs from fixed seeds, writes them as .npy/.csv files into build/bench/ (bench/baseline.py
// reads the very same doubles), times our code and the JS baselines here, the discrete measures' Python
// baselines interleaved with ours (round by round, bench/pythonServer.mjs), the other Python baselines in a
// child process at the end, and prints one table. Nothing here reads anything outside the repository.
// The cases live in bench/lib/ (discrete.mjs, cases.mjs, latency.mjs), the report in bench/lib/report.mjs;
// this file holds the options, the run's context and the order of the cases.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startPythonServer, timeWithPython } from './pythonServer.mjs';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const outDir = join(root, 'build', 'bench');

// ---------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
if (argv[0] === '--child-cold') {
  await (await import('./lib/children.mjs')).coldChild(outDir, Number(argv[1]));
  process.exit(0);
}
if (argv[0] === '--drift') {
  // The drift report of a big file pair against pandas/SciPy: bench/drift.mjs (its options after --drift).
  await (await import('./drift.mjs')).runDriftBench(argv.slice(1));
  process.exit(0);
}
if (argv[0] === '--child-memory') {
  await (await import('./lib/children.mjs')).memoryChild(outDir, argv[1], argv[2], argv[3]);
  process.exit(0);
}
// V8 compiles optimised code on a background thread. On this 2-core machine, shared with other builds, that
// thread can be starved for seconds, and a function then runs 3-4x slower in its baseline tier for dozens of
// calls: a fixed warm-up measures the load, not the code. So the measuring process runs with
// --no-concurrent-recompilation (optimised code compiled on the main thread, the same code once ready);
// the cold-start children run with V8's defaults. --concurrent-jit keeps the defaults here too.
if (!argv.includes('--concurrent-jit') && !process.execArgv.includes('--no-concurrent-recompilation')) {
  const r = spawnSync(process.execPath, [...process.execArgv, '--no-concurrent-recompilation', self, ...argv], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const flags = new Set(argv.filter((a) => a.startsWith('--')));
/** The file name after `option`, or undefined without the option. */
const fileOption = (option) => {
  const k = argv.indexOf(option);
  if (k < 0) return undefined;
  if (!argv[k + 1] || argv[k + 1].startsWith('--')) fail(`${option} needs a file name`);
  return argv[k + 1];
};
const jsonFile = fileOption('--json');
const markdownFile = fileOption('--markdown');
const known = new Set(['--quick', '--large', '--json', '--markdown', '--keep-data', '--no-python', '--concurrent-jit', '--help']);
for (const f of flags) {
  if (!known.has(f)) fail(`unknown option ${f} (try --help)`);
}
if (flags.has('--help')) {
  const header = readFileSync(self, 'utf8').split('\n');
  console.log(header.slice(1, header.findIndex((l) => l.startsWith('// Steps:'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
if (flags.has('--quick') && flags.has('--large')) fail('--quick and --large exclude each other');
const mode = flags.has('--quick') ? 'quick' : flags.has('--large') ? 'large' : 'default';
const quick = mode === 'quick';

/** Warm-up calls and timed runs per case. */
const RUNS = {
  1e6: quick ? { warmup: 2, runs: 5 } : { warmup: 3, runs: 15 },
  1e7: { warmup: 2, runs: 7 },
  1e8: { warmup: 1, runs: 3 },
  csv: quick ? { warmup: 1, runs: 2, python_warmup: 0 } : { warmup: 1, runs: 5 },
  mvn: { 200: quick ? { warmup: 1, runs: 3 } : { warmup: 2, runs: 10 }, 500: quick ? { warmup: 1, runs: 3 } : { warmup: 1, runs: 5 }, 1000: { warmup: 1, runs: 3 } },
  hover: { warmup: 20, runs: 200 },
  coldChildren: quick ? 3 : 5,
};
/**
 * The targets of the two-thread path at n = 10^7 and 10^8, as ratios in the same run: baseline median / ours.
 * Every discrete measure at least 2x NumPy by hand and 5x SciPy's function for it (KL 10x SciPy rel_entr).
 */
const TARGETS = { numpy: 2, scipy: 5, klScipy: 10 };

/** Free memory (MemAvailable) and free disk that --large asks for before it adds n = 10^8. */
const LARGE_MEMORY_BYTES = 8 * 2 ** 30;
const LARGE_DISK_BYTES = 4 * 2 ** 30;

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

const t0 = performance.now();
// Progress goes to stderr (with seconds since start), the report to stdout.
const log = (s = '') => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${s}\n`);

async function main() {
  const { bundle } = await import('./lib/bundle.mjs');
  const { csvCase, histogramCases, mvnCases } = await import('./lib/cases.mjs');
  const { discreteCases } = await import('./lib/discrete.mjs');
  const { coldCases, hoverCases } = await import('./lib/latency.mjs');
  const { cpuPressure, freeDisk, memAvailable } = await import('./lib/machine.mjs');
  const { pythonBaselines, pythonEnv, pythonMissing } = await import('./lib/python.mjs');
  const { formatReport, jsonReport, resolvePython } = await import('./lib/report.mjs');
  const { summaryMarkdown } = await import('./lib/summary.mjs');
  const { statsOf } = await import('./lib/timing.mjs');
  const started = t0;
  const load = { start: os.loadavg(), pressureStart: cpuPressure() };
  log(`bench: mode ${mode}; load average ${load.start.map((x) => x.toFixed(2)).join(' ')}`);
  const { modules, missing } = await bundle({ root, outDir, log, fail });
  const { core } = modules;
  core.initSync();
  const wasmReady = core.isWasmReady();

  const sizes = [1e6];
  if (!quick) sizes.push(1e7);
  const notes = [];
  if (mode === 'large') {
    const avail = memAvailable();
    const disk = freeDisk(outDir);
    if (avail < LARGE_MEMORY_BYTES || disk < LARGE_DISK_BYTES) {
      notes.push(
        `--large: n = 10^8 skipped: ${(avail / 2 ** 30).toFixed(1)} GiB of memory available and ${(disk / 2 ** 30).toFixed(1)} GiB of disk free (needs ${LARGE_MEMORY_BYTES / 2 ** 30} GiB and ${LARGE_DISK_BYTES / 2 ** 30} GiB)`,
      );
    } else sizes.push(1e8);
  }

  // The discrete measures' Python baselines, timed round by round with ours: { id: { label, stats } }.
  const interleaved = {};
  const skipPython = flags.has('--no-python');
  const server = pythonMissing(skipPython) ? undefined : await startPythonServer(join(root, 'bench', 'baseline.py'), pythonEnv().env);
  if (server?.failed) notes.push(`the interleaved Python baselines failed to start: ${server.failed}`);
  const pyServer = server?.failed ? undefined : server;
  const dataFiles = [];
  /** The run's context, handed to every case (bench/lib/*.mjs). */
  const ctx = {
    root, outDir, self, quick, mode, RUNS, log, core, modules, missing, wasmReady, sizes, notes, pyServer,
    groups: [],
    pyConfig: { sizes: [], mvn: [] },
    pyLabels: {},
    file: (name) => {
      const path = join(outDir, name);
      dataFiles.push(path);
      return path;
    },
    timeRounds: async (fns, ids, runs) => {
      const [ours, py] = await timeWithPython(fns, pyServer ? ids : [], pyServer, runs, statsOf);
      for (const [id, stats] of Object.entries(py)) interleaved[id] = { label: ctx.pyLabels[id], stats };
      return ours;
    },
  };
  for (const n of sizes) await discreteCases(ctx, n);
  csvCase(ctx);
  histogramCases(ctx);
  mvnCases(ctx);
  const hover = hoverCases(ctx);
  coldCases(ctx);

  // --- Python ---------------------------------------------------------------------------------------------
  load.beforePython = os.loadavg();
  log('bench: Python baselines');
  pyServer?.close();
  const py = pythonBaselines(ctx.pyConfig, { root, outDir, skip: skipPython });
  load.end = os.loadavg();
  load.pressureEnd = cpuPressure();
  if (!flags.has('--keep-data')) for (const f of dataFiles) rmSync(f, { force: true });
  const { groups } = ctx;
  resolvePython(groups, py, interleaved);

  console.log(formatReport({ mode, load, core, py, groups, notes, missing, modules, started, targets: TARGETS }));
  // The one table users read (docs/performance.md, "One run, in short"): printed, and written with --markdown.
  const summary = summaryMarkdown({
    groups, py: py.env ? py : { ...py, env: pyServer?.env }, load, core, targets: TARGETS,
    // The command as run, file names as FILE (they are machine paths).
    command: ['node bench/run.mjs', ...argv.map((a, k) => (['--json', '--markdown'].includes(argv[k - 1]) ? 'FILE' : a))].join(' '),
    wallSeconds: (performance.now() - started) / 1000,
    runsAt: (n) => RUNS[n].runs,
  });
  console.log(`\nSummary (markdown${markdownFile ? `, also in ${markdownFile}` : ''}):\n\n${summary}`);
  if (markdownFile) writeFileSync(markdownFile, `${summary}\n`);
  // Tables: CSV against pandas, Parquet against DuckDB, Parquet memory (bench/tables.mjs).
  const { runTables } = await import('./tables.mjs');
  console.log(['', ...(await runTables({ quick, python: !skipPython, keep: flags.has('--keep-data'), log }))].join('\n'));

  if (jsonFile) {
    writeFileSync(jsonFile, `${JSON.stringify(jsonReport({ mode, load, core, py, groups, notes, missing, started, hover }), null, 2)}\n`);
    log(`bench: wrote ${relative(process.cwd(), jsonFile) || jsonFile}`);
  }
}

await main();
// The drift report through DuckDB against the in-memory path: its own module (bench/engines.mjs).
if (!flags.has('--quick')) await (await import('./engines.mjs')).benchEngines({ large: flags.has('--large'), keepData: flags.has('--keep-data') });
