// Tables in `npm run bench` (bench/run.mjs calls runTables at its end; `node bench/tables.mjs [--quick]
// [--no-python] [--keep-data]` runs this part alone). In one run, on one table of 2·10^6 rows and two
// positive columns p, q (Dirichlet-like, printed shortest round-trip, about 80 MB of CSV):
//   (a) CSV: read + parse + KL(p‖q), ours (csvColumns on the file's bytes; and the piecewise reader the CLI
//       uses past 128 MiB) against pandas.read_csv + scipy.special.rel_entr (/usr/bin/python3, which has pandas);
//   (b) Parquet: the same table written by DuckDB (snappy, DuckDB's default row groups), read two columns +
//       KL, ours (readParquetColumns, hyparquet) against DuckDB computing the KL in SQL over read_parquet;
//   (c) memory: peak resident set of a child process reading a wider Parquet file column by column.
// Printed as ratios baseline / ours (medians); the values are cross-checked against each other.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'build', 'bench', 'tables');
const require = createRequire(import.meta.url);
const ROWS = 2_000_000;
const WIDE_COLUMNS = 8;
const PYTHON = '/usr/bin/python3';

/** Bundles the readers and the compute API (esbuild, as bench/run.mjs does) and loads them. */
async function modules() {
  const esbuild = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  const out = {};
  for (const [name, entry] of Object.entries({ csv: 'src/data/csv.ts', csvChunks: 'src/data/csvChunks.ts', parquet: 'src/data/parquet.ts', core: 'src/compute/index.ts' })) {
    const outfile = join(dir, `${name}.js`);
    await esbuild.build({ absWorkingDir: root, entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', loader: { '.wasm': 'binary' }, logLevel: 'silent' });
    out[name] = require(outfile);
  }
  out.core.initSync();
  return out;
}

/** xorshift128+ as doubles in (0, 1): a different stream from run.mjs's, fixed by its seed. */
function uniform(seed) {
  let s0 = BigInt(seed) | 1n;
  let s1 = 0x9e3779b97f4a7c15n;
  const mask = (1n << 64n) - 1n;
  return () => {
    let x = s0;
    const y = s1;
    s0 = y;
    x ^= (x << 23n) & mask;
    s1 = x ^ y ^ (x >> 17n) ^ (y >> 26n);
    return (Number((s1 + y) & mask) / 2 ** 64) * (1 - 2 ** -40) + 2 ** -41;
  };
}

/** A column of n positive weights summing to about 1 (normalised exponentials). */
function weights(n, seed) {
  const next = uniform(seed);
  const a = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] = -Math.log(next());
  for (let i = 0; i < n; i++) a[i] /= s;
  return a;
}

function writeTable(path, p, q) {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, 'p,q\n');
    for (let start = 0; start < p.length; start += 200_000) {
      let text = '';
      for (let i = start; i < Math.min(p.length, start + 200_000); i++) text += `${p[i]},${q[i]}\n`;
      writeSync(fd, text);
    }
  } finally {
    closeSync(fd);
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Runs the functions in turn (warm-up, then `runs` rounds), so load changes hit them alike; wall time and
 * the process's CPU time (all threads) of each call.
 */
async function interleaved(fns, warmup, runs) {
  const times = fns.map(() => []);
  const cpu = fns.map(() => []);
  const values = fns.map(() => undefined);
  for (let r = 0; r < warmup + runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      const c = process.cpuUsage();
      const t = performance.now();
      values[k] = await fns[k]();
      const wall = performance.now() - t;
      const used = process.cpuUsage(c);
      if (r >= warmup) {
        times[k].push(wall);
        cpu[k].push((used.user + used.system) / 1e3);
      }
    }
  }
  return fns.map((_, k) => ({ medianMs: median(times[k]), minMs: Math.min(...times[k]), cpuMs: median(cpu[k]), value: values[k] }));
}

/** A ByteRangeReader over an open file, for readParquetColumns. */
async function fileRanges(path) {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    handle,
    reader: {
      byteLength: size,
      read: async (start, end) => {
        const b = new Uint8Array(end - start);
        await handle.read(b, 0, b.length, start);
        return b;
      },
    },
  };
}

function numericValues(column) {
  if (column.kind !== 'numeric') throw new Error(`column ${column.name} is not numeric`);
  return column.values;
}

