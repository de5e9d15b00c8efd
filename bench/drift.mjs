#!/usr/bin/env node
// The drift report of a big file pair: `divergence drift REF CUR` (dist/cli.js, which reads the files a few
// columns at a time) against the same report computed with pandas and SciPy (bench/drift_baseline.py), in one
// run, as time ratios, with the peak memory of each and the largest difference between their scores.
//
//   node bench/drift.mjs [--rows N | --large] [--keep-data] [--no-python] [--json FILE]
//   node bench/run.mjs --drift [same options]
//
//   (default)    2 x 10^6 rows a side, 20 columns (about 2 x 270 MB of CSV)
//   --large      10^7 rows a side (about 2 x 1.4 GB of CSV; the pandas baseline needs ~6 GiB of memory)
//   --rows N     N rows a side
//   --keep-data  keeps the generated files in build/bench/drift/
//   --no-python  only ours
//
// The pair: 14 continuous columns (normal, some shifted in the current file, 2 with 1% missing cells), 2
// integer columns of 10 values, 4 categorical ones (3 to 6 categories, one new in the current file): with a
// reference of over 1000 rows, Wasserstein (normed) and Jensen-Shannon distance. Written as CSV here (fixed
// seed), and as Parquet by DuckDB from the CSV; ours reads both, pandas the CSV (no Parquet engine installed
// for Debian's pandas). Needs `npm run build` first (dist/cli.js).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'build', 'bench', 'drift');
const PYTHON = '/usr/bin/python3';

const CONTINUOUS = 14;
const CATEGORIES = [
  ['red', 'green', 'blue'],
  ['a', 'b', 'c', 'd'],
  ['north', 'south', 'east', 'west', 'centre'],
  ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'],
];

function fail(message) {
  console.error(`bench/drift: ${message}`);
  process.exit(2);
}

