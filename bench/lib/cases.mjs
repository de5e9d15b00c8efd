// The cases beyond the discrete measures' own: a CSV file read, parsed and its KL (against pandas or NumPy),
// histogram KL (against NumPy's histogram), and MVN KL (against SciPy's Cholesky route).
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { writeCsv, writeNpy } from './files.mjs';
import { covariance, dirichlet, normals } from './inputs.mjs';
import { pow10 } from './report.mjs';
import { timeInterleaved } from './timing.mjs';

/** Rows of the CSV case. */
export const CSV_ROWS = 2_000_000;
/** Dimensions of the MVN KL case. */
export const MVN_DIMS = [200, 500, 1000];

/** CSV, 2·10^6 rows: read + parse + KL, the CLI's way (and in one scan), and the peak memory either way. */
export function csvCase(ctx) {
  const { core, modules, missing, groups, notes, file, log, self, pyConfig, RUNS, quick } = ctx;
  const { csv } = modules;
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
      const r = spawnSync(process.execPath, [self, '--child-memory', how, csvFile, ''], { encoding: 'utf8' });
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

/** Histogram KL: binning 2 × n samples into 1000 shared bins, for each n up to 10^7. */
export function histogramCases(ctx) {
  const { core, wasmReady, groups, file, log, sizes, pyConfig, RUNS } = ctx;
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
}

/** MVN KL at d = 200, 500, 1000: the compute API's mvnKl (TS and WASM Cholesky) against SciPy's. */
export function mvnCases(ctx) {
  const { core, modules, missing, wasmReady, groups, file, log, pyConfig, RUNS } = ctx;
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
      { kind: 'scipy', label: 'scipy cho_factor + cho_solve', py: `mvn/${d}/scipy`, reference: true, pyLabel: true },
      { kind: 'scipy1', label: 'scipy cho_factor + cho_solve, 1 thread', py: `mvn/${d}/scipy1`, pyLabel: true },
    ];
    if (typeof core.mvnKl === 'function') {
      // The compute API's mvnKl: TS reference, the WASM Cholesky / triangular-solve kernels with the helper
      // thread held off, and the public mvnKl() after init() as users call it (helper thread allowed).
      const args = [mu0, { values: cov0, shape: [d, d] }, mu1, { values: cov1, shape: [d, d] }];
      const fns = [() => core.mvnKl(...args, { backend: 'ts' }).value];
      if (wasmReady) {
        fns.push(() => {
          core.configureThreads({ enabled: false });
          return core.mvnKl(...args, { backend: 'wasm' }).value;
        });
        fns.push(() => {
          core.configureThreads({ enabled: true });
          return core.mvnKl(...args).value;
        });
      }
      const [s, w, w2] = timeInterleaved(fns, RUNS.mvn[d]);
      core.configureThreads({ enabled: true });
      const unavailable = `not available: ${core.backendStatus()}`;
      groups.push({
        id: `mvn/${d}`,
        title,
        ours: [
          { role: 'ts', label: 'mvnKl (TS, Cholesky)', stats: s },
          w ? { role: 'one', label: 'mvnKl (WASM Cholesky), 1 thread', stats: w } : { role: 'one', label: 'mvnKl (WASM Cholesky)', note: unavailable },
          w2 ? { role: 'two', label: 'mvnKl(...) public API after init()', stats: w2 } : { role: 'two', label: 'mvnKl(...) public API', note: unavailable },
        ],
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
}