/** Child process: reads every column of `path` one after another, prints the peak resident set as JSON. */
async function memoryChild(path) {
  const { parquet } = await modules();
  const before = process.memoryUsage().rss;
  const { handle, reader } = await fileRanges(path);
  const info = await parquet.listParquetColumns(reader);
  let sum = 0;
  for (const c of info.columns) {
    const [column] = await parquet.readParquetColumns(reader, [c.name]);
    const v = numericValues(column);
    for (let i = 0; i < v.length; i++) sum += v[i];
  }
  await handle.close();
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  console.log(JSON.stringify({ beforeBytes: before, peakBytes: m ? Number(m[1]) * 1024 : process.resourceUsage().maxRSS * 1024, columns: info.columns.length, rows: info.rowCount, rowGroups: info.rowGroupCount, sum }));
}

/** baseline / ours, of the wall-time medians and of the CPU-time medians. */
function ratio(base, ours) {
  return `${(base.medianMs / ours.medianMs).toFixed(2)}x (CPU time ${(base.cpuMs / ours.cpuMs).toFixed(2)}x)`;
}

function ms(s) {
  return `${s.medianMs.toFixed(0)} ms (min ${s.minMs.toFixed(0)}; CPU ${s.cpuMs.toFixed(0)} ms)`;
}

/**
 * The three table cases; returns the lines to print. `quick`: fewer runs. `python`: whether to run the pandas
 * baseline. `keep`: keep the generated files.
 */
