#!/usr/bin/env node
// `npm run bench`: how fast Divergence Lens computes, as ratios against baselines measured in the same run
// (a plain JS loop, SciPy and NumPy, JSON.parse), with a correctness cross-check of every value against
// SciPy's. Not a test: it asserts nothing about speed. See bench/README.md for what each case measures.
//
//   node bench/run.mjs [--quick | --large] [--json FILE] [--keep-data] [--no-python]
//
//   --quick      n = 10^6 only and fewer runs (under a minute)
//   (default)    n = 10^6 and 10^7 (a few minutes at most on 2 cores)
//   --large      adds n = 10^8 for KL, entropy and JS (needs ~8 GiB of free memory and ~2 GiB of disk: checked first)
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
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { startPythonServer, timeWithPython } from './pythonServer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'build', 'bench');
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
if (argv[0] === '--child-cold') {
  await coldChild(Number(argv[1]));
  process.exit(0);
}
if (argv[0] === '--drift') {
  // The drift report of a big file pair against pandas/SciPy: bench/drift.mjs (its options after --drift).
  await (await import('./drift.mjs')).runDriftBench(argv.slice(1));
  process.exit(0);
}
if (argv[0] === '--child-memory') {
  await memoryChild(argv[1], argv[2], argv[3]);
  process.exit(0);
}
// V8 compiles optimised code on a background thread. On this 2-core machine, shared with other builds, that
// thread can be starved for seconds, and a function then runs 3-4x slower in its baseline tier for dozens of
// calls: a fixed warm-up measures the load, not the code. So the measuring process runs with
// --no-concurrent-recompilation (optimised code compiled on the main thread, the same code once ready);
// the cold-start children run with V8's defaults. --concurrent-jit keeps the defaults here too.
if (!argv.includes('--concurrent-jit') && !process.execArgv.includes('--no-concurrent-recompilation')) {
  const r = spawnSync(process.execPath, [...process.execArgv, '--no-concurrent-recompilation', fileURLToPath(import.meta.url), ...argv], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
// The .npy writer of the tests and scripts (src/data/npyWriter.ts), for the input files.
const { npyHeader } = await tsImport('../src/data/npyWriter.ts', import.meta.url);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const jsonIndex = argv.indexOf('--json');
const jsonFile = jsonIndex >= 0 ? argv[jsonIndex + 1] : undefined;
const known = new Set(['--quick', '--large', '--json', '--keep-data', '--no-python', '--concurrent-jit', '--help']);
for (const f of flags) {
  if (!known.has(f)) fail(`unknown option ${f} (try --help)`);
}
if (flags.has('--help')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
if (jsonIndex >= 0 && (!jsonFile || jsonFile.startsWith('--'))) fail('--json needs a file name');
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
const CSV_ROWS = 2_000_000;
const MVN_DIMS = [200, 500, 1000];
const HOVER_ELEMENTS = 10_000;
const COLD_N = 1e6;
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

// ---------------------------------------------------------------------------------------------------------
// Timing

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The q-quantile by the nearest-rank method (p95 of 200 runs: the 190th smallest). */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

function statsOf(times, value) {
  return { medianMs: median(times), minMs: Math.min(...times), runs: times.length, value };
}

/**
 * Times several implementations of one case in interleaved rounds (each warmed up first), so that a change
 * in the machine's load during the case affects all of them alike. Returns one stats object per function.
 */
function timeInterleaved(fns, { warmup, runs }) {
  const values = fns.map(() => undefined);
  for (let k = 0; k < fns.length; k++) for (let w = 0; w < warmup; w++) values[k] = fns[k]();
  const times = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      const t0 = performance.now();
      values[k] = fns[k]();
      times[k].push(performance.now() - t0);
    }
  }
  return fns.map((_, k) => statsOf(times[k], values[k]));
}

// ---------------------------------------------------------------------------------------------------------
// Inputs, from fixed seeds

/** mulberry32: a small seeded generator of 32-bit integers. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * n values of a Dirichlet(1, …, 1) distribution (normalised exponentials): all > 0, summing to 1 within a
 * few ulp. The normalising sum is compensated: with a plain sum Σp would be off by ~1e-14 at n = 10^6, and
 * the cross-check would show SciPy's raw Σ rel_entr differing from our normalised KL by that much.
 */
function dirichlet(n, seed) {
  const next = generator(seed);
  const a = new Float64Array(n);
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const x = -Math.log((next() + 0.5) / 4294967296);
    a[i] = x;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  s += c;
  for (let i = 0; i < n; i++) a[i] /= s;
  return a;
}

function normals(n, seed) {
  const next = generator(seed);
  const a = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = (next() + 0.5) / 4294967296;
    const v = (next() + 0.5) / 4294967296;
    const r = Math.sqrt(-2 * Math.log(u));
    a[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) a[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return a;
}

/** A dense, well-conditioned SPD d×d matrix (row-major, exactly symmetric): U·Uᵀ/32 + ½I, U d×32 normal. */
function covariance(d, seed) {
  const r = 32;
  const u = normals(d * r, seed);
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += u[i * r + k] * u[j * r + k];
      c[i * d + j] = c[j * d + i] = s / r + (i === j ? 0.5 : 0);
    }
  }
  return c;
}

/** Writes a little-endian float64 .npy file (format 1.0, C order) without copying the data. */
function writeNpy(path, values, shape) {
  if (os.endianness() !== 'LE') throw new Error('writeNpy assumes a little-endian host');
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, npyHeader({ shape }));
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    for (let off = 0; off < bytes.length; off += 1 << 26) writeSync(fd, bytes.subarray(off, Math.min(bytes.length, off + (1 << 26))));
  } finally {
    closeSync(fd);
  }
}

/** A CSV file `p,q` with one row per element, numbers in JavaScript's shortest round-trip form. */
function writeCsv(path, p, q) {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'p,q\n');
    const chunk = 100_000;
    for (let start = 0; start < p.length; start += chunk) {
      const lines = [];
      for (let i = start; i < Math.min(p.length, start + chunk); i++) lines.push(`${p[i]},${q[i]}\n`);
      writeSync(fd, lines.join(''));
    }
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Naive baselines: what one writes without thinking about zeros, rounding or p ≈ q.

function naiveKl(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] * Math.log(p[i] / q[i]);
  return s;
}

function naiveEntropy(p) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= p[i] * Math.log(p[i]);
  return s;
}

