/**
 * Every discrete measure on two threads: the public entropy, cross-entropy, JS divergence and distance, Jeffreys,
 * total variation, Hellinger, Bhattacharyya and Rényi (four orders: the direct, swapped, log-sum and max paths)
 * of dist/core.js run their passes' slices on the calling thread and the helper of klThreads.ts from
 * THREAD_MIN_LENGTH elements, and must give the single-thread result bit for bit, report the same first invalid
 * value, and apply the same conventions (zeros, infinities).
 *
 * Tolerance: 0 ulps. Both paths add the slices' results in slice order (sliceOps.ts), whichever thread
 * computed a slice.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { bundleWorker, randomPair, ROOT, thrown } from './workerBundle';
import { SLICE_LENGTH } from '../../../src/compute/wasmBackend';
import {
  bhattacharyya,
  configureThreads,
  crossEntropy,
  entropy,
  hellinger,
  init,
  jeffreys,
  jsDistance,
  jsDivergence,
  renyi,
  threadsActive,
  THREAD_MIN_LENGTH,
  totalVariation,
} from '../../../src/compute';

const WORKER_PATH = join(ROOT, 'build', 'test-measure-threads', 'worker.js');

type Measure = (p: Float64Array, q: Float64Array, normalize: boolean) => { value: number; backend: string };

const MEASURES: Record<string, Measure> = {
  entropy: (p, _q, normalize) => entropy(p, { normalize }),
  'cross-entropy': (p, q, normalize) => crossEntropy(p, q, { normalize }),
  'JS divergence': (p, q, normalize) => jsDivergence(p, q, { normalize }),
  'JS distance': (p, q, normalize) => jsDistance(p, q, { normalize }),
  Jeffreys: (p, q, normalize) => jeffreys(p, q, { normalize }),
  'total variation': (p, q, normalize) => totalVariation(p, q, { normalize }),
  Hellinger: (p, q, normalize) => hellinger(p, q, { normalize }),
  Bhattacharyya: (p, q, normalize) => bhattacharyya(p, q, { normalize }),
  'Rényi α = 2': (p, q, normalize) => renyi(p, q, { alpha: 2, normalize }),
  'Rényi α = 0.3': (p, q, normalize) => renyi(p, q, { alpha: 0.3, normalize }),
  'Rényi α = 200': (p, q, normalize) => renyi(p, q, { alpha: 200, normalize }),
  'Rényi α = ∞': (p, q, normalize) => renyi(p, q, { alpha: Infinity, normalize }),
};

/** The measure on two threads and on one, after checking that the helper served the first. */
function bothWays<T>(compute: () => T): { two: T; one: T } {
  configureThreads({ enabled: true, workerPath: WORKER_PATH });
  const two = compute();
  assert.ok(threadsActive(), 'the helper thread is running');
  configureThreads({ enabled: false });
  const one = compute();
  configureThreads({ enabled: true, workerPath: WORKER_PATH });
  return { two, one };
}

describe('compute: every discrete measure on two threads (public API after init())', function () {
  this.timeout(180000);

  before(async () => {
    await bundleWorker('test-measure-threads');
    configureThreads({ enabled: true, workerPath: WORKER_PATH });
    await init();
  });

  after(() => configureThreads({ enabled: true }));

  for (const [name, measure] of Object.entries(MEASURES)) {
    it(`${name}: the single-thread result bit for bit, normalised and raw, at ${THREAD_MIN_LENGTH} + 777 elements`, () => {
      const [p, q] = randomPair(THREAD_MIN_LENGTH + 777, 31);
      for (const normalize of [true, false]) {
        const { two, one } = bothWays(() => measure(p, q, normalize));
        assert.equal(two.backend, 'wasm');
        assert.ok(Object.is(two.value, one.value), `normalize ${normalize}: ${two.value} vs ${one.value}`);
        assert.deepEqual(two, one);
      }
    });
  }

  it('the same for probability vectors (totals of 1: the one-pass entropy and cross-entropy)', () => {
    const [p, q] = randomPair(THREAD_MIN_LENGTH + 2 * SLICE_LENGTH + 9, 37);
    const total = (x: Float64Array): number => x.reduce((a, b) => a + b, 0);
    const [sp, sq] = [total(p), total(q)];
    p.forEach((v, i) => (p[i] = v / sp));
    q.forEach((v, i) => (q[i] = v / sq));
    for (const [name, measure] of Object.entries(MEASURES)) {
      const { two, one } = bothWays(() => measure(p, q, true));
      assert.ok(Object.is(two.value, one.value), `${name}: ${two.value} vs ${one.value}`);
    }
  });

  it('the same with zeros, subnormals and p > 0 where q = 0 (the scalar paths), and a largest value late', () => {
    const n = THREAD_MIN_LENGTH + 3 * SLICE_LENGTH + 5;
    const [p, q] = randomPair(n, 41);
    for (let i = 0; i < n; i += 997) p[i] = 0;
    for (let i = 5; i < n; i += 1511) q[i] = 4e-320;
    p[n - 3] = 50;
    q[n - 2] = 60;
    for (const [name, measure] of Object.entries(MEASURES)) {
      const { two, one } = bothWays(() => measure(p, q, true));
      assert.ok(Object.is(two.value, one.value), `${name}: ${two.value} vs ${one.value}`);
    }
    q[2 * SLICE_LENGTH + 3] = 0;
    const { two, one } = bothWays(() => crossEntropy(p, q));
    assert.equal(two.value, Infinity);
    assert.deepEqual(two, one);
  });

  it('reports the first invalid value (P before Q at the same index) as one thread does', () => {
    const n = THREAD_MIN_LENGTH + SLICE_LENGTH;
    const cases: Array<[string, number, number]> = [
      ['P', 9 * SLICE_LENGTH + 2, -1],
      ['Q', 4 * SLICE_LENGTH, Number.NaN],
      ['Q', n - 1, Number.POSITIVE_INFINITY],
    ];
    for (const [array, index, value] of cases) {
      const [p, q] = randomPair(n, 43);
      (array === 'P' ? p : q)[index] = value;
      if (index + SLICE_LENGTH + 1 < n) p[index + SLICE_LENGTH + 1] = -7;
      for (const [name, measure] of Object.entries(MEASURES)) {
        if (name === 'entropy' && array === 'Q') continue;
        const { two, one } = bothWays(() => thrown(() => measure(p, q, true)));
        assert.equal(two.message, one.message, name);
        assert.deepEqual(two.location, { array, index }, name);
      }
    }
  });
});
