/**
 * WASM vs TS for histogram binning (assembly/histogramKernel.ts vs `histogramCounts` of src/core/histogram.ts):
 * every value must land in the same bin, so counts are identical (exact equality, no tolerance), and
 * `histogramKl` of the compute API gives the same result, bit for bit, from either backend.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import kernelsWasm from '../../../build/kernels.wasm';
import { backendStatus, histogramKl, initSync, isWasmReady, WASM_MIN_LENGTH, type ComputeHistogramKlOptions } from '../../../src/compute';
import { CHUNK_LENGTH } from '../../../src/compute/wasmBackend';
import { WasmMeasures } from '../../../src/compute/wasmMeasures';
import { histogramBinEdges, histogramCounts } from '../../../src/core/histogram';
import { seededRandom } from '../core/klFixtures';
import { errorOf } from './measureParityHelpers';

const kernel = WasmMeasures.instantiateSync(kernelsWasm);

function sameCounts(values: ArrayLike<number>, edges: Float64Array, where = ''): void {
  assert.deepEqual(kernel.histogramCounts(values, edges), histogramCounts(values, edges), where);
}

/** The doubles just below and above x (finite x). */
function neighbours(x: number): [number, number] {
  if (x === 0) return [-5e-324, 5e-324];
  const bits = new BigInt64Array(new Float64Array([x]).buffer)[0]!;
  const step = (d: bigint): number => new Float64Array(new BigInt64Array([bits + d]).buffer)[0]!;
  return x > 0 ? [step(-1n), step(1n)] : [step(1n), step(-1n)];
}

function compareKl(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeHistogramKlOptions = {}): void {
  let ts;
  try {
    ts = histogramKl(p, q, { ...options, backend: 'ts' });
  } catch (e) {
    const wasm = errorOf(() => histogramKl(p, q, { ...options, backend: 'wasm' }));
    assert.deepEqual([wasm.code, wasm.message], [(e as { code: string }).code, (e as Error).message]);
    return;
  }
  const wasm = histogramKl(p, q, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  assert.equal(wasm.backend, 'wasm');
  assert.deepEqual({ ...wasm, backend: 'ts' }, ts, JSON.stringify(options));
}

describe('compute: histogram binning, WASM vs TS parity (identical counts)', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  it(`'auto' bins with WASM from ${WASM_MIN_LENGTH} values, TS below`, () => {
    const big = Float64Array.from({ length: WASM_MIN_LENGTH }, (_, i) => i % 17);
    assert.equal(histogramKl(big, big).backend, 'wasm');
    assert.equal(histogramKl([0, 1, 2, 3], [2, 3, 4, 5], { bins: 2 }).backend, 'ts');
    assert.equal(histogramKl([0, 1, 2, 3], [2, 3, 4, 5], { bins: 2, backend: 'wasm' }).value, 0.5493061443340548);
  });

  it('values exactly on every edge, and the doubles either side of each, the last edge included', () => {
    for (const [first, last, k] of [
      [0, 1, 10],
      [-3.7, 12.1, 37],
      [1e-300, 3e-300, 7],
      [-1e300, 1e300, 1000],
      [0.1, 0.7, 3],
      [-5, -4.999999999, 999],
    ] as [number, number, number][]) {
      const edges = histogramBinEdges([first, last], k).edges;
      const values: number[] = [];
      for (const e of edges) values.push(e, ...neighbours(e));
      values.push(first - 1, last + 1, -Infinity, Infinity, NaN); // outside: not counted
      sameCounts(values, edges, `[${first}, ${last}] in ${k} bins`);
    }
  });

  it('edges that are not equal-width (the guess is only a guess): the reference assignment', () => {
    const edges = Float64Array.of(-10, -9.5, 0, 0.001, 0.002, 3, 1e3, 1e6);
    const random = seededRandom(700);
    const values = Array.from({ length: 5000 }, () => (random() - 0.2) * 10 ** (7 * random()));
    for (const e of edges) values.push(e, ...neighbours(e));
    sameCounts(values, edges);
  });

  it('fast-check: random samples, rules fd / sturges / counts, through histogramKl', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -5, max: 5 }), fc.double({ min: -1, max: 1, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 700 }),
        fc.array(value, { minLength: 1, maxLength: 700 }),
        fc.oneof(fc.constant<'fd' | 'sturges'>('fd'), fc.constant<'fd' | 'sturges'>('sturges'), fc.integer({ min: 1, max: 3000 })),
        (p, q, bins) => compareKl(p, q, { bins }),
      ),
      { numRuns: 200 },
    );
  });

  it('large samples across the chunk boundary, with smoothing and many bins', function () {
    this.timeout(120000);
    const random = seededRandom(701);
    const n = CHUNK_LENGTH + 33;
    const p = Float64Array.from({ length: n }, () => random() * random());
    const q = Float64Array.from({ length: 5000 }, () => random());
    compareKl(p, q, { bins: 'sturges' });
    compareKl(q, p, { bins: 100000, smoothing: 0.5 });
    const ties = Float64Array.from({ length: 20000 }, () => Math.floor(random() * 10) / 10); // many values on edges
    compareKl(ties, q, { bins: 10 });
    compareKl(ties, q, { bins: 'fd' });
  });

  it('errors as the reference: non-finite values, bad bins and smoothing, empty samples', () => {
    const p = new Float64Array(600).fill(1);
    const bad = Float64Array.from(p);
    bad[400] = NaN;
    compareKl(bad, p);
    compareKl(p, bad);
    compareKl(p, p, { bins: 0 });
    compareKl(p, p, { smoothing: -1 });
    compareKl([], p);
    compareKl(p, p); // all equal: one bin around the value
  });
});
