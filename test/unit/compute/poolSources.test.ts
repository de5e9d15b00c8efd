/**
 * KlWorkerPool.klDivergenceFromSources: KL of values read chunk by chunk (a .npy file on disk, through
 * openNpyStream) must equal the pool's result on the same values in memory, bit for bit (0 ulps: the same
 * chunks, the same summation), with the same errors, progress and cancellation, and the sources closed.
 */
import { strict as assert } from 'node:assert';
import { skipIfTheMachineStalls } from '../loadGuard';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { bundleWorker, randomPair } from './workerBundle';
import { DivergenceError } from '../../../src/core/errors';
import { CHUNK_LENGTH } from '../../../src/compute/wasmBackend';
import { CancelledError, KlWorkerPool, type ChunkSource } from '../../../src/compute/workerPool';
import { openNpyStream } from '../../../src/data/npyStream';
import { fileReader } from '../../../src/compute/fileReader';
import { encodeValues, npyBytes } from '../data/binaryWriters';

const ROOT = join(__dirname, '..', '..', '..');
const WORKER_PATH = join(ROOT, 'build', 'test-worker-sources', 'worker.js');

/** An asynchronous source over an array (as a file would be), counting reads and recording close. */
function arraySource(values: Float64Array, failAt = -1): ChunkSource & { closed: boolean } {
  const source = {
    length: values.length,
    closed: false,
    async read(start: number, end: number, target: Float64Array, at: number): Promise<void> {
      await new Promise((resolve) => setImmediate(resolve));
      if (failAt >= start && failAt < end) throw new DivergenceError('unsupported-file', `cannot read value ${failAt}`, { index: failAt });
      target.set(values.subarray(start, end), at);
    },
    close(): Promise<void> {
      source.closed = true;
      return Promise.resolve();
    },
  };
  return source;
}


