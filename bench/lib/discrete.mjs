// The discrete measures at one n: KL (with the memory floor), entropy, cross-entropy, JS, Jeffreys, total
// variation, Hellinger and Bhattacharyya, each ours (TS reference, WASM on 1 thread, the public function after
// init() on 2 threads) against a plain JS loop and NumPy/SciPy timed in the same rounds; then KL from .npy files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from './files.mjs';
import { dirichlet } from './inputs.mjs';
import { copyBoth, naiveBhattacharyya, naiveCrossEntropy, naiveEntropy, naiveJeffreys, naiveJs, naiveKl, naiveHellinger, naiveTv } from './naive.mjs';
import { pow10 } from './report.mjs';
import { timeAsync, timeInterleaved } from './timing.mjs';

/**
 * Times the discrete cases at n into ctx.groups (ctx: the run's context, see bench/run.mjs); the Python
 * baselines through ctx.timeRounds, in the same rounds as ours.
 */
export async function discreteCases(ctx, n) {
  const { core, modules, missing, wasmReady, pyServer, groups, notes, file, log, sizes, outDir, self, pyConfig, timeRounds } = ctx;
  const { npy } = modules;
  const runs = ctx.RUNS[n];
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
  if (pyServer) ctx.pyLabels = (await pyServer.request({ cmd: 'load', n, p: pFile, q: qFile, measures })).labels;

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
  const [ts, naive, floor, wasm, wasm2] = await timeRounds(klFns, [`kl/${n}/rel_entr`, `kl/${n}/numpy`], runs);
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
      runs,
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
        const r = spawnSync(process.execPath, [self, '--child-memory', how, pFile, qFile], { encoding: 'utf8' });
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