export async function runTables({ quick = false, python = true, keep = false, log = (m) => console.error(m) } = {}) {
  const lines = [];
  const { csv, csvChunks, parquet, core } = await modules();
  const warmup = 1;
  const runs = quick ? 3 : 7;
  const csvFile = join(dir, 'pq.csv');
  const parquetFile = join(dir, 'pq.parquet');
  const wideFile = join(dir, 'wide.parquet');
  try {
    log(`bench: tables, ${ROWS} rows: writing the CSV`);
    writeTable(csvFile, weights(ROWS, 11), weights(ROWS, 12));
    const csvBytes = statSync(csvFile).size;

    // (a) CSV
    const kl = (p, q) => core.klDivergence(p, q).value;
    const csvWhole = () => kl(...csv.csvColumnArrays(readFileSync(csvFile), ['p', 'q']).columns);
    // As the CLI reads `--p @pq.csv:p --q @pq.csv:q` of a file over 128 MiB: one column per pass, in pieces.
    const csvColumnInPieces = (name) => {
      const fd = openSync(csvFile, 'r');
      try {
        const size = fstatSync(fd).size;
        return csvChunks.readCsvColumnsInChunksSync((position, target) => readSync(fd, target, 0, target.length, position), size, [name]).values;
      } finally {
        closeSync(fd);
      }
    };
    const csvPieces = () => kl(csvColumnInPieces('p'), csvColumnInPieces('q'));
    log('bench: tables, CSV (ours)');
    const [whole, pieces] = await interleaved([csvWhole, csvPieces], warmup, runs);
    let pandas;
    if (python && existsSync(PYTHON)) {
      log('bench: tables, CSV (pandas)');
      const config = join(dir, 'tables-config.json');
      writeFileSync(config, JSON.stringify({ csv: csvFile, warmup, runs }));
      const r = spawnSync(PYTHON, [join(root, 'bench', 'tables_baseline.py'), config], { encoding: 'utf8' });
      try {
        pandas = JSON.parse(r.stdout);
      } catch {
        lines.push(`note: the pandas baseline failed: ${(r.stderr || '').trim().split('\n').pop()}`);
      }
    } else lines.push('note: pandas baseline skipped');

    // (b) Parquet
    let duck;
    let duckError;
    try {
      ({ DuckDBInstance: duck } = await import('@duckdb/node-api'));
    } catch (e) {
      duckError = e.message;
    }
    let parquetRows = [];
    if (duck) {
      const db = await duck.create(':memory:');
      const con = await db.connect();
      await con.run(`COPY (SELECT * FROM read_csv('${csvFile}', header = true, columns = {'p': 'DOUBLE', 'q': 'DOUBLE'})) TO '${parquetFile}' (FORMAT parquet)`);
      const wide = Array.from({ length: WIDE_COLUMNS }, (_, k) => (k % 2 === 0 ? `p * ${k + 1} AS c${k}` : `q + ${k} AS c${k}`)).join(', ');
      await con.run(`COPY (SELECT ${wide} FROM read_parquet('${parquetFile}')) TO '${wideFile}' (FORMAT parquet)`);
      const threads = (await (await con.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjects())[0].t;
      const ours = async () => {
        const { handle, reader } = await fileRanges(parquetFile);
        try {
          const [p, q] = await parquet.readParquetColumns(reader, ['p', 'q']);
          return kl(numericValues(p), numericValues(q));
        } finally {
          await handle.close();
        }
      };
      const duckKl = async () => {
        const reader = await con.runAndReadAll(`SELECT sum(p * ln(p / q)) AS kl FROM read_parquet('${parquetFile}')`);
        return Number(reader.getRowObjects()[0].kl);
      };
      const duckRead = async () => {
        const reader = await con.runAndReadAll(`SELECT p, q FROM read_parquet('${parquetFile}')`);
        const cols = reader.getColumns();
        return kl(Float64Array.from(cols[0]), Float64Array.from(cols[1]));
      };
      log('bench: tables, Parquet (ours, DuckDB)');
      const [o, d, dr] = await interleaved([ours, duckKl, duckRead], warmup, runs);
      parquetRows = [o, d, dr, threads];
      con.closeSync?.();
    }

    // (c) memory, in a child process
    let memory;
    if (duck) {
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child-parquet-memory', wideFile], { encoding: 'utf8' });
      try {
        memory = JSON.parse(r.stdout.trim().split('\n').pop());
      } catch {
        lines.push(`note: the Parquet memory child failed: ${(r.stderr || '').trim().split('\n').pop()}`);
      }
    }

    // Print
    const mb = csvBytes / 1e6;
    lines.push(`Tables: ${ROWS / 1e6}·10^6 rows, columns p, q (CSV ${mb.toFixed(1)} MB); ratio = baseline median / our median (> 1: we are faster); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    lines.push(`  CSV, read+parse+KL, ours csvColumnArrays(bytes):   ${ms(whole)}, ${(mb / (whole.medianMs / 1e3)).toFixed(0)} MB/s`);
    lines.push(`  CSV, read+parse+KL, ours in 1 MiB pieces, 2 passes (CLI): ${ms(pieces)}, ${(mb / (pieces.medianMs / 1e3)).toFixed(0)} MB/s`);
    if (pandas) {
      const c = pandas.cases.csv;
      const b = { medianMs: c.median_ms, minMs: c.min_ms, cpuMs: c.cpu_ms, value: c.value };
      lines.push(`  CSV, pandas ${pandas.env.pandas}.read_csv + scipy ${pandas.env.scipy} rel_entr: ${ms(b)}`);
      lines.push(`  CSV ratio pandas / ours: whole ${ratio(b, whole)}, pieces ${ratio(b, pieces)}; values ${whole.value} / ${pieces.value} / ${b.value}`);
    }
    if (parquetRows.length) {
      const [o, d, dr, threads] = parquetRows;
      lines.push(`  Parquet (DuckDB-written, snappy), ours readParquetColumns + KL: ${ms(o)}`);
      lines.push(`  Parquet, DuckDB SQL sum(p*ln(p/q)) over read_parquet (${threads} threads): ${ms(d)}; ratio DuckDB / ours ${ratio(d, o)}`);
      lines.push(`  Parquet, DuckDB SELECT p, q to JS arrays + our KL:  ${ms(dr)}; ratio DuckDB / ours ${ratio(dr, o)}`);
      lines.push(`  Parquet values: ours ${o.value}, DuckDB ${d.value}, DuckDB columns ${dr.value}`);
    } else lines.push(`note: Parquet cases skipped: @duckdb/node-api not available (${duckError})`);
    if (memory) {
      const data = (8 * memory.rows) / 2 ** 20;
      lines.push(
        `  memory: ${memory.columns} columns x ${memory.rows} rows (${memory.rowGroups} row groups, file ${(statSync(wideFile).size / 2 ** 20).toFixed(0)} MiB, ` +
          `one column ${data.toFixed(0)} MiB, all ${(data * memory.columns).toFixed(0)} MiB) read column by column: peak resident ${(memory.peakBytes / 2 ** 20).toFixed(0)} MiB, ` +
          `${((memory.peakBytes - memory.beforeBytes) / 2 ** 20).toFixed(0)} MiB above the process at rest`,
      );
    }
    return lines;
  } finally {
    if (!keep) for (const f of [csvFile, parquetFile, wideFile]) rmSync(f, { force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child-parquet-memory') await memoryChild(argv[1]);
  else console.log((await runTables({ quick: argv.includes('--quick'), python: !argv.includes('--no-python'), keep: argv.includes('--keep-data') })).join('\n'));
}
