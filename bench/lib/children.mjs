// The bench's child processes, started as `node bench/run.mjs --child-cold N` and `--child-memory HOW P Q`:
// each loads the bundle of build/bench/ and prints one JSON line.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { dirichlet } from './inputs.mjs';
import { median } from './timing.mjs';

const require = createRequire(import.meta.url);

// Cold start, in a fresh process: `node bench/run.mjs --child-cold N` prints one JSON line.

export async function coldChild(outDir, n) {
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

export async function memoryChild(outDir, how, pFile, qFile) {
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

