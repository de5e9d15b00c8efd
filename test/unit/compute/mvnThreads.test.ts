/**
 * MVN KL on two threads (src/compute/mvnThreads.ts): the helper thread factors Σ1 with build/kernels-shared.wasm
 * while this thread factors Σ0, then solves the first columns of M = L1⁻¹·L0 while this thread solves the rest,
 * and the result must be the single-thread path's bit for bit (tolerance 0: the
 * same kernel source, every sum in the same order), with the same errors (code, message, location) whichever
 * covariance fails, and one thread must serve when the helper cannot.
 *
 * The worker program is bundled here with esbuild (as scripts/build.mjs bundles dist/worker.js).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import kernelsWasm from '../../../build/kernels.wasm';
import { bundleWorker, ROOT, thrown } from './workerBundle';
import { configureThreads, initSync, mvnKl, type ComputeMvnKlResult } from '../../../src/compute';
import { chooseMvnHelper } from '../../../src/compute/dispatch';
import { KlThreads } from '../../../src/compute/klThreads';
import { mvnKlOnTwoThreads, MVN_THREAD_MIN_DIMENSION, type AsideJobs } from '../../../src/compute/mvnThreads';
import { WasmBackend } from '../../../src/compute/wasmBackend';
import { WasmMeasures } from '../../../src/compute/wasmMeasures';
import type { CovarianceMatrix } from '../../../src/core/mvnKl';
import { seededRandom } from '../core/klFixtures';
import { spd } from './measureParityHelpers';

const WORKER_PATH = join(ROOT, 'build', 'test-worker-mvn', 'worker.js');

/** A random SPD d×d covariance (see `spd`). */
function covariance(d: number, random: () => number, delta = 0.5): CovarianceMatrix {
  return { values: spd(d, random, delta), shape: [d, d] };
}

/** `cov` with row/column `row` scaled so that its pivot is negative (variance below the rest of the row's weight). */
function notPositiveDefinite(cov: CovarianceMatrix, row: number): CovarianceMatrix {
  const d = cov.shape[0]!;
  const a = Float64Array.from(cov.values);
  a[row * d + row] = -1;
  return { values: a, shape: [d, d] };
}

function means(d: number, random: () => number): [Float64Array, Float64Array] {
  return [Float64Array.from({ length: d }, () => random() - 0.5), Float64Array.from({ length: d }, () => random() - 0.5)];
}

function sameResult(actual: ComputeMvnKlResult | undefined, expected: ComputeMvnKlResult, where: string): void {
  assert.ok(actual, `${where}: the two threads serve`);
  const differing = Object.keys(expected).filter((key) => !Object.is(actual[key as keyof ComputeMvnKlResult], expected[key as keyof ComputeMvnKlResult]));
  assert.deepEqual(differing, [], `${where}: two threads ${JSON.stringify(actual)}, one thread ${JSON.stringify(expected)}`);
}

