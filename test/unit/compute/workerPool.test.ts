/**
 * KlWorkerPool: the worker_threads pool must give the single-thread WASM result, report progress, cancel
 * promptly, and keep this thread's event loop turning during a big job.
 *
 * Tolerance: 0 ulps. The pool cuts the input at the single-thread backend's chunk boundaries (CHUNK_LENGTH) and
 * sums the chunks' sums in chunk order with the same Neumaier summation, so its value, sums and flags equal the
 * single-thread WASM result bit for bit, whatever the number of workers and the order in which chunks finish.
 *
 * The worker program is bundled here with esbuild (as scripts/build.mjs bundles dist/worker.js), so these tests
 * do not depend on a prior build.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { bundleWorker, randomPair } from './workerBundle';
import { skipIfTheMachineStalls } from '../loadGuard';
import { DivergenceError } from '../../../src/core/errors';
import { klDivergence, klResultOf, type KlOptions, type KlResult } from '../../../src/core/klDivergence';
import { resolveBase } from '../../../src/core/logBase';
import { checkLengths } from '../../../src/core/validate';
import { CHUNK_LENGTH, WasmBackend } from '../../../src/compute/wasmBackend';
import { CancelledError, KlWorkerPool, type PoolKlResult } from '../../../src/compute/workerPool';
import { describeArray, loadKlFixtures } from '../core/klFixtures';

const ROOT = join(__dirname, '..', '..', '..');
const WORKER_PATH = join(ROOT, 'build', 'test-worker', 'worker.js');

let single: WasmBackend;

/**
 * The single-thread WASM result, assembled as src/compute's `klDivergence` does with backend 'wasm': the TS
 * reference when the kernel's sums overflow (values near 1.8e308), which it rescales.
 */
function singleThread(p: Float64Array, q: Float64Array, options: KlOptions = {}): KlResult {
  checkLengths(p, q);
  const normalize = options.normalize !== false;
  return klResultOf(p, q, (a, b, e) => single.klSums(a, b, e), resolveBase(options.base), normalize, 'wasm') ?? klDivergence(p, q, options);
}

function assertSame(pool: PoolKlResult, reference: KlResult, where: string): void {
  assert.equal(pool.backend, reference.backend === 'wasm' ? 'wasm-workers' : 'ts', where);
  assert.ok(Object.is(pool.value, reference.value), `${where}: single thread ${reference.value}, pool ${pool.value}, delta ${pool.value - reference.value}`);
  assert.deepEqual({ ...pool, backend: reference.backend }, reference, where);
}


async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected the promise to reject');
}

