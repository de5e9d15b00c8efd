// The discrete measures at one n: KL (with the memory floor), entropy, cross-entropy, JS, Jeffreys, total
// variation, Hellinger, Bhattacharyya and Rényi (at the default orders), each ours (TS reference, WASM on 1 thread, the public function after
// init() on 2 threads) against a plain JS loop and NumPy/SciPy timed in the same rounds; then KL from .npy files.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeNpy } from './files.mjs';
import { dirichlet } from './inputs.mjs';
import { copyBoth, SLICE, naiveBhattacharyya, naiveCrossEntropy, naiveEntropy, naiveHellinger, naiveJeffreys, naiveJs, naiveKl, naiveRenyi, naiveTv } from './naive.mjs';
import { pow10 } from './report.mjs';
import { timeAsync, timeInterleaved } from './timing.mjs';

/** The Rényi orders timed: the public API's default ones (½, 2 and ∞). */
export const renyiOrders = (core) => core.DEFAULT_RENYI_ORDERS ?? [0.5, 2, Infinity];
/** An order as it appears in case ids (JSON has no Infinity): 0.5, 2, Inf. */
export const renyiKey = (alpha) => (alpha === Infinity ? 'Inf' : String(alpha));

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
  // Every measure at every n (10^8 too, with --large); Rényi at the public API's default orders.
  const renyi = Object.fromEntries(renyiOrders(core).map((a) => [renyiKey(a), String(a)]));
  pyConfig.sizes.push({ n, p: pFile, q: qFile, renyi, interleaved: Boolean(pyServer), ...runs });
  if (pyServer) ctx.pyLabels = (await pyServer.request({ cmd: 'load', n, p: pFile, q: qFile, renyi })).labels;

  // Ours: the TS reference (up to 10^7: at 10^8 it takes seconds a call and tells nothing the 10^7 row does
  // not), the WASM kernels on one thread and, from THREAD_MIN_LENGTH, the public function after init() on two
  // threads (src/compute/klThreads.ts). Baselines: a plain JS loop, then NumPy by hand and SciPy's function
  // (timed in the same rounds by bench/baseline.py --serve; `key` names the case there).
  const withTs = n <= 1e7;
  const threaded = wasmReady && !missing.worker && n >= core.THREAD_MIN_LENGTH;
  const notThreaded = { role: 'two', label: 'WASM, 2 threads', note: missing.worker ?? `used from n = ${core.THREAD_MIN_LENGTH}` };
  /** Our rows of a measure: `compute(options)` returns its result; `given` the options of every row's call. */
  const oursOf = (id, compute, given = {}) => {
    const rows = withTs ? [{ role: 'ts', label: 'TS reference', fn: () => compute({ ...given, backend: 'ts' }).value }] : [];
    if (!wasmReady) return [...rows, { role: 'one', label: 'WASM, 1 thread', note: `not available: ${core.backendStatus()}` }, notThreaded];
    const r = compute({ ...given, backend: 'wasm' });
    if (r.backend !== 'wasm') throw new Error(`${id}: backend 'wasm' answered with ${r.backend}`);
    rows.push({
      role: 'one',
      label: 'WASM, 1 thread',
      fn: () => {
        core.configureThreads({ enabled: false });
        return compute({ ...given, backend: 'wasm' }).value;
      },
    });
    return [...rows, threadedRow(compute, given, 'WASM, 2 threads (public API after init())')];
  };
  const threadedRow = (compute, options, label) =>
    threaded
      ? {
          role: 'two',
          label,
          fn: () => {
            core.configureThreads({ enabled: true });
            return compute(options).value;
          },
        }
      : notThreaded;
  /** Times one measure's rows in the same rounds and adds its group. */
  const measureGroup = async (id, title, ours, baselines, order) => {
    const local = [...ours.filter((o) => o.fn), ...baselines.filter((b) => b.fn)];
    const stats = await timeRounds(
      local.map((x) => x.fn),
      baselines.filter((b) => b.key).map((b) => `${id}/${n}/${b.key}`),
      runs,
    );
    local.forEach((x, k) => (x.stats = x.kind === 'floor' ? { ...stats[k], value: undefined } : stats[k]));
    core.configureThreads({ enabled: true });
    groups.push({
      id: `${id}/${n}`,
      title: `${title} n=${pow10(n)}`,
      order,
      ours: ours.map(({ role, label, backend, stats: s, note }) => ({ role, label, backend, stats: s, note })),
      baselines: baselines.map(({ kind, label, expr, key, stats: s, reference }) => ({ kind, label, expr, stats: s, reference, py: key && `${id}/${n}/${key}` })),
    });
  };
  const loop = (label, fn) => ({ kind: 'js', label: `plain JS loop${label.startsWith(',') ? '' : ' '}${label}`, fn });
  const numpy = (expr, reference = false) => ({ kind: 'numpy', label: `numpy ${expr}`, expr, key: 'numpy', reference });
  const scipy = (expr, key = 'scipy') => ({ kind: 'scipy', label: `scipy ${expr}`, expr, key, reference: true });
  const pair = (measure) => (options) => core[measure](p, q, options);
  /**
   * Rényi's rows: the public renyi() as it is, whatever serves it (its result says which backend): with a
   * WASM kernel, on one thread and, from THREAD_MIN_LENGTH, on two; without, the TS reference alone.
   */
  const renyiOurs = (alpha) => {
    const compute = (options) => core.renyi(p, q, { alpha, ...options });
    core.configureThreads({ enabled: false });
    const backend = compute({}).backend ?? 'ts';
    core.configureThreads({ enabled: true });
    if (backend === 'ts') {
      const label = 'renyi(p, q, {alpha}): TS reference (no WASM kernel)';
      return [
        withTs ? { role: 'one', label, backend, fn: () => compute({}).value } : { role: 'one', label, note: 'the TS reference is timed up to 10^7' },
        { role: 'two', label: 'WASM, 2 threads', note: 'no WASM kernel: the TS reference serves renyi() on one thread' },
      ];
    }
    const rows = withTs ? [{ role: 'ts', label: 'TS reference', fn: () => compute({ backend: 'ts' }).value }] : [];
    rows.push({
      role: 'one',
      label: `renyi(p, q, {alpha}), 1 thread (${backend})`,
      fn: () => {
        core.configureThreads({ enabled: false });
        return compute({}).value;
      },
    });
    return [...rows, threadedRow(compute, {}, 'renyi(p, q, {alpha}), 2 threads (public API after init())')];
  };

  log(`bench: n = ${pow10(n)}: KL`);
  const klCompute = pair('klDivergence');
  if (threaded) {
    core.configureThreads({ enabled: true });
    klCompute({ normalize: false }); // starts the helper thread
    if (!core.threadsActive()) throw new Error('the two-thread KL path did not start');
  }
  const klOurs = oursOf('kl', klCompute, { normalize: false });
  const klTwo = klOurs.find((o) => o.role === 'two' && o.fn);
  if (klTwo) klTwo.label = 'WASM, 2 threads: klDivergence(p, q, {normalize: false})';
  const scratch = new Float64Array(2 * SLICE);
  await measureGroup('kl', 'KL', klOurs, [
    loop('Σ p·Math.log(p/q)', () => naiveKl(p, q)),
    scipy('rel_entr(p,q).sum()', 'rel_entr'),
    numpy('(p*np.log(p/q)).sum()'),
    { kind: 'floor', label: 'memory floor: copy P and Q slice by slice (what every pass does)', fn: () => copyBoth(p, q, scratch) },
  ]);
  log(`bench: n = ${pow10(n)}: entropy, cross-entropy, JS, Jeffreys`);
  await measureGroup('entropy', 'entropy', oursOf('entropy', (options) => core.entropy(p, options)), [
    loop('-Σ p·Math.log(p)', () => naiveEntropy(p)),
    scipy('entropy(p)'),
    numpy('-(p*np.log(p)).sum()'),
  ]);
  await measureGroup('ce', 'cross-entropy', oursOf('ce', pair('crossEntropy')), [
    loop('-Σ p·Math.log(q)', () => naiveCrossEntropy(p, q)),
    scipy('entropy(p) + entropy(p, q)'),
    numpy('-(p*np.log(q)).sum()'),
  ]);
  await measureGroup('js', 'JS divergence', oursOf('js', pair('jsDivergence')), [
    loop(', M = (p+q)/2', () => naiveJs(p, q)),
    scipy('jensenshannon(p,q)**2'),
    numpy('0.5*((p*np.log(p/m)).sum() + (q*np.log(q/m)).sum()), m = (p+q)/2'),
  ]);
  await measureGroup('jeffreys', 'Jeffreys', oursOf('jeffreys', pair('jeffreys')), [
    loop('Σ(p-q)·Math.log(p/q)', () => naiveJeffreys(p, q)),
    numpy('((p-q)*np.log(p/q)).sum()', true),
  ]);
  log(`bench: n = ${pow10(n)}: TV, Hellinger, Bhattacharyya, Rényi`);
  await measureGroup('tv', 'total variation', oursOf('tv', pair('totalVariation')), [
    loop('½Σ|p-q|', () => naiveTv(p, q)),
    numpy('0.5*np.abs(p-q).sum()', true),
  ]);
  await measureGroup('hellinger', 'Hellinger', oursOf('hellinger', pair('hellinger')), [
    loop('sqrt(½Σ(√p-√q)²)', () => naiveHellinger(p, q)),
    numpy('np.sqrt(0.5*((np.sqrt(p)-np.sqrt(q))**2).sum())', true),
  ]);
  await measureGroup('bhattacharyya', 'Bhattacharyya', oursOf('bhattacharyya', pair('bhattacharyya')), [
    loop('-ln Σ√(pq)', () => naiveBhattacharyya(p, q)),
    numpy('-np.log(np.sqrt(p*q).sum())', true),
  ]);
  for (const alpha of renyiOrders(core)) {
    await measureGroup(`renyi${renyiKey(alpha)}`, `Rényi α=${alpha === Infinity ? '∞' : alpha}`, renyiOurs(alpha), [
      loop(alpha === Infinity ? 'ln max p/q' : 'ln(Σ p^α·q^(1-α))/(α-1)', () => naiveRenyi(p, q, alpha)),
      numpy(alpha === Infinity ? 'np.log((p/q).max())' : `np.log((p**a * q**(1-a)).sum())/(a-1), a = ${alpha}`, true),
    ], alpha);
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
