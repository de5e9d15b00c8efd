/**
 * KlThreads: the synchronous two-thread KL path (this thread + one helper worker) must give the single-thread
 * WASM sums bit for bit, report the same first invalid value, and fall back cleanly when the helper cannot
 * start. The public `klDivergence` uses it for inputs of THREAD_MIN_LENGTH elements or more.
 *
 * Tolerance: 0 ulps. Both paths add the slices' sums in the same two-level tree (KlSumTree), whichever thread
 * computed a slice.
 *
 * The worker program is bundled here with esbuild (as scripts/build.mjs bundles dist/worker.js).
 */
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorker, randomPair, thrown } from './workerBundle';
import type { KlSums } from '../../../src/core/klDivergence';
import { CHUNK_LENGTH, SLICE_LENGTH, WasmBackend } from '../../../src/compute/wasmBackend';
import { KlThreads } from '../../../src/compute/klThreads';
import { configureThreads, init, klDivergence, threadsActive, THREAD_MIN_LENGTH } from '../../../src/compute';
import { THREAD_CONTROL, THREAD_STATE } from '../../../src/compute/workerProtocol';

const ROOT = join(__dirname, '..', '..', '..');
const WORKER_PATH = join(ROOT, 'build', 'test-worker-threads', 'worker.js');

function sameSums(actual: KlSums | undefined, expected: KlSums | undefined, where: string): void {
  assert.ok(actual && expected, `${where}: both paths return sums`);
  for (const key of ['terms', 'sumP', 'sumQ', 'sumDifference'] as const) {
    assert.ok(Object.is(actual[key], expected[key]), `${where}: ${key} two threads ${actual[key]}, one thread ${expected[key]}`);
  }
  assert.deepEqual(actual, expected, where);
}