describe('compute: KlWorkerPool (worker_threads)', function () {
  this.timeout(60000);
  let pool: KlWorkerPool;

  before(async () => {
    await bundleWorker('test-worker');
    single = WasmBackend.instantiateSync(new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm'))));
    pool = new KlWorkerPool({ workerPath: WORKER_PATH });
  });

  after(async () => {
    await pool?.dispose();
  });

  it('has two workers by default', () => {
    assert.equal(pool.size, 2);
  });

  describe('equals the single-thread WASM result (0 ulps)', () => {
    it('on every KL fixture', async () => {
      for (const c of loadKlFixtures()) {
        const options = { base: c.base, normalize: c.normalize };
        assertSame(await pool.klDivergenceAsync(c.pValues, c.qValues, options), singleThread(c.pValues, c.qValues, options), c.name);
      }
    });

    for (const [n, seed] of [
      [1e5, 1],
      [CHUNK_LENGTH, 2],
      [CHUNK_LENGTH + 1, 3],
      [3 * CHUNK_LENGTH - 7, 4],
      [1e6, 5],
      [1e7, 6],
    ] as const) {
      it(`on random inputs of ${n} elements, as given, normalised, in bits, and with sums far from 1 (a second pass)`, async () => {
        const [p, q] = randomPair(n, seed);
        const [pc, qc] = randomPair(n, seed + 100, 1000, true); // Q ≈ 1000·P: the offset pass of klSumsFor
        for (const [a, b, options] of [
          [p, q, {}],
          [p, q, { normalize: false }],
          [p, q, { base: 2 }],
          [pc, qc, {}],
        ] as const) {
          const where = `n = ${n}, P = ${describeArray(a, 3)}, Q = ${describeArray(b, 3)}, ${JSON.stringify(options)}`;
          assertSame(await pool.klDivergenceAsync(a, b, options), singleThread(a, b, options), where);
        }
      });
    }

    it('with one and with three workers', async () => {
      const [p, q] = randomPair(5 * CHUNK_LENGTH + 3, 7);
      const reference = singleThread(p, q);
      for (const size of [1, 3]) {
        const other = new KlWorkerPool({ size, workerPath: WORKER_PATH });
        try {
          assertSame(await other.klDivergenceAsync(p, q), reference, `${size} workers`);
        } finally {
          await other.dispose();
        }
      }
    });

    it('on subnormal values (sums below 2^-960): rescaled exactly, as one thread and as the TS reference', async () => {
      const [p, q] = randomPair(2 * CHUNK_LENGTH + 3, 10);
      const tiny = (x: Float64Array) => x.map((v) => v * 2 ** -1000 * 2 ** -60);
      const [pt, qt] = [tiny(p), tiny(q)];
      const result = await pool.klDivergenceAsync(pt, qt);
      assertSame(result, singleThread(pt, qt), 'P, Q times 2^-1060');
      // The values lost low bits at 2^-1060 (they are other distributions than P, Q): the TS reference on them.
      const reference = klDivergence(pt, qt).value;
      assert.ok(Math.abs(result.value - reference) <= 1e-13 * reference, `${result.value} vs ${reference}`);
      assert.equal(result.sums.p, singleThread(pt, qt).sums.p);
    });

    it('on Infinity (p > 0 where q = 0) in a late chunk', async () => {
      const [p, q] = randomPair(3 * CHUNK_LENGTH, 8);
      q[2 * CHUNK_LENGTH + 5] = 0;
      const result = await pool.klDivergenceAsync(p, q);
      assert.equal(result.value, Infinity);
      assertSame(result, singleThread(p, q), 'q = 0 at one index');
    });
  });

  describe('errors', () => {
    function singleThreadError(p: Float64Array, q: Float64Array): DivergenceError {
      try {
        singleThread(p, q);
      } catch (e) {
        if (e instanceof DivergenceError) return e;
        throw e;
      }
      assert.fail('expected the single-thread backend to throw');
    }

    for (const [name, bad] of [
      ['a NaN in P in the last chunk', [['P', 4 * CHUNK_LENGTH + 17, NaN]]],
      ['a bad value in every chunk: the first wins', [['P', 3 * CHUNK_LENGTH + 1, -1], ['Q', 2 * CHUNK_LENGTH, Infinity], ['Q', CHUNK_LENGTH + 9, -0.5], ['P', 3, NaN]]],
      ['P before Q at the same index', [['Q', 2 * CHUNK_LENGTH + 4, -2], ['P', 2 * CHUNK_LENGTH + 4, Infinity]]],
      ['an early chunk after a later one', [['Q', 4 * CHUNK_LENGTH - 1, NaN], ['Q', CHUNK_LENGTH - 1, -3]]],
    ] as const) {
      it(`names the first invalid value over all chunks, as one thread does: ${name}`, async () => {
        for (const shared of [false, true]) {
          const [p, q] = randomPair(4 * CHUNK_LENGTH + 100, 9, 1, shared);
          for (const [array, index, value] of bad) (array === 'P' ? p : q)[index] = value;
          const expected = singleThreadError(p, q);
          const error = await rejection(pool.klDivergenceAsync(p, q));
          assert.ok(error instanceof DivergenceError, String(error));
          assert.equal(error.code, expected.code);
          assert.equal(error.message, expected.message);
          assert.deepEqual(error.location, expected.location);
        }
      });
    }

    it('rejects as the core does: lengths, empty input, zero sums, bad base, log input', async () => {
      const cases: [Float64Array, Float64Array, KlOptions, string, RegExp][] = [
        [new Float64Array(3), new Float64Array(4), {}, 'length-mismatch', /P has 3 values and Q has 4/],
        [new Float64Array(0), new Float64Array(0), {}, 'empty-input', /P has no values/],
        [new Float64Array(CHUNK_LENGTH + 1), new Float64Array(CHUNK_LENGTH + 1).fill(1), {}, 'zero-sum', /P sums to zero/],
        [new Float64Array([1]), new Float64Array([1]), { base: 1 }, 'invalid-parameter', /base/],
        [new Float64Array([0]), new Float64Array([0]), { input: 'log' }, 'invalid-parameter', /probabilities only/],
      ];
      for (const [p, q, options, code, message] of cases) {
        const error = await rejection(pool.klDivergenceAsync(p, q, options));
        assert.ok(error instanceof DivergenceError, String(error));
        assert.equal(error.code, code);
        assert.match(error.message, message);
      }
    });
  });

  describe('progress', () => {
    it('is non-decreasing, in [0, 1], one call per chunk or fewer, and ends with a single 1', async () => {
      for (const [p, q] of [randomPair(7 * CHUNK_LENGTH + 5, 10), randomPair(7 * CHUNK_LENGTH + 5, 11, 1000)]) {
        const seen: number[] = [];
        await pool.klDivergenceAsync(p, q, { onProgress: (f) => seen.push(f) });
        assert.ok(seen.length >= 2, `progress: ${seen.join(', ')}`);
        for (let i = 1; i < seen.length; i++) assert.ok(seen[i]! > seen[i - 1]!, `not increasing: ${seen.join(', ')}`);
        assert.ok(seen[0]! > 0);
        assert.equal(seen[seen.length - 1], 1);
        assert.equal(seen.filter((f) => f === 1).length, 1);
      }
    });
  });

  describe('cancellation', () => {
    for (const shared of [true, false]) {
      it(`rejects with CancelledError within 200 ms of abort after the first progress event (${shared ? 'shared' : 'copied'} input); the pool then works`, async () => {
        const [p, q] = randomPair(3e7, 12, 1, shared);
        const controller = new AbortController();
        let abortedAt = 0;
        const job = pool.klDivergenceAsync(p, q, {
          signal: controller.signal,
          onProgress: () => {
            if (abortedAt === 0) {
              abortedAt = performance.now();
              controller.abort();
            }
          },
        });
        const error = await rejection(job);
        const elapsed = performance.now() - abortedAt;
        assert.ok(error instanceof CancelledError, String(error));
        assert.equal(error.code, 'cancelled');
        assert.ok(abortedAt > 0, 'no progress before the end');
        assert.ok(elapsed < 200, `rejected ${elapsed.toFixed(1)} ms after abort`);

        // No worker is left busy, and the pool serves the next job, correctly.
        assert.equal(pool.busyWorkers, 0);
        const [a, b] = randomPair(CHUNK_LENGTH + 3, 13);
        assertSame(await pool.klDivergenceAsync(a, b), singleThread(a, b), 'after cancel');
      });
    }

    it('rejects at once when the signal is already aborted, and when aborted while queued', async () => {
      const [p, q] = randomPair(CHUNK_LENGTH, 14);
      await assert.rejects(pool.klDivergenceAsync(p, q, { signal: AbortSignal.abort() }), CancelledError);
      const [big, bigQ] = randomPair(2e7, 15, 1, true);
      const first = pool.klDivergenceAsync(big, bigQ);
      const controller = new AbortController();
      const queued = pool.klDivergenceAsync(p, q, { signal: controller.signal });
      const abortedAt = performance.now();
      controller.abort();
      await assert.rejects(queued, CancelledError);
      assert.ok(performance.now() - abortedAt < 50);
      assertSame(await first, singleThread(big, bigQ), 'the job ahead');
    });
  });

  describe('the calling thread', () => {
    it('keeps its event loop responsive (max delay < 50 ms) during a 10^8-element job', async function () {
      await skipIfTheMachineStalls(this);
      // 1e8 doubles per array (1.6 GB), not in shared memory: the harder case for this thread, which copies the
      // input into the staging ring a quarter chunk per macrotask (shared input leaves it idle). ~1.5-3 s per job.
      const n = 1e8;
      const p = new Float64Array(n);
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p[i] = 1 + (i % 1009);
        q[i] = 1 + (i % 997);
      }
      await pool.klDivergenceAsync(p.subarray(0, 2 * CHUNK_LENGTH), q.subarray(0, 2 * CHUNK_LENGTH)); // workers up, ring allocated
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      let progressCalls = 0;
      histogram.enable();
      const started = performance.now();
      const result = await pool.klDivergenceAsync(p, q, { onProgress: () => progressCalls++ });
      const elapsed = performance.now() - started;
      histogram.disable();
      const maxMs = histogram.max / 1e6;
      assert.equal(result.backend, 'wasm-workers');
      assert.ok(result.value > 0 && Number.isFinite(result.value));
      assert.ok(progressCalls > 10);
      assert.ok(maxMs < 50, `event loop delay max ${maxMs.toFixed(1)} ms (job ${elapsed.toFixed(0)} ms)`);
    });
  });
});