/** A deterministic generator (xorshift32) and standard normals from it (Box-Muller). */
function random(seed) {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 2 ** 32;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/** Writes one side of the pair: `rows` records; the current side (`shift` 1) drifts in some columns. */
function writeCsv(path, rows, seed, shift) {
  const rng = random(seed);
  const header = [...Array.from({ length: CONTINUOUS }, (_, k) => `x${k}`), 'int_a', 'int_b', ...CATEGORIES.map((_, k) => `cat${k}`)];
  const fd = openSync(path, 'w');
  writeSync(fd, `${header.join(',')}\n`);
  let chunk = [];
  for (let i = 0; i < rows; i++) {
    const cells = [];
    for (let k = 0; k < CONTINUOUS; k++) {
      const drift = k % 3 === 0 ? shift * 0.15 * (1 + k / 7) : 0;
      const missing = (k === 4 || k === 9) && rng.uniform() < 0.01;
      cells.push(missing ? '' : (10 * k + (1 + k / 10) * rng.normal() + drift).toFixed(4));
    }
    cells.push(String(Math.floor(rng.uniform() * 10)), String(Math.floor(rng.uniform() * (10 - shift))));
    for (const [k, values] of CATEGORIES.entries()) {
      const n = values.length - (k === 1 && shift === 0 ? 1 : 0);
      cells.push(values[Math.floor(rng.uniform() ** (1 + shift * 0.2 * k) * n)]);
    }
    chunk.push(cells.join(','));
    if (chunk.length === 50000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

async function writeParquet(csv, parquet) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  await con.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, nullstr = '')) TO '${parquet}' (FORMAT parquet)`);
}

/**
 * Runs a command, with its wall time, its CPU time (user + system: what to compare on a loaded machine) and
 * its peak resident memory (GNU time's %U, %S, %M).
 */
function measured(command, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) fail(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  const [user, system, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { seconds, cpuSeconds: user + system, maxRssBytes: kb * 1024, stdout: r.stdout };
}

function ours(ref, cur) {
  const m = measured(process.execPath, [join(root, 'dist', 'cli.js'), 'drift', ref, cur, '--json']);
  return { ...m, report: JSON.parse(m.stdout) };
}

/** The largest relative difference between two reports' scores, and whether tests and verdicts agree. */
function agreement(a, b) {
  let worst = 0;
  let same = a.length === b.length;
  for (const x of a) {
    const y = b.find((c) => c.column === x.column);
    if (!y || y.test !== x.test || y.drifted !== x.drifted || y.missing.reference !== x.missing.reference) same = false;
    if (y) worst = Math.max(worst, Math.abs(x.score - y.score) / Math.max(Math.abs(y.score), 1e-300));
  }
  return { worst, same };
}

const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function runDriftBench(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  for (const f of flags) if (!['--rows', '--large', '--keep-data', '--no-python', '--json'].includes(f)) fail(`unknown option ${f}`);
  const rowsAt = argv.indexOf('--rows');
  const rows = flags.has('--large') ? 1e7 : rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 2e6;
  if (!(Number.isInteger(rows) && rows > 1000)) fail('--rows needs a whole number over 1000');
  const jsonAt = argv.indexOf('--json');
  if (!existsSync(join(root, 'dist', 'cli.js'))) fail('dist/cli.js is missing: run `npm run build` first');
  mkdirSync(dir, { recursive: true });
  const file = (side, ext) => join(dir, `${side}-${rows}.${ext}`);
  for (const [side, seed, shift] of [['reference', 20261207, 0], ['current', 20261208, 1]]) {
    if (!existsSync(file(side, 'csv'))) writeCsv(file(side, 'csv'), rows, seed, shift);
    if (!existsSync(file(side, 'parquet'))) await writeParquet(file(side, 'csv'), file(side, 'parquet'));
  }
  const size = (ext) => statSync(file('reference', ext)).size + statSync(file('current', ext)).size;
  console.log(`drift bench: load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  console.log(`drift bench: ${rows} rows x 20 columns a side; CSV ${mb(size('csv'))}, Parquet ${mb(size('parquet'))} (both sides)`);
  const csv = ours(file('reference', 'csv'), file('current', 'csv'));
  const parquet = ours(file('reference', 'parquet'), file('current', 'parquet'));
  const results = { rows, columns: 20, ours: { csv: strip(csv), parquet: strip(parquet) } };
  const line = (what, m) => `${what}: ${m.seconds.toFixed(2)} s (CPU ${m.cpuSeconds.toFixed(2)} s), peak ${mb(m.maxRssBytes)}`;
  console.log(line('ours, CSV    ', csv));
  console.log(line('ours, Parquet', parquet));
  if (!flags.has('--no-python')) {
    const py = measured(PYTHON, [join(root, 'bench', 'drift_baseline.py'), file('reference', 'csv'), file('current', 'csv')]);
    const base = JSON.parse(py.stdout);
    const agree = agreement(csv.report.columns, base.columns);
    results.pandas = { ...strip(py), read_seconds: base.read_seconds, compute_seconds: base.compute_seconds, ...agree };
    console.log(`${line('pandas+SciPy, CSV', py)}; in the process: read ${base.read_seconds.toFixed(2)} s, tests ${base.compute_seconds.toFixed(2)} s`);
    const ratio = (m, key) => (py[key] / m[key]).toFixed(2);
    console.log(`ratio pandas/ours, wall (CPU): CSV ${ratio(csv, 'seconds')}x (${ratio(csv, 'cpuSeconds')}x); our Parquet against pandas' CSV ${ratio(parquet, 'seconds')}x (${ratio(parquet, 'cpuSeconds')}x)`);
    console.log(`ratio pandas/ours (peak memory): CSV ${(py.maxRssBytes / csv.maxRssBytes).toFixed(2)}x`);
    console.log(`agreement: tests, verdicts and missing counts ${agree.same ? 'the same' : 'DIFFER'}; largest relative score difference ${agree.worst.toExponential(2)}`);
  }
  if (jsonAt >= 0) writeFileSync(argv[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
  if (!flags.has('--keep-data')) rmSync(dir, { recursive: true, force: true });
}

function strip({ seconds, cpuSeconds, maxRssBytes }) {
  return { seconds, cpu_seconds: cpuSeconds, max_rss_bytes: maxRssBytes };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runDriftBench(process.argv.slice(2));