describe('compute: KlThreads (synchronous two-thread KL)', function () {
  this.timeout(120000);
  let single: WasmBackend;
  let threads: KlThreads;

  before(async () => {
    await bundleWorker('test-worker-threads');
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm')));
    single = WasmBackend.instantiateSync(bytes);
    const started = KlThreads.start(WasmBackend.instantiateSync(bytes), WORKER_PATH, 4);
    assert.ok(started, 'the helper worker starts');
    threads = started;
  });

  after(() => {
    threads?.dispose();
    configureThreads({ enabled: true });
  });

  it('gives the single-thread sums bit for bit, at and around slice, ring and chunk boundaries', () => {
    // A ring of 4 slots: these lengths wrap it many times.
    const lengths = [1, SLICE_LENGTH - 1, SLICE_LENGTH, SLICE_LENGTH + 1, 5 * SLICE_LENGTH + 17, CHUNK_LENGTH, CHUNK_LENGTH + 3, 2 * CHUNK_LENGTH + 12345];
    for (const [i, n] of lengths.entries()) {
      const [p, q] = randomPair(n, 100 + i);
      for (const offset of [0, 3, -2]) sameSums(threads.klSums(p, q, offset), single.klSums(p, q, offset), `n = ${n}, offset ${offset}`);
    }
  });

  it('takes the scalar path for zeros, subnormals and q = 0 (infinite) the same way', () => {
    const n = 3 * SLICE_LENGTH + 99;
    const [p, q] = randomPair(n, 7);
    for (let i = 0; i < n; i += 997) p[i] = 0;
    for (let i = 5; i < n; i += 1511) q[i] = 4e-320;
    sameSums(threads.klSums(p, q, 0), single.klSums(p, q, 0), 'zeros and subnormals');
    q[2 * SLICE_LENGTH + 3] = 0;
    const both = threads.klSums(p, q, 0);
    assert.equal(both?.infinite, true);
    sameSums(both, single.klSums(p, q, 0), 'p > 0 with q = 0');
  });

  it('reads plain arrays as well as Float64Arrays', () => {
    const [p, q] = randomPair(2 * SLICE_LENGTH + 5, 11);
    sameSums(threads.klSums(Array.from(p), Array.from(q), 0), single.klSums(p, q, 0), 'number[]');
  });

  it('reports the first invalid value (P before Q at the same index) like the single-thread backend', () => {
    const n = 6 * SLICE_LENGTH;
    const cases: Array<[string, number, number]> = [
      ['P', 5 * SLICE_LENGTH + 2, -1],
      ['Q', 4 * SLICE_LENGTH, Number.NaN],
      ['P', 0, Number.POSITIVE_INFINITY],
      ['Q', n - 1, -0.5],
    ];
    for (const [array, index, value] of cases) {
      const [p, q] = randomPair(n, 3);
      (array === 'P' ? p : q)[index] = value;
      // A later bad value must not be the one reported.
      if (index + SLICE_LENGTH + 1 < n) q[index + SLICE_LENGTH + 1] = -7;
      const expected = thrown(() => single.klSums(p, q, 0));
      const actual = thrown(() => threads.klSums(p, q, 0));
      assert.equal(actual.message, expected.message);
      assert.deepEqual(actual.location, { array, index });
    }
    // P and Q bad at the same index: P is named.
    const [p, q] = randomPair(n, 4);
    p[3 * SLICE_LENGTH + 1] = Number.NaN;
    q[3 * SLICE_LENGTH + 1] = -1;
    assert.deepEqual(thrown(() => threads.klSums(p, q, 0)).location, { array: 'P', index: 3 * SLICE_LENGTH + 1 });
  });

  it('stays correct over many consecutive jobs (the helper is reused)', () => {
    for (let job = 0; job < 40; job++) {
      const [p, q] = randomPair(SLICE_LENGTH * (1 + (job % 5)) + job, 1000 + job);
      sameSums(threads.klSums(p, q, job % 3), single.klSums(p, q, job % 3), `job ${job}`);
    }
  });

  it('never waits for a worker that does not run: without one, this thread computes every slice, the same sums', async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm')));
    const lone = KlThreads.start(WasmBackend.instantiateSync(bytes), WORKER_PATH, 4);
    assert.ok(lone, 'the helper worker starts');
    lone.dispose();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the worker has exited
    assert.equal(lone.usable, false);
    for (const n of [SLICE_LENGTH + 5, 7 * SLICE_LENGTH + 3]) {
      const [p, q] = randomPair(n, 77 + n);
      const started = Date.now();
      sameSums(lone.klSums(p, q, 0), single.klSums(p, q, 0), `n = ${n}`);
      assert.ok(Date.now() - started < 1000, 'no wait for the worker');
    }
  });

  it('computes a slice the worker has claimed but not finished itself, rather than wait for it', () => {
    // A worker that claims the first slice of every job and never computes it (as one without a core).
    const program = join(ROOT, 'build', 'test-worker-threads', 'claiming-worker.js');
    writeFileSync(
      program,
      `const { workerData: d } = require('node:worker_threads');
      Atomics.store(d.control, ${THREAD_CONTROL.state}, ${THREAD_STATE.ready});
      Atomics.notify(d.control, ${THREAD_CONTROL.state});
      for (let job = 0; ; ) {
        Atomics.wait(d.control, ${THREAD_CONTROL.job}, job);
        job = Atomics.load(d.control, ${THREAD_CONTROL.job});
        Atomics.add(d.claim, 0, 0x10000n);
      }`,
    );
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm')));
    const late = KlThreads.start(WasmBackend.instantiateSync(bytes), program, 4);
    assert.ok(late, 'the claiming worker starts');
    try {
      for (const n of [3 * SLICE_LENGTH + 5, 9 * SLICE_LENGTH]) {
        const [p, q] = randomPair(n, 91 + n);
        const started = Date.now();
        sameSums(late.klSums(p, q, 0), single.klSums(p, q, 0), `n = ${n}`);
        assert.ok(Date.now() - started < 1000, 'no wait for the worker');
      }
    } finally {
      late.dispose();
    }
  });

  it('is not started when the worker program is missing (the single-thread backend serves)', () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'build', 'kernels.wasm')));
    assert.equal(KlThreads.start(WasmBackend.instantiateSync(bytes), join(ROOT, 'build', 'no-such-worker.js')), undefined);
  });

  describe('public klDivergence', () => {
    it('init() starts the helper thread without blocking (threads: eager, the default); lazy leaves it for the first large call', async () => {
      configureThreads({ enabled: true, workerPath: WORKER_PATH });
      await init({ threads: 'lazy' });
      assert.equal(threadsActive(), false);
      await init();
      assert.ok(threadsActive(), 'the helper thread is running once init() resolves');
      await init();
      assert.ok(threadsActive(), 'init() is idempotent');
    });

    it(`uses two threads from ${THREAD_MIN_LENGTH} elements, with the single-thread result (0 ulps)`, async () => {
      await init();
      configureThreads({ enabled: true, workerPath: WORKER_PATH });
      const [p, q] = randomPair(THREAD_MIN_LENGTH + 777, 21);
      for (const normalize of [true, false]) {
        const two = klDivergence(p, q, { normalize });
        assert.ok(threadsActive(), 'the helper thread is running');
        configureThreads({ enabled: false });
        const one = klDivergence(p, q, { normalize });
        configureThreads({ enabled: true, workerPath: WORKER_PATH });
        assert.equal(two.backend, 'wasm');
        assert.ok(Object.is(two.value, one.value), `normalize ${normalize}: ${two.value} vs ${one.value}`);
        assert.deepEqual(two, one);
      }
    });

    it('falls back to one thread when the worker program cannot start', () => {
      configureThreads({ enabled: true, workerPath: join(ROOT, 'build', 'no-such-worker.js') });
      const [p, q] = randomPair(THREAD_MIN_LENGTH, 22);
      const result = klDivergence(p, q, { normalize: false });
      assert.equal(threadsActive(), false);
      configureThreads({ enabled: false });
      assert.deepEqual(result, klDivergence(p, q, { normalize: false }));
    });
  });
});