describe('compute: KlWorkerPool.klDivergenceFromSources (values read chunk by chunk)', function () {
  this.timeout(120000);
  let pool: KlWorkerPool;
  let dir: string;

  before(async () => {
    await bundleWorker('test-worker-sources');
    pool = new KlWorkerPool({ workerPath: WORKER_PATH });
    dir = mkdtempSync(join(tmpdir(), 'divergence-sources-'));
  });

  after(async () => {
    await pool?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('equals the in-memory pool result (0 ulps), normalised or not, and closes the sources', async () => {
    const [p, q] = randomPair(3 * CHUNK_LENGTH + 4321, 5);
    for (const normalize of [true, false]) {
      const sp = arraySource(p);
      const sq = arraySource(q);
      const fromSources = await pool.klDivergenceFromSources(sp, sq, { normalize, base: 2 });
      const inMemory = await pool.klDivergenceAsync(p, q, { normalize, base: 2 });
      assert.ok(Object.is(fromSources.value, inMemory.value), `${fromSources.value} vs ${inMemory.value}`);
      assert.deepEqual(fromSources, inMemory);
      assert.ok(sp.closed && sq.closed, 'both sources closed');
    }
  });

  it('reads two .npy files from disk (float64 and float32) and matches the values in memory', async () => {
    const n = 2 * CHUNK_LENGTH + 99;
    const [p, q] = randomPair(n, 9);
    const q32 = Float64Array.from(new Float32Array(q));
    writeFileSync(join(dir, 'p.npy'), npyBytes({ shape: [n], data: encodeValues(p, '<f8') }));
    writeFileSync(join(dir, 'q.npy'), npyBytes({ descr: '>f4', shape: [n], data: encodeValues(q32, '>f4') }));
    const sp = await openNpyStream(await fileReader(join(dir, 'p.npy')));
    const sq = await openNpyStream(await fileReader(join(dir, 'q.npy')));
    const fractions: number[] = [];
    const result = await pool.klDivergenceFromSources(sp, sq, { normalize: false, onProgress: (f) => fractions.push(f) });
    assert.deepEqual(result, await pool.klDivergenceAsync(p, q32, { normalize: false }));
    assert.equal(fractions.at(-1), 1);
    assert.ok(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!), 'progress never goes back');
  });

  it('rescales subnormal values as it reads them: the in-memory pool result (0 ulps), sums as given', async () => {
    const [p, q] = randomPair(2 * CHUNK_LENGTH + 77, 21);
    const pt = p.map((v) => v * 2 ** -1000 * 2 ** -60);
    const qt = q.map((v) => v * 2 ** -1000 * 2 ** -40);
    const fromSources = await pool.klDivergenceFromSources(arraySource(pt), arraySource(qt));
    assert.deepEqual(fromSources, await pool.klDivergenceAsync(pt, qt));
    assert.ok(fromSources.sums.p < 2 ** -1000 && fromSources.normalized);
  });

  it('names the first invalid value with its index and value', async () => {
    const [p, q] = randomPair(2 * CHUNK_LENGTH + 10, 13);
    q[CHUNK_LENGTH + 17] = -0.25;
    p[2 * CHUNK_LENGTH + 1] = Number.NaN;
    await assert.rejects(pool.klDivergenceFromSources(arraySource(p), arraySource(q)), (e: unknown) => {
      assert.ok(e instanceof DivergenceError);
      assert.equal(e.code, 'invalid-value');
      assert.deepEqual(e.location, { array: 'Q', index: CHUNK_LENGTH + 17 });
      assert.match(e.message, /^Q\[1048593\] is -0\.25/);
      return true;
    });
  });

  it('fails with the source\'s error when a read fails, and closes both sources', async () => {
    const [p, q] = randomPair(3 * CHUNK_LENGTH, 17);
    const sp = arraySource(p);
    const sq = arraySource(q, 2 * CHUNK_LENGTH + 5);
    await assert.rejects(pool.klDivergenceFromSources(sp, sq), /cannot read value 2097157/);
    assert.ok(sp.closed && sq.closed);
    // The pool still works afterwards.
    const [a, b] = randomPair(CHUNK_LENGTH + 1, 18);
    assert.deepEqual(await pool.klDivergenceFromSources(arraySource(a), arraySource(b)), await pool.klDivergenceAsync(a, b));
  });

  it('is cancelled through its signal, and closes the sources', async () => {
    const [p, q] = randomPair(8 * CHUNK_LENGTH, 21);
    const sp = arraySource(p);
    const sq = arraySource(q);
    const controller = new AbortController();
    let abortedAt = 0;
    const job = pool.klDivergenceFromSources(sp, sq, {
      signal: controller.signal,
      onProgress: (f) => {
        if (f > 0.2 && !controller.signal.aborted) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    });
    await assert.rejects(job, CancelledError);
    // Issue 8: cancel stops within 0.5 s (the workers stop before their next chunk, a few ms).
    const took = performance.now() - abortedAt;
    assert.ok(took < 500, `rejected ${took.toFixed(0)} ms after the abort`);
    assert.ok(sp.closed && sq.closed);
    assert.equal(pool.busyWorkers, 0);
  });

  it('keeps the event loop responsive (max delay < 50 ms) while two 2.5·10^7-value files are read and computed', async function () {
    await skipIfTheMachineStalls(this);
    const n = 25_000_000; // 200 MB per file
    const p = new Float64Array(n);
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      p[i] = 1 + (i % 1009);
      q[i] = 1 + (i % 997);
    }
    writeFileSync(join(dir, 'lag-p.npy'), npyBytes({ shape: [n], data: new Uint8Array(p.buffer) }));
    writeFileSync(join(dir, 'lag-q.npy'), npyBytes({ shape: [n], data: new Uint8Array(q.buffer) }));
    const expected = await pool.klDivergenceAsync(p, q);
    const sp = await openNpyStream(await fileReader(join(dir, 'lag-p.npy')));
    const sq = await openNpyStream(await fileReader(join(dir, 'lag-q.npy')));
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    const started = performance.now();
    const result = await pool.klDivergenceFromSources(sp, sq);
    const elapsed = performance.now() - started;
    histogram.disable();
    assert.deepEqual(result, expected);
    const maxMs = histogram.max / 1e6;
    assert.ok(maxMs < 50, `event loop delay max ${maxMs.toFixed(1)} ms (job ${elapsed.toFixed(0)} ms)`);
  });

  it('refuses sources of different lengths', async () => {
    const [p, q] = randomPair(100, 1);
    await assert.rejects(pool.klDivergenceFromSources(arraySource(p), arraySource(q.subarray(0, 99))), (e: unknown) => e instanceof DivergenceError && e.code === 'length-mismatch');
  });
});