function naiveCrossEntropy(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= p[i] * Math.log(q[i]);
  return s;
}

function naiveJs(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i]);
    s += p[i] * Math.log(p[i] / m) + q[i] * Math.log(q[i] / m);
  }
  return 0.5 * s;
}

/**
 * The memory floor of a pass over P and Q: copying both (memcpy speed) into a buffer allocated once, the least
 * any of our paths does (the WASM paths copy every slice into the module's memory).
 */
function copyBoth(p, q, scratch) {
  scratch.set(p);
  scratch.set(q);
  return scratch[0];
}

function naiveJeffreys(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i] - q[i]) * Math.log(p[i] / q[i]);
  return s;
}

function naiveTv(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - q[i]);
  return 0.5 * s;
}

function naiveHellinger(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
    s += d * d;
  }
  return Math.sqrt(0.5 * s);
}

function naiveBhattacharyya(p, q) {
  let s = 0;
  for (let i = 0; i < p.length; i++) s += Math.sqrt(p[i] * q[i]);
  return -Math.log(s);
}

// ---------------------------------------------------------------------------------------------------------
// Build

async function bundle() {
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(join(root, 'build', 'kernels.wasm'))) {
    log('bench: build/kernels.wasm is missing: npm run build:wasm');
    const r = spawnSync('npm', ['run', '--silent', 'build:wasm'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (r.status !== 0) fail(`npm run build:wasm failed (exit ${r.status ?? r.signal})`);
  }
  const esbuild = await import('esbuild');
  const options = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    loader: { '.wasm': 'binary' },
    minify: false,
    legalComments: 'none',
    logLevel: 'silent',
  };
  const entries = {
    core: 'src/compute/index.ts',
    mvnKl: 'src/core/mvnKl.ts',
    parseArrayLiteral: 'src/data/parseArrayLiteral.ts',
    hoverModel: 'src/extension/hover/hoverModel.ts',
    csv: 'src/data/csv.ts',
    npy: 'src/data/npy.ts',
  };
  const modules = {};
  const missing = {};
  await Promise.all(
    Object.entries(entries).map(async ([name, entry]) => {
      const outfile = join(outDir, `${name}.js`);
      if (!existsSync(join(root, entry))) {
        missing[name] = `${entry} does not exist`;
        return;
      }
      try {
        await esbuild.build({ ...options, entryPoints: [entry], outfile });
        delete require.cache[outfile];
        modules[name] = require(outfile);
      } catch (e) {
        missing[name] = `${entry} did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
      }
    }),
  );
  if (!modules.core) fail(`cannot benchmark without the compute API: ${missing.core}`);
  // The worker program beside core.js: the two-thread KL path and the worker pool look for it there.
  try {
    await esbuild.build({ ...options, entryPoints: ['src/compute/worker.ts'], outfile: join(outDir, 'worker.js') });
  } catch (e) {
    missing.worker = `src/compute/worker.ts did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
  }
  for (const [name, entry] of Object.entries({ npyStream: 'src/data/npyStream.ts', csvChunks: 'src/data/csvChunks.ts' })) {
    try {
      const outfile = join(outDir, `${name}.js`);
      await esbuild.build({ ...options, entryPoints: [entry], outfile });
      modules[name] = require(outfile);
    } catch (e) {
      missing[name] = `${entry} did not build: ${(e?.errors?.[0]?.text ?? e?.message ?? String(e)).split('\n')[0]}`;
    }
  }
  if (modules.mvnKl && typeof modules.mvnKl.mvnKl !== 'function') {
    missing.mvnKl = 'src/core/mvnKl.ts exports no mvnKl()';
    delete modules.mvnKl;
  }
  return { modules, missing };
}

// ---------------------------------------------------------------------------------------------------------
// Cold start, in a fresh process: `node bench/run.mjs --child-cold N` prints one JSON line.

async function coldChild(n) {
  const p = dirichlet(n, 1);
  const q = dirichlet(n, 2);
  const t0 = performance.now();
  const core = require(join(outDir, 'core.js'));
  const t1 = performance.now();
  core.initSync();
  const t2 = performance.now();
  if (!core.isWasmReady()) {
    console.log(JSON.stringify({ error: core.backendStatus() }));
    return;
  }
  const first = core.klDivergence(p, q, { backend: 'wasm' });
  const t3 = performance.now();
  const warm = [];
  for (let k = 0; k < 5; k++) {
    const s = performance.now();
    core.klDivergence(p, q, { backend: 'wasm' });
    warm.push(performance.now() - s);
  }
  const s = performance.now();
  core.klDivergence(p, q, { backend: 'ts' });
  const tsFirst = performance.now() - s;
  const tsWarm = [];
  for (let k = 0; k < 5; k++) {
    const u = performance.now();
    core.klDivergence(p, q, { backend: 'ts' });
    tsWarm.push(performance.now() - u);
  }
  console.log(
    JSON.stringify({
      loadMs: t1 - t0,
      initMs: t2 - t1,
      firstMs: t3 - t2,
      warmMs: median(warm),
      tsFirstMs: tsFirst,
      tsWarmMs: median(tsWarm),
      value: first.value,
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Peak memory of KL from two .npy files, in a fresh process: `--child-memory whole|chunks P Q` prints one
// JSON line with the process's peak resident set (maxRSS) and its resident set before reading.

async function memoryChild(how, pFile, qFile) {
  const core = require(join(outDir, 'core.js'));
  core.initSync();
  const before = process.memoryUsage().rss;
  let value;
  if (how === 'csv-whole' || how === 'csv-pieces') {
    let pv;
    let qv;
    if (how === 'csv-whole') {
      const csv = require(join(outDir, 'csv.js'));
      const bytes = readFileSync(pFile);
      pv = csv.csvColumn(bytes, 'p');
      qv = csv.csvColumn(bytes, 'q');
    } else {
      const { readCsvColumnListInChunks } = require(join(outDir, 'csvChunks.js'));
      [pv, qv] = (await readCsvColumnListInChunks(await core.fileReader(pFile), ['p', 'q'])).columns;
    }
    value = core.klDivergence(pv, qv).value;
  } else if (how === 'whole') {
    const npy = require(join(outDir, 'npy.js'));
    value = core.klDivergence(npy.parseNpy(readFileSync(pFile)).values, npy.parseNpy(readFileSync(qFile)).values).value;
  } else {
    const { openNpyStream } = require(join(outDir, 'npyStream.js'));
    const pool = new core.KlWorkerPool({ workerPath: join(outDir, 'worker.js') });
    const [sp, sq] = await Promise.all([pFile, qFile].map(async (f) => openNpyStream(await core.fileReader(f))));
    value = (await pool.klDivergenceFromSources(sp, sq)).value;
    await pool.dispose();
  }
  console.log(JSON.stringify({ beforeBytes: before, peakBytes: peakResidentBytes(), value }));
}

/**
 * The process's peak resident set: VmHWM from /proc/self/status (it starts anew at exec), not maxRSS, which
 * Linux carries over from the parent that forked this child (the bench itself, holding 1.6 GB at n = 10^8).
 */
function peakResidentBytes() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}


/** Times an async function: warm-up calls, then `runs` timed calls one after another. */
async function timeAsync(fn, { warmup, runs }) {
  let value;
  for (let w = 0; w < warmup; w++) value = await fn();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    value = await fn();
    times.push(performance.now() - t);
  }
  return statsOf(times, value);
}

// ---------------------------------------------------------------------------------------------------------
// Python baselines

/** Why the Python baselines cannot run, or undefined when they can. */
function pythonMissing() {
  if (flags.has('--no-python')) return 'SciPy baselines skipped (--no-python)';
  const probe = spawnSync('python3', ['-c', 'import scipy'], { encoding: 'utf8' });
  return probe.status !== 0 ? 'SciPy not available: baselines skipped' : undefined;
}

/**
 * The Python children's environment: OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE are set on some machines of this
 * workplace (older OpenBLAS builds need them) and slow a current numpy: unset both, for those children only.
 */
function pythonEnv() {
  const env = { ...process.env };
  const unset = { OPENBLAS_CORETYPE: env.OPENBLAS_CORETYPE ?? null, OPENBLAS_L2_SIZE: env.OPENBLAS_L2_SIZE ?? null };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return { env, unset };
}

function pythonBaselines(config) {
  const why = pythonMissing();
  if (why) return { skipped: why };
  const configPath = join(outDir, 'baseline-config.json');
  writeFileSync(configPath, JSON.stringify(config, null, 1));
  const { env, unset } = pythonEnv();
  const r = spawnSync('python3', [join(root, 'bench', 'baseline.py'), configPath], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 * 2 ** 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0) return { skipped: `Python baselines failed (exit ${r.status ?? r.signal}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}` };
  try {
    const out = JSON.parse(r.stdout);
    return { ...out, unset };
  } catch (e) {
    return { skipped: `Python baselines printed no JSON: ${String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------------------
// Report

const fmtMs = (ms) => (ms === undefined || ms === null ? '' : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
const pow10 = (n) => {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `10^${e}` : String(n);
};
const ratioText = (ours, base) => {
  if (!ours || !base) return '';
  const r = base / ours;
  return r >= 1 ? `${r.toFixed(2)}x faster` : `${(1 / r).toFixed(2)}x slower`;
};
const relDiff = (a, b) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));
const fmtRel = (x) => (x === 0 ? '0' : x.toExponential(1));

function table(headers, rows, align) {
  const widths = headers.map((h, k) => Math.max(h.length, ...rows.map((r) => String(r[k] ?? '').length)));
  const line = (cells) =>
    cells
      .map((c, k) => (align[k] === 'r' ? String(c ?? '').padStart(widths[k]) : String(c ?? '').padEnd(widths[k])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Main

async function main() {
  const started = t0;
  const load = { start: os.loadavg(), pressureStart: cpuPressure() };
  log(`bench: mode ${mode}; load average ${load.start.map((x) => x.toFixed(2)).join(' ')}`);
  const { modules, missing } = await bundle();
  const { core, csv, npy, parseArrayLiteral } = modules;
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

  const groups = [];
  const pyConfig = { sizes: [], mvn: [] };
  // The discrete measures' Python baselines, timed round by round with ours: { id: { label, stats } }.
  const interleaved = {};
  const pyMissing = pythonMissing();
  const server = pyMissing ? undefined : await startPythonServer(join(root, 'bench', 'baseline.py'), pythonEnv().env);
  if (server?.failed) notes.push(`the interleaved Python baselines failed to start: ${server.failed}`);
  const pyServer = server?.failed ? undefined : server;
  const timeRounds = async (fns, ids) => {
    const [ours, py] = await timeWithPython(fns, pyServer ? ids : [], pyServer, RUNS_OF.current, statsOf);
    for (const [id, stats] of Object.entries(py)) interleaved[id] = { label: pyLabels[id], stats };
    return ours;
  };
  const RUNS_OF = { current: undefined };
  let pyLabels = {};
  const dataFiles = [];
  const file = (name) => {
    const path = join(outDir, name);
    dataFiles.push(path);
    return path;
  };

  // --- KL, entropy, JS over n values -------------------------------------------------------------------
  for (const n of sizes) {
    const runs = RUNS[n];
    log(`bench: n = ${pow10(n)}: generating`);
    let p = dirichlet(n, 1);
    let q = dirichlet(n, 2);
    const pFile = file(`p_${n}.npy`);
    const qFile = file(`q_${n}.npy`);
    writeNpy(pFile, p, [n]);
    writeNpy(qFile, q, [n]);
    // Entropy and JS at every n (10^8 too, with --large); TV, Hellinger and Bhattacharyya up to 10^7.
    const measures = n <= 1e7;
    pyConfig.sizes.push({ n, p: pFile, q: qFile, measures, entropy_js: true, interleaved: Boolean(pyServer), ...runs });
    RUNS_OF.current = runs;
    if (pyServer) pyLabels = (await pyServer.request({ cmd: 'load', n, p: pFile, q: qFile, measures })).labels;

    log(`bench: n = ${pow10(n)}: KL`);
    const klFns = [() => core.klDivergence(p, q, { backend: 'ts' }).value, () => naiveKl(p, q)];
    const scratch = new Float64Array(n);
    klFns.push(() => copyBoth(p, q, scratch));
    const threaded = wasmReady && !missing.worker && n >= core.THREAD_MIN_LENGTH;
    if (wasmReady) {
      const r = core.klDivergence(p, q, { backend: 'wasm' });
      if (r.backend !== 'wasm') throw new Error(`backend 'wasm' answered with ${r.backend}`);
      klFns.push(() => {
        core.configureThreads({ enabled: false });
        return core.klDivergence(p, q, { backend: 'wasm' }).value;
      });
    }
    if (threaded) {
      core.configureThreads({ enabled: true });
      core.klDivergence(p, q, { normalize: false }); // starts the helper thread
      if (!core.threadsActive()) throw new Error('the two-thread KL path did not start');
      klFns.push(() => {
        core.configureThreads({ enabled: true });
        return core.klDivergence(p, q, { normalize: false }).value;
      });
    }
    const [ts, naive, floor, wasm, wasm2] = await timeRounds(klFns, [`kl/${n}/rel_entr`, `kl/${n}/numpy`]);
    core.configureThreads({ enabled: true });
    groups.push({
      id: `kl/${n}`,
      title: `KL n=${pow10(n)}`,
      ours: [
        { label: 'TS reference', stats: ts },
        wasm ? { label: 'WASM, 1 thread', stats: wasm } : { label: 'WASM, 1 thread', note: `not available: ${core.backendStatus()}` },
        wasm2
          ? { label: 'WASM, 2 threads: klDivergence(p, q, {normalize: false})', stats: wasm2 }
          : { label: 'WASM, 2 threads', note: missing.worker ?? `used from n = ${core.THREAD_MIN_LENGTH}` },
      ],
      baselines: [
        { label: 'plain JS loop Σ p·Math.log(p/q)', stats: naive },
        { label: 'scipy rel_entr(p,q).sum()', py: `kl/${n}/rel_entr`, reference: true },
        { label: 'numpy (p*np.log(p/q)).sum()', py: `kl/${n}/numpy` },
        { label: 'memory floor: copy P and Q once (TypedArray.set)', stats: { ...floor, value: undefined } },
      ],
    });

    // Every other discrete measure: the TS reference, the WASM kernels on one thread and, from
    // THREAD_MIN_LENGTH, the public function after init() on two threads (src/compute/klThreads.ts).
    const measureGroup = async (id, title, compute, naive, naiveLabel, baselines) => {
      const fns = [() => compute({ backend: 'ts' }).value, naive];
      if (wasmReady) {
        const r = compute({ backend: 'wasm' });
        if (r.backend !== 'wasm') throw new Error(`${id}: backend 'wasm' answered with ${r.backend}`);
        fns.push(() => {
          core.configureThreads({ enabled: false });
          return compute({ backend: 'wasm' }).value;
        });
      }
      if (threaded) {
        fns.push(() => {
          core.configureThreads({ enabled: true });
          return compute({}).value;
        });
      }
      const [tsStats, naiveStats, wasmStats, wasm2Stats] = await timeRounds(
        fns,
        baselines.map(([, py]) => `${id}/${n}/${py}`),
      );
      core.configureThreads({ enabled: true });
      groups.push({
        id: `${id}/${n}`,
        title: `${title} n=${pow10(n)}`,
        ours: [
          { label: 'TS reference', stats: tsStats },
          wasmStats ? { label: 'WASM, 1 thread', stats: wasmStats } : { label: 'WASM, 1 thread', note: `not available: ${core.backendStatus()}` },
          wasm2Stats ? { label: 'WASM, 2 threads (public API after init())', stats: wasm2Stats } : { label: 'WASM, 2 threads', note: missing.worker ?? `used from n = ${core.THREAD_MIN_LENGTH}` },
        ],
        baselines: [{ label: naiveLabel, stats: naiveStats }, ...baselines.map(([label, py], k) => ({ label, py: `${id}/${n}/${py}`, reference: k === 0 }))],
      });
    };
    const pairGroup = (id, title, measure, naive, naiveLabel, baselines) =>
      measureGroup(id, title, (options) => core[measure](p, q, options), () => naive(p, q), naiveLabel, baselines);
    log(`bench: n = ${pow10(n)}: entropy, cross-entropy, JS`);
    await measureGroup('entropy', 'entropy', (options) => core.entropy(p, options), () => naiveEntropy(p), 'plain JS loop -Σ p·Math.log(p)', [
      ['scipy.stats.entropy(p)', 'scipy'],
      ['numpy -(p*np.log(p)).sum()', 'numpy'],
    ]);
    await pairGroup('ce', 'cross-entropy', 'crossEntropy', naiveCrossEntropy, 'plain JS loop -Σ p·Math.log(q)', [
      ['scipy entropy(p) + entropy(p, q)', 'scipy'],
      ['numpy -(p*np.log(q)).sum()', 'numpy'],
    ]);
    await pairGroup('js', 'JS divergence', 'jsDivergence', naiveJs, 'plain JS loop, M = (p+q)/2', [
      ['scipy jensenshannon(p,q)**2', 'scipy'],
      ['numpy by hand, m = (p+q)/2', 'numpy'],
    ]);
    await pairGroup('jeffreys', 'Jeffreys', 'jeffreys', naiveJeffreys, 'plain JS loop Σ(p-q)·Math.log(p/q)', [['numpy ((p-q)*np.log(p/q)).sum()', 'numpy']]);
    if (measures) {
      log(`bench: n = ${pow10(n)}: TV, Hellinger, Bhattacharyya`);
      await pairGroup('tv', 'total variation', 'totalVariation', naiveTv, 'plain JS loop ½Σ|p-q|', [['numpy 0.5*np.abs(p-q).sum()', 'scipy']]);
      await pairGroup('hellinger', 'Hellinger', 'hellinger', naiveHellinger, 'plain JS loop sqrt(½Σ(√p-√q)²)', [['numpy sqrt(0.5*((√p-√q)**2).sum())', 'scipy']]);
      await pairGroup('bhattacharyya', 'Bhattacharyya', 'bhattacharyya', naiveBhattacharyya, 'plain JS loop -ln Σ√(pq)', [['numpy -np.log(np.sqrt(p*q).sum())', 'scipy']]);
    }
    p = q = undefined; // let the arrays go before the file case allocates its own
    if (pyServer) await pyServer.request({ cmd: 'drop' });

    log(`bench: n = ${pow10(n)}: KL from .npy files`);
    if (npy) {
      const [fromFiles] = timeInterleaved(
        [() => core.klDivergence(npy.parseNpy(readFileSync(pFile)).values, npy.parseNpy(readFileSync(qFile)).values).value],
        runs,
      );
      const ours = [{ label: 'readFileSync+parseNpy x2, KL auto', stats: fromFiles }];
      if (modules.npyStream && !missing.worker) {
        const pool = new core.KlWorkerPool({ workerPath: join(outDir, 'worker.js') });
        const streamed = await timeAsync(async () => {
          const [sp, sq] = await Promise.all([pFile, qFile].map(async (f) => modules.npyStream.openNpyStream(await core.fileReader(f))));
          return (await pool.klDivergenceFromSources(sp, sq)).value;
        }, runs);
        await pool.dispose();
        ours.push({ label: 'read in chunks by the worker pool (2 workers, the editor path)', stats: streamed });
      }
      if (n === sizes[sizes.length - 1]) {
        // Peak memory, each way, in a fresh process (the numeric data of P and Q: 16 bytes per element).
        for (const how of ['whole', 'chunks']) {
          const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-memory', how, pFile, qFile], { encoding: 'utf8' });
          const line = (r.stdout ?? '').trim().split('\n').pop();
          try {
            const m = JSON.parse(line);
            notes.push(
              `memory, KL of two .npy files of n = ${pow10(n)} (numeric data ${(16 * n / 2 ** 20).toFixed(0)} MiB), ${how === 'whole' ? 'read whole (CLI)' : 'read in chunks (editor)'}: ` +
                `peak resident ${(m.peakBytes / 2 ** 20).toFixed(0)} MiB, ${((m.peakBytes - m.beforeBytes) / 2 ** 20).toFixed(0)} MiB above the process at rest`,
            );
          } catch {
            notes.push(`memory (${how}): the child process failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
          }
        }
      }
      groups.push({
        id: `npy/${n}`,
        title: `KL from .npy n=${pow10(n)}`,
        ours,
        baselines: [{ label: 'np.load x2 + rel_entr().sum()', py: `npy/${n}/scipy`, reference: true }],
      });
    } else {
      groups.push({ id: `npy/${n}`, title: `KL from .npy n=${pow10(n)}`, ours: [{ label: 'parseNpy', note: `not available: ${missing.npy}` }], baselines: [] });
    }
  }

  // --- CSV -------------------------------------------------------------------------------------------------
  {
    log(`bench: CSV, ${CSV_ROWS} rows`);
    const csvFile = file('pq.csv');
    writeCsv(csvFile, dirichlet(CSV_ROWS, 3), dirichlet(CSV_ROWS, 4));
    pyConfig.csv = { path: csvFile, ...RUNS.csv };
    const title = `CSV ${CSV_ROWS / 1e6}·10^6 rows: read+parse+KL`;
    if (csv) {
      const columnsOnce = () => {
        const m = csv.csvColumns(readFileSync(csvFile), ['p', 'q']).values;
        const n = m.length / 2;
        const p = new Float64Array(n);
        const q = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          p[i] = m[2 * i];
          q[i] = m[2 * i + 1];
        }
        return core.klDivergence(p, q).value;
      };
      const columnTwice = () => {
        const bytes = readFileSync(csvFile);
        return core.klDivergence(csv.csvColumn(bytes, 'p'), csv.csvColumn(bytes, 'q')).value;
      };
      // --quick times the CLI's way only.
      const [twice, once] = timeInterleaved(quick ? [columnTwice] : [columnTwice, columnsOnce], RUNS.csv);
      // Peak memory of reading the two columns whole vs in pieces, in fresh processes.
      for (const how of ['csv-whole', 'csv-pieces']) {
        const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-memory', how, csvFile, ''], { encoding: 'utf8' });
        try {
          const m = JSON.parse((r.stdout ?? '').trim().split('\n').pop());
          notes.push(
            `memory, KL of two columns of the ${CSV_ROWS / 1e6}·10^6-row CSV (${(statSync(csvFile).size / 2 ** 20).toFixed(0)} MiB of text, numeric data ${((16 * CSV_ROWS) / 2 ** 20).toFixed(0)} MiB), ` +
              `${how === 'csv-whole' ? 'read whole as bytes' : 'read in pieces (64 KiB in the editor, 1 MiB in the CLI over 128 MiB)'}: peak resident ${(m.peakBytes / 2 ** 20).toFixed(0)} MiB, ${((m.peakBytes - m.beforeBytes) / 2 ** 20).toFixed(0)} MiB above the process at rest`,
          );
        } catch {
          notes.push(`memory (${how}): the child process failed: ${(r.stderr ?? '').trim().split('\n').pop()}`);
        }
      }
      groups.push({
        id: 'csv',
        title,
        ours: [
          { label: 'csvColumn x2 (as the CLI), KL auto', stats: twice },
          ...(once ? [{ label: 'csvColumns once, KL auto', stats: once }] : []),
        ],
        baselines: [{ label: 'python CSV reader (see label)', py: 'csv/scipy', reference: true, pyLabel: true }],
      });
    } else {
      groups.push({ id: 'csv', title, ours: [{ label: 'csvColumn', note: `not available: ${missing.csv}` }], baselines: [] });
    }
  }

  // --- Histogram KL: binning 2 × n samples into 1000 shared bins ------------------------------------------
  for (const n of sizes.filter((x) => x <= 1e7)) {
    log(`bench: histogram KL, 2 × ${pow10(n)} samples`);
    const a = normals(n, 50);
    const b = normals(n, 51).map((x) => 1.1 * x + 0.1);
    const aFile = file(`hist_p_${n}.npy`);
    const bFile = file(`hist_q_${n}.npy`);
    writeNpy(aFile, a, [n]);
    writeNpy(bFile, b, [n]);
    pyConfig.histogram = [...(pyConfig.histogram ?? []), { n, p: aFile, q: bFile, bins: 1000, smoothing: 0.5, ...RUNS[n] }];
    const options = { bins: 1000, smoothing: 0.5 };
    const fns = [() => core.histogramKl(a, b, { ...options, backend: 'ts' }).value];
    if (wasmReady) fns.push(() => core.histogramKl(a, b, { ...options, backend: 'wasm' }).value);
    const [tsStats, wasmStats] = timeInterleaved(fns, RUNS[n]);
    groups.push({
      id: `hist/${n}`,
      title: `histogram KL 2×${pow10(n)}, 1000 bins`,
      ours: [
        { label: 'histogramKl, TS binning', stats: tsStats },
        wasmStats ? { label: 'histogramKl, WASM binning', stats: wasmStats } : { label: 'histogramKl, WASM binning', note: `not available: ${core.backendStatus()}` },
      ],
      baselines: [{ label: 'numpy histogram_bin_edges + histogram x2 + rel_entr', py: `hist/${n}/numpy`, reference: true }],
    });
  }

  // --- MVN -------------------------------------------------------------------------------------------------
  for (const d of MVN_DIMS) {
    log(`bench: MVN KL, d = ${d}`);
    const mu0 = normals(d, 10 + d).map((x) => 0.3 * x);
    const mu1 = normals(d, 20 + d).map((x) => 0.3 * x);
    const cov0 = covariance(d, 30 + d);
    const cov1 = covariance(d, 40 + d);
    const files = { mu0: file(`mu0_${d}.npy`), cov0: file(`cov0_${d}.npy`), mu1: file(`mu1_${d}.npy`), cov1: file(`cov1_${d}.npy`) };
    writeNpy(files.mu0, mu0, [d]);
    writeNpy(files.mu1, mu1, [d]);
    writeNpy(files.cov0, cov0, [d, d]);
    writeNpy(files.cov1, cov1, [d, d]);
    pyConfig.mvn.push({ d, ...files, ...RUNS.mvn[d] });
    const title = `MVN KL d=${d}`;
    const baselines = [
      { label: 'scipy cho_factor + cho_solve', py: `mvn/${d}/scipy`, reference: true, pyLabel: true },
      { label: 'scipy cho_factor + cho_solve, 1 thread', py: `mvn/${d}/scipy1`, pyLabel: true },
    ];
    if (typeof core.mvnKl === 'function') {
      // The compute API's mvnKl: TS reference, and the WASM Cholesky / triangular-solve kernels (1 thread).
      const args = [mu0, { values: cov0, shape: [d, d] }, mu1, { values: cov1, shape: [d, d] }];
      const fns = [() => core.mvnKl(...args, { backend: 'ts' }).value];
      if (wasmReady) fns.push(() => core.mvnKl(...args, { backend: 'wasm' }).value);
      const [s, w] = timeInterleaved(fns, RUNS.mvn[d]);
      groups.push({
        id: `mvn/${d}`,
        title,
        ours: [{ label: 'mvnKl (TS, Cholesky)', stats: s }, w ? { label: 'mvnKl (WASM Cholesky)', stats: w } : { label: 'mvnKl (WASM Cholesky)', note: `not available: ${core.backendStatus()}` }],
        baselines,
      });
    } else if (modules.mvnKl) {
      const [s] = timeInterleaved(
        [() => modules.mvnKl.mvnKl(mu0, { values: cov0, shape: [d, d] }, mu1, { values: cov1, shape: [d, d] }).value],
        RUNS.mvn[d],
      );
      groups.push({ id: `mvn/${d}`, title, ours: [{ label: 'mvnKl (TS, Cholesky)', stats: s }], baselines });
    } else {
      groups.push({ id: `mvn/${d}`, title, ours: [{ label: 'mvnKl', note: `mvnKl not available (${missing.mvnKl})` }], baselines });
    }
  }

  // --- Hover: findArrayLiterals on a 10^4-element literal ---------------------------------------------------
  let hover;
  {
    log('bench: findArrayLiterals');
    const values = Array.from(dirichlet(HOVER_ELEMENTS, 5), (x) => String(Number(x.toPrecision(8))));
    const rows = [];
    for (let i = 0; i < values.length; i += 6) rows.push(values.slice(i, i + 6).join(', '));
    const list = rows.join(',\n       ');
    const text = `import numpy as np\n\np = np.array([${list}])\n`;
    const json = `[${list}]`;
    const title = `findArrayLiterals, ${pow10(HOVER_ELEMENTS)} elements`;
    if (parseArrayLiteral) {
      const found = parseArrayLiteral.findArrayLiterals(text);
      if (found.length !== 1 || found[0].values.length !== HOVER_ELEMENTS) throw new Error(`findArrayLiterals found ${found.length} arrays`);
      const { warmup, runs } = RUNS.hover;
      const ours = [];
      const base = [];
      for (let w = 0; w < warmup; w++) {
        parseArrayLiteral.findArrayLiterals(text);
        JSON.parse(json);
      }
      for (let r = 0; r < runs; r++) {
        let t = performance.now();
        parseArrayLiteral.findArrayLiterals(text);
        ours.push(performance.now() - t);
        t = performance.now();
        JSON.parse(json);
        base.push(performance.now() - t);
      }
      hover = { chars: text.length, p50: median(ours), p95: quantile(ours, 0.95), jsonP50: median(base), jsonP95: quantile(base, 0.95), runs };
      groups.push({
        id: 'hover',
        title,
        ours: [{ label: `p50 (p95 ${fmtMs(hover.p95)} ms)`, stats: { ...statsOf(ours), medianMs: hover.p50 } }],
        baselines: [{ label: `JSON.parse of the bare list, p50 (p95 ${fmtMs(hover.jsonP95)} ms)`, stats: { ...statsOf(base), medianMs: hover.jsonP50 } }],
      });
      // The hover provider's pure part (hoverModel.hoverAt) on the same literal, hovered on a line in its middle:
      // the window of lines read, the parse, the sums and the entropies, as the extension computes them.
      const { hoverModel } = modules;
      if (hoverModel) {
        const doc = hoverModel.linesOf(text);
        const line = Math.floor(doc.lineCount / 2);
        const settings = {
          base: 'e', normalization: 'normalize', input: 'prob', significantDigits: 4,
          hoverEnabled: true, hoverMaxElements: 100_000, statusBarEnabled: true, workerThreshold: 1_000_000,
        };
        const first = hoverModel.hoverAt(doc, line, 10, settings);
        if (!first?.markdown.includes(`${HOVER_ELEMENTS} values`)) throw new Error('hoverAt did not find the 10^4-element literal');
        const times = [];
        for (let w = 0; w < warmup; w++) hoverModel.hoverAt(doc, line, 10, settings);
        for (let r = 0; r < runs; r++) {
          const t = performance.now();
          hoverModel.hoverAt(doc, line, 10, settings);
          times.push(performance.now() - t);
        }
        hover.provider = { p50: median(times), p95: quantile(times, 0.95), targetP95: 30, lines: doc.lineCount };
        groups.push({
          id: 'hover-provider',
          title: `hover provider (pure part), ${pow10(HOVER_ELEMENTS)} elements over ${doc.lineCount} lines (target p95 < 30 ms)`,
          ours: [{ label: `p50 (p95 ${fmtMs(hover.provider.p95)} ms)`, stats: { ...statsOf(times), medianMs: hover.provider.p50 } }],
          baselines: [{ label: `JSON.parse of the bare list, p50 (p95 ${fmtMs(hover.jsonP95)} ms)`, stats: { ...statsOf(base), medianMs: hover.jsonP50 } }],
        });
        log(`bench: hover provider p50 ${fmtMs(hover.provider.p50)} ms, p95 ${fmtMs(hover.provider.p95)} ms (target p95 < 30 ms)`);
      }
    } else {
      groups.push({ id: 'hover', title, ours: [{ label: 'findArrayLiterals', note: `not available: ${missing.parseArrayLiteral}` }], baselines: [] });
    }
  }

  // --- Cold start -----------------------------------------------------------------------------------------
  {
    log('bench: cold start (fresh processes)');
    const results = [];
    for (let k = 0; k < RUNS.coldChildren; k++) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-cold', String(COLD_N)], { encoding: 'utf8' });
      const out = r.status === 0 ? JSON.parse(r.stdout.trim().split('\n').pop()) : { error: r.stderr };
      if (out.error) {
        results.length = 0;
        notes.push(`cold start not measured: ${out.error}`);
        break;
      }
      results.push(out);
    }
    if (results.length) {
      const m = (key) => median(results.map((r) => r[key]));
      const mn = (key) => Math.min(...results.map((r) => r[key]));
      const st = (key) => ({ medianMs: m(key), minMs: mn(key), runs: results.length });
      const coldTotal = results.map((r) => r.loadMs + r.initMs + r.firstMs);
      groups.push({
        id: 'cold',
        title: `cold start, KL n=${pow10(COLD_N)}`,
        ours: [
          { label: 'load core.js + initSync + 1st WASM call', stats: statsOf(coldTotal) },
          { label: '  of which: load core.js', stats: st('loadMs') },
          { label: '  of which: initSync (compile+warm-up)', stats: st('initMs') },
          { label: '  of which: 1st WASM call', stats: st('firstMs') },
          { label: '1st TS call (before JIT)', stats: st('tsFirstMs') },
        ],
        baselines: [
          { label: 'warm WASM call, same process', stats: st('warmMs') },
          { label: 'warm TS call, same process', stats: st('tsWarmMs') },
        ],
        pairs: [
          [0, 0],
          [1, -1],
          [2, -1],
          [3, 0],
          [4, 1],
        ],
      });
    }
  }

  // --- Python ---------------------------------------------------------------------------------------------
  load.beforePython = os.loadavg();
  log('bench: Python baselines');
  pyServer?.close();
  const py = pythonBaselines(pyConfig);
  load.end = os.loadavg();
  load.pressureEnd = cpuPressure();
  if (!flags.has('--keep-data')) for (const f of dataFiles) rmSync(f, { force: true });

  // Resolve the Python baselines into the groups.
  for (const g of groups) {
    for (const b of g.baselines) {
      if (!b.py) continue;
      const c = py.cases?.[b.py];
      if (interleaved[b.py]) {
        b.stats = interleaved[b.py].stats;
        b.label = `${b.label} (interleaved)`;
      } else if (c) {
        b.stats = { medianMs: c.median_ms, minMs: c.min_ms, runs: c.runs, value: c.value };
        if (b.pyLabel) b.label = c.label;
      } else b.note = py.skipped ?? 'not measured';
    }
    // Without Python, its rows would only repeat the line that says why: drop them.
    if (py.skipped) g.baselines = g.baselines.filter((b) => !b.py);
  }

  // --- Print ----------------------------------------------------------------------------------------------
  const cpus = os.cpus();
  const out = [];
  out.push(`Divergence Lens benchmark, ${new Date().toISOString()} (mode: ${mode})`);
  out.push(
    `machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version} (V8 ${process.versions.v8}); shared with other builds`,
  );
  out.push(
    `load average (1/5/15 min): start ${load.start.map((x) => x.toFixed(2)).join(' ')}; before Python ${load.beforePython.map((x) => x.toFixed(2)).join(' ')}; end ${load.end.map((x) => x.toFixed(2)).join(' ')}`,
  );
  if (load.pressureStart || load.pressureEnd) {
    out.push(
      `CPU pressure (share of time some task waited for a CPU, avg over 60 s): start ${load.pressureStart ?? '?'}%, end ${load.pressureEnd ?? '?'}% (0% = the machine was ours)`,
    );
  }
  out.push(`WASM: ${core.backendStatus()}`);
  out.push(
    process.execArgv.includes('--no-concurrent-recompilation')
      ? 'V8: --no-concurrent-recompilation in the measuring process (see bench/README.md); cold-start children with defaults'
      : 'V8: default flags (concurrent recompilation on: warm timings may include time in the baseline tier)',
  );
  if (py.env) {
    const was = Object.entries(py.unset)
      .map(([k, v]) => `${k}=${v === null ? '(not set)' : v}`)
      .join(', ');
    const blas = py.env.blas.map((b) => `${b.library}: kernel ${b.core ?? '?'}, ${b.threads ?? '?'} threads`).join('; ');
    out.push(`Python ${py.env.python}, numpy ${py.env.numpy}, scipy ${py.env.scipy}; OpenBLAS ${blas || 'not found'}`);
    out.push(`  OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset in the Python baseline's environment only, for numpy speed (they were: ${was})`);
  } else out.push(py.skipped);
  out.push('');
  out.push('Each time: median and min of several warm runs (after warm-up), in ms. ratio = baseline median / our median.');
  out.push('');

  const rows = [];
  for (const g of groups) {
    const pairs = g.pairs ?? g.ours.flatMap((_, i) => (g.baselines.length ? g.baselines.map((__, j) => [i, j]) : [[i, -1]]));
    const seen = new Set();
    const groupRows = [];
    for (const [i, j] of pairs) {
      const o = g.ours[i];
      const b = g.baselines[j];
      const firstOfOurs = !seen.has(i);
      seen.add(i);
      if (o.note) {
        if (firstOfOurs) groupRows.push([o.label, '', '', o.note, '', '', '']);
        continue;
      }
      groupRows.push([
        firstOfOurs ? o.label : '',
        firstOfOurs ? fmtMs(o.stats.medianMs) : '',
        firstOfOurs ? fmtMs(o.stats.minMs) : '',
        b?.label ?? '',
        b?.stats ? fmtMs(b.stats.medianMs) : '',
        b?.stats ? fmtMs(b.stats.minMs) : '',
        b ? (b.stats ? ratioText(o.stats.medianMs, b.stats.medianMs) : b.note ?? '') : '',
      ]);
    }
    g.ours.forEach((o, i) => {
      if (!seen.has(i)) groupRows.push([o.label, o.stats ? fmtMs(o.stats.medianMs) : '', o.stats ? fmtMs(o.stats.minMs) : '', o.note ?? '', '', '', '']);
    });
    groupRows.forEach((r, k) => rows.push([k === 0 ? g.title : '', ...r]));
    rows.push(['', '', '', '', '', '', '', '']);
  }
  rows.pop();
  out.push(table(['case', 'ours', 'median', 'min', 'baseline', 'median', 'min', 'ratio'], rows, ['l', 'l', 'r', 'r', 'l', 'r', 'r', 'l']));
  out.push('');
  const targetRows = targetsOf(groups);
  if (targetRows.length) {
    out.push(`Targets of the two-thread path (public API after init()), n >= 10^7: baseline / ours (medians; mins), against ${TARGETS.numpy}x NumPy by hand and ${TARGETS.scipy}x SciPy (KL ${TARGETS.klScipy}x rel_entr); the verdict is on the medians`);
    out.push(table(['case', 'baseline', 'ratio', 'ratio of mins', 'target', 'verdict'], targetRows, ['l', 'l', 'r', 'r', 'r', 'l']));
    out.push('');
  }

  // Correctness cross-check.
  const check = [];
  for (const g of groups) {
    const ref = g.baselines.find((b) => b.reference && b.stats?.value !== undefined) ?? g.baselines.find((b) => b.stats?.value !== undefined);
    if (!ref) continue;
    for (const o of g.ours) {
      if (o.stats?.value === undefined) continue;
      check.push([g.title, o.label, o.stats.value.toPrecision(17), ref.label, ref.stats.value.toPrecision(17), fmtRel(relDiff(o.stats.value, ref.stats.value))]);
      o.relDiff = relDiff(o.stats.value, ref.stats.value);
      o.referenceLabel = ref.label;
    }
    for (const b of g.baselines) {
      if (b === ref || b.stats?.value === undefined) continue;
      check.push([g.title, `(baseline) ${b.label}`, b.stats.value.toPrecision(17), ref.label, ref.stats.value.toPrecision(17), fmtRel(relDiff(b.stats.value, ref.stats.value))]);
    }
  }
  out.push('Correctness cross-check: |value − reference| / |reference| (reference: SciPy where it ran, else the plain JS loop)');
  out.push('');
  out.push(table(['case', 'implementation', 'value', 'reference', 'reference value', 'rel. diff'], check, ['l', 'l', 'r', 'l', 'r', 'r']));
  for (const n of notes) out.push(`note: ${n}`);
  for (const [name, why] of Object.entries(missing)) if (name !== 'mvnKl' || !modules.mvnKl) out.push(`note: ${name}: ${why}`);
  out.push('');
  out.push(`total wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(out.join('\n'));
  // Tables: CSV against pandas, Parquet against DuckDB, Parquet memory (bench/tables.mjs).
  const { runTables } = await import('./tables.mjs');
  console.log(['', ...(await runTables({ quick, python: !flags.has('--no-python'), keep: flags.has('--keep-data'), log }))].join('\n'));

  if (jsonFile) {
    const report = {
      date: new Date().toISOString(),
      mode,
      machine: { cpu: cpus[0]?.model, cores: cpus.length, memoryGiB: os.totalmem() / 2 ** 30, node: process.version, v8: process.versions.v8 },
      loadavg: load,
      wasm: core.backendStatus(),
      python: py.env ? { ...py.env, unsetForBaseline: py.unset } : { skipped: py.skipped },
      hover,
      groups: groups.map((g) => ({
        id: g.id,
        title: g.title,
        ours: g.ours.map((o) => ({ label: o.label, note: o.note, ...o.stats, relDiff: o.relDiff, reference: o.referenceLabel })),
        baselines: g.baselines.map((b) => ({ label: b.label, note: b.note, ...b.stats })),
        ratios: (g.pairs ?? g.ours.flatMap((_, i) => g.baselines.map((__, j) => [i, j])))
          .filter(([i, j]) => g.ours[i]?.stats && g.baselines[j]?.stats)
          .map(([i, j]) => ({ ours: g.ours[i].label, baseline: g.baselines[j].label, ratio: g.baselines[j].stats.medianMs / g.ours[i].stats.medianMs })),
      })),
      notes: [...notes, ...Object.entries(missing).map(([k, v]) => `${k}: ${v}`)],
      wallSeconds: (performance.now() - started) / 1000,
    };
    writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
    log(`bench: wrote ${relative(process.cwd(), jsonFile) || jsonFile}`);
  }
}

/** Linux PSI: the share of the last 60 s in which some runnable task waited for a CPU, in %; undefined elsewhere. */
/** Per measure at n >= 10^7: the two-thread row against each NumPy and SciPy baseline, with its target and verdict. */
function targetsOf(groups) {
  const rows = [];
  for (const g of groups) {
    const [measure, n] = g.id.split('/');
    if (!['kl', 'entropy', 'ce', 'js', 'jeffreys', 'tv', 'hellinger', 'bhattacharyya'].includes(measure) || Number(n) < 1e7) continue;
    const ours = g.ours.find((o) => o.label.startsWith('WASM, 2 threads') && o.stats);
    if (!ours) continue;
    for (const b of g.baselines) {
      if (!b.stats || !b.py) continue;
      const numpy = b.label.startsWith('numpy');
      const target = numpy ? TARGETS.numpy : measure === 'kl' ? TARGETS.klScipy : TARGETS.scipy;
      const ratio = b.stats.medianMs / ours.stats.medianMs;
      const best = b.stats.minMs / ours.stats.minMs;
      const verdict = ratio >= target ? 'met' : `short by ${(target / ratio).toFixed(2)}x`;
      rows.push([g.title, b.label, `${ratio.toFixed(2)}x`, `${best.toFixed(2)}x`, `${target}x`, verdict]);
    }
  }
  return rows;
}

function cpuPressure() {
  try {
    const m = /^some avg10=[\d.]+ avg60=([\d.]+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function memAvailable() {
  try {
    const m = /^MemAvailable:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return os.freemem();
}

function freeDisk(path) {
  try {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

await main();
// The drift report through DuckDB against the in-memory path: its own module (bench/engines.mjs).
if (!flags.has('--quick')) await (await import('./engines.mjs')).benchEngines({ large: flags.has('--large'), keepData: flags.has('--keep-data') });