describe('compute: MVN KL on two threads (Σ1 factored by the helper)', function () {
  this.timeout(120000);
  let measures: WasmMeasures;
  let threads: KlThreads;
  /** The factorisations this thread did itself (the helper did the others). */
  let own = 0;
  /** The column ranges of M this thread solved: [s, d) when the helper took [0, s), both when it did not. */
  let ranges = { helped: 0, alone: 0 };

  before(async () => {
    await bundleWorker('test-worker-mvn');
    initSync();
    measures = WasmMeasures.instantiateSync(kernelsWasm);
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm')));
    const started = KlThreads.start(WasmBackend.instantiateSync(bytes), WORKER_PATH, 2);
    assert.ok(started, 'the helper worker starts');
    threads = started;
    const factor = measures.choleskyInPlace.bind(measures);
    measures.choleskyInPlace = (a, n) => {
      own++;
      return factor(a, n);
    };
    const addends = measures.lowerSquaresAddends.bind(measures);
    measures.lowerSquaresAddends = (l1, l0, d, from, to) => {
      if (from === 0) ranges.alone++;
      else ranges.helped++;
      return addends(l1, l0, d, from, to);
    };
  });

  after(() => {
    threads?.dispose();
    configureThreads({ enabled: true });
  });

  /** The single-thread path's result (the public mvnKl, threads off), as a ComputeMvnKlResult. */
  function oneThread(mu0: Float64Array, cov0: CovarianceMatrix, mu1: Float64Array, cov1: CovarianceMatrix): ComputeMvnKlResult {
    configureThreads({ enabled: false });
    try {
      return mvnKl(mu0, cov0, mu1, cov1, { backend: 'wasm' });
    } finally {
      configureThreads({ enabled: true });
    }
  }

  /** Waits until the helper has finished a job this thread left to it (on a loaded machine), so it serves the next call. */
  function untilHelperFree(): void {
    const region = threads.asideRegion(16);
    assert.ok(region);
    const state = new Int32Array(region.buffer, region.offset, 1);
    for (let tries = 0; tries < 100 && Atomics.load(state, 0) === 2; tries++) Atomics.wait(state, 0, 2, 100);
  }

  function twoThreads(
    mu0: Float64Array,
    cov0: CovarianceMatrix,
    mu1: Float64Array,
    cov1: CovarianceMatrix,
    helper: AsideJobs = threads,
  ): ComputeMvnKlResult | undefined {
    if (helper === threads) untilHelperFree();
    const r = mvnKlOnTwoThreads(measures, helper, mu0, cov0, mu1, cov1, {});
    return r && { ...r, backend: 'wasm' };
  }

  it('gives the single-thread result bit for bit (d = 50, 200, 263, 500; several seeds)', () => {
    own = 0;
    ranges = { helped: 0, alone: 0 };
    let calls = 0;
    for (const d of [50, 200, 263, 500]) {
      for (const seed of [1, 2, 3]) {
        const random = seededRandom(1000 * d + seed);
        const [mu0, mu1] = means(d, random);
        const cov0 = covariance(d, random, 0.3);
        const cov1 = covariance(d, random, 0.7);
        sameResult(twoThreads(mu0, cov0, mu1, cov1), oneThread(mu0, cov0, mu1, cov1), `d = ${d}, seed ${seed}`);
        calls++;
      }
    }
    assert.ok(own < 2 * calls, `the helper factored Σ1 at least once (${own} of ${2 * calls} factorisations here)`);
    assert.ok(ranges.helped > ranges.alone, `the helper solved its columns at least once (${JSON.stringify(ranges)})`);
  });

  it('throws the single-thread errors whichever covariance is not positive definite, and goes on after them', () => {
    for (const d of [50, 263]) {
      const random = seededRandom(d);
      const [mu0, mu1] = means(d, random);
      const cov0 = covariance(d, random);
      const cov1 = covariance(d, random);
      const bad0 = notPositiveDefinite(cov0, d - 7);
      const bad1 = notPositiveDefinite(cov1, 3);
      const nan1: CovarianceMatrix = { values: Float64Array.from(cov1.values, (v, i) => (i === 5 * d + 2 ? NaN : v)), shape: [d, d] };
      const asymmetric1: CovarianceMatrix = { values: Float64Array.from(cov1.values, (v, i) => (i === 9 * d + 4 ? v + 1 : v)), shape: [d, d] };
      for (const [where, c0, c1] of [
        ['Σ0', bad0, cov1],
        ['Σ1', cov0, bad1],
        ['both', bad0, bad1],
        ['Σ1 NaN', cov0, nan1],
        ['Σ1 asymmetric', cov0, asymmetric1],
        ['Σ0 bad, Σ1 NaN', bad0, nan1],
      ] as const) {
        const expected = thrown(() => oneThread(mu0, c0, mu1, c1));
        const actual = thrown(() => twoThreads(mu0, c0, mu1, c1));
        assert.deepEqual([actual.code, actual.message, actual.location], [expected.code, expected.message, expected.location], `d = ${d}, ${where}`);
      }
      sameResult(twoThreads(mu0, cov0, mu1, cov1), oneThread(mu0, cov0, mu1, cov1), `d = ${d} after the errors`);
    }
  });

  it('leaves a busy helper alone and one thread serves', () => {
    const d = 50;
    const random = seededRandom(7);
    const [mu0, mu1] = means(d, random);
    const cov = covariance(d, random);
    const region = threads.asideRegion(16);
    assert.ok(region);
    const words = new Int32Array(region.buffer, region.offset, 4);
    Atomics.store(words, 0, 2); // running: an earlier factor the helper has not finished
    assert.equal(mvnKlOnTwoThreads(measures, threads, mu0, cov, mu1, cov, {}), undefined);
    Atomics.store(words, 0, 0);
    assert.ok(twoThreads(mu0, cov, mu1, cov));
    const gone: AsideJobs = { usable: false, asideRegion: () => assert.fail('not asked'), postAside: () => assert.fail('not posted') };
    assert.equal(mvnKlOnTwoThreads(measures, gone, mu0, cov, mu1, cov, {}), undefined);
  });

  it('factors Σ1 here when the helper does not take the job, or is still at it after as long as Σ0 took', () => {
    const d = 64;
    const random = seededRandom(5);
    const [mu0, mu1] = means(d, random);
    const cov0 = covariance(d, random);
    const cov1 = covariance(d, random);
    const expected = oneThread(mu0, cov0, mu1, cov1);
    const buffer = new SharedArrayBuffer(1 << 20);
    const words = new Int32Array(buffer, 0, 4);
    const silent = (start: number): AsideJobs => ({ usable: true, asideRegion: () => ({ buffer, offset: 0 }), postAside: () => Atomics.store(words, 0, start) });
    for (const [where, start, after] of [
      ['not taken', 1, 0],
      ['still running', 2, 2],
    ] as const) {
      own = 0;
      sameResult(twoThreads(mu0, cov0, mu1, cov1, silent(start)), expected, where);
      assert.equal(own, 2, `${where}: both factored here`);
      assert.equal(Atomics.load(words, 0), after, `${where}: the job's state after the call`);
    }
    assert.equal(twoThreads(mu0, cov0, mu1, cov1, silent(2)), undefined, 'a helper still running serves no other call');
  });

  it('runs the public mvnKl on two threads from MVN_THREAD_MIN_DIMENSION, on one when threads are off', () => {
    configureThreads({ workerPath: WORKER_PATH, enabled: true });
    assert.equal(chooseMvnHelper(MVN_THREAD_MIN_DIMENSION - 1), undefined);
    assert.ok(chooseMvnHelper(MVN_THREAD_MIN_DIMENSION), 'the helper serves from the threshold');
    const d = MVN_THREAD_MIN_DIMENSION + 1;
    const random = seededRandom(11);
    const [mu0, mu1] = means(d, random);
    const cov0 = covariance(d, random);
    const cov1 = covariance(d, random);
    const expected = oneThread(mu0, cov0, mu1, cov1);
    sameResult(mvnKl(mu0, cov0, mu1, cov1), expected, 'public mvnKl, two threads');
    configureThreads({ enabled: false });
    assert.equal(chooseMvnHelper(d), undefined);
    sameResult(mvnKl(mu0, cov0, mu1, cov1), expected, 'public mvnKl, threads off');
    configureThreads({ enabled: true });
  });
});
