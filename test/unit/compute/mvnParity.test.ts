/**
 * WASM vs TS for the linear algebra behind MVN KL (assembly/choleskyKernel.ts, assembly/lowerSquaresKernel.ts
 * vs src/core/cholesky.ts choleskyInPlace and src/core/mvnKl.ts strictLowerSquares): the kernels compute each
 * entry with the reference's operations in the reference's order (tiled differently: 4×4 tiles in blocks of 32
 * rows, eight columns of L1⁻¹·L0 at a time), so the tolerance is zero: factors, rejected pivots, sums and every
 * part of the `mvnKl` result are identical, bit for bit, at every dimension mod 8 and across the blocks.
 */
import { strict as assert } from 'node:assert';
import kernelsWasm from '../../../build/kernels.wasm';
import { backendStatus, initSync, isWasmReady, mvnKl, MVN_WASM_MIN_DIMENSION, type ComputeMvnKlOptions } from '../../../src/compute';
import { WasmMeasures } from '../../../src/compute/wasmMeasures';
import { choleskyInPlace } from '../../../src/core/cholesky';
import { strictLowerSquares, type CovarianceMatrix } from '../../../src/core/mvnKl';
import { seededRandom } from '../core/klFixtures';
import { errorOf, spd } from './measureParityHelpers';

const kernel = WasmMeasures.instantiateSync(kernelsWasm);

const DIMENSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 31, 32, 33, 34, 35, 63, 64, 65, 66, 67, 130, 201];

function sameBits(a: Float64Array, b: Float64Array, where: string): void {
  assert.equal(a.length, b.length, where);
  for (let i = 0; i < a.length; i++) {
    if (!Object.is(a[i], b[i])) assert.fail(`${where}: entry ${i} (row ${Math.floor(i / Math.sqrt(a.length))}): wasm ${a[i]}, ts ${b[i]}`);
  }
}

function compareKl(mu0: ArrayLike<number>, cov0: CovarianceMatrix, mu1: ArrayLike<number>, cov1: CovarianceMatrix, options: ComputeMvnKlOptions = {}): void {
  let ts;
  try {
    ts = mvnKl(mu0, cov0, mu1, cov1, { ...options, backend: 'ts' });
  } catch (e) {
    const wasm = errorOf(() => mvnKl(mu0, cov0, mu1, cov1, { ...options, backend: 'wasm' }));
    assert.deepEqual([wasm.code, wasm.message, wasm.location], [(e as { code: string }).code, (e as Error).message, (e as { location: unknown }).location]);
    return;
  }
  const wasm = mvnKl(mu0, cov0, mu1, cov1, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  assert.equal(wasm.backend, 'wasm');
  assert.deepEqual({ ...wasm, backend: 'ts' }, ts);
}

describe('compute: MVN KL linear algebra, WASM vs TS parity (identical results)', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  it(`'auto' uses WASM from dimension ${MVN_WASM_MIN_DIMENSION}, TS below`, () => {
    const random = seededRandom(800);
    const id = (d: number) => ({ values: spd(d, random), shape: [d, d] });
    const d = MVN_WASM_MIN_DIMENSION;
    assert.equal(mvnKl(new Float64Array(d), id(d), new Float64Array(d).fill(1), id(d)).backend, 'wasm');
    assert.equal(mvnKl(new Float64Array(d - 1), id(d - 1), new Float64Array(d - 1), id(d - 1)).backend, 'ts');
    assert.equal(mvnKl([0, 0], { values: [1, 0, 0, 1], shape: [2, 2] }, [1, 0], { values: [2, 0, 0, 2], shape: [2, 2] }, { backend: 'wasm' }).value, 0.4431471805599454);
  });

  it('choleskyInPlace: the same factor at every dimension mod 4, well and badly conditioned', () => {
    const random = seededRandom(801);
    for (const d of DIMENSIONS) {
      for (const delta of [0.5, 1e-6, 1e-12]) {
        const a = spd(d, random, delta, Math.max(1, d - 2));
        const ts = a.slice();
        const wasm = a.slice();
        const rowTs = choleskyInPlace(ts, d);
        const rowWasm = kernel.choleskyInPlace(wasm, d);
        assert.equal(rowWasm, rowTs, `d ${d}, δ ${delta}`);
        sameBits(wasm, ts, `d ${d}, δ ${delta}`);
      }
    }
  });

  it('choleskyInPlace: rejected pivots (indefinite, singular, NaN): the same row and pivot', () => {
    const random = seededRandom(802);
    for (const d of [3, 4, 9, 33, 70]) {
      for (const row of [0, 1, Math.floor(d / 2), d - 1]) {
        const a = spd(d, random);
        a[row * d + row] = -1; // indefinite from this row on
        const ts = a.slice();
        const wasm = a.slice();
        assert.equal(kernel.choleskyInPlace(wasm, d), choleskyInPlace(ts, d));
        assert.ok(Object.is(wasm[row * d + row], ts[row * d + row]));
        // Rank-deficient: the pivot at the rounding level.
        const b = spd(d, random, 0, Math.max(1, row));
        const tb = b.slice();
        const wb = b.slice();
        const failed = choleskyInPlace(tb, d);
        assert.equal(kernel.choleskyInPlace(wb, d), failed, `d ${d}, rank ${row}`);
        if (failed >= 0) assert.ok(Object.is(wb[failed * d + failed], tb[failed * d + failed]));
        else sameBits(wb, tb, `d ${d}, rank ${row}`);
      }
      const c = spd(d, random);
      c[d * d - 1] = NaN;
      assert.equal(kernel.choleskyInPlace(c.slice(), d), choleskyInPlace(c.slice(), d));
    }
  });

  it('choleskyInPlace and strictLowerSquares: the same across several row blocks, every dimension mod 8', () => {
    const random = seededRandom(806);
    for (const d of [68, 69, 70, 95, 96, 97, 256, 263]) {
      const l0 = spd(d, random);
      const l1 = spd(d, random, 1e-3);
      const t0 = l0.slice();
      const t1 = l1.slice();
      assert.equal(kernel.choleskyInPlace(l0, d), -1);
      assert.equal(kernel.choleskyInPlace(l1, d), -1);
      assert.equal(choleskyInPlace(t0, d), -1);
      assert.equal(choleskyInPlace(t1, d), -1);
      sameBits(l0, t0, `d ${d}, Σ0`);
      sameBits(l1, t1, `d ${d}, Σ1`);
      assert.ok(Object.is(kernel.strictLowerSquares(l1, l0, d), strictLowerSquares(t1, t0, d)), `d ${d}`);
    }
  });

  it('strictLowerSquares: the same sum for every dimension mod 4', () => {
    const random = seededRandom(803);
    for (const d of DIMENSIONS) {
      const l0 = spd(d, random);
      const l1 = spd(d, random, 1e-3);
      assert.equal(choleskyInPlace(l0, d), -1);
      assert.equal(choleskyInPlace(l1, d), -1);
      const ts = strictLowerSquares(l1, l0, d);
      assert.ok(Object.is(kernel.strictLowerSquares(l1, l0, d), ts), `d ${d}`);
      assert.ok(Object.is(kernel.strictLowerSquares(l0, l1, d), strictLowerSquares(l0, l1, d)), `d ${d}, swapped`);
    }
  });

  it('mvnKl: every part of the result identical (value, trace, Mahalanobis, log-det ratio), bases e and 2', () => {
    const random = seededRandom(804);
    for (const d of DIMENSIONS) {
      const mu0 = Float64Array.from({ length: d }, () => random() - 0.5);
      const mu1 = Float64Array.from({ length: d }, () => random() - 0.5);
      const cov0 = { values: spd(d, random), shape: [d, d] };
      const cov1 = { values: spd(d, random, 1e-2), shape: [d, d] };
      const inputs = [cov0.values.slice(), cov1.values.slice()];
      compareKl(mu0, cov0, mu1, cov1);
      // The factors are formed in the module's memory: the inputs stay as they were.
      sameBits(cov0.values, inputs[0]!, `d ${d}, cov0 unchanged`);
      sameBits(cov1.values, inputs[1]!, `d ${d}, cov1 unchanged`);
      compareKl(mu1, cov1, mu0, cov0, { base: 2 });
      compareKl(mu0, cov0, mu0, cov0); // equal: exactly 0 from both
      assert.equal(mvnKl(mu0, cov0, mu0, cov0, { backend: 'wasm' }).value, 0);
    }
  });

  it('mvnKl with covariances as plain arrays, between larger and smaller ones: the same as TS', () => {
    const random = seededRandom(807);
    const d = 70;
    const mu0 = Array.from({ length: d }, () => random() - 0.5);
    const mu1 = Array.from({ length: d }, () => random() - 0.5);
    const cov0 = { values: Array.from(spd(d, random)), shape: [d, d] };
    const cov1 = { values: Array.from(spd(d, random, 1e-2)), shape: [d, d] };
    const big = { values: spd(2 * d, random), shape: [2 * d, 2 * d] };
    compareKl(new Float64Array(2 * d), big, new Float64Array(2 * d).fill(1), big); // lays the memory out for 2d
    compareKl(mu0, cov0, mu1, cov1);
    compareKl(mu1.slice(0, 40), { values: spd(40, random), shape: [40, 40] }, mu0.slice(0, 40), { values: spd(40, random), shape: [40, 40] });
  });

  it('mvnKl errors as the reference: not positive definite (row named), asymmetric, non-finite, shapes', () => {
    const random = seededRandom(805);
    const d = 40;
    const mu = new Float64Array(d);
    const good = { values: spd(d, random), shape: [d, d] };
    const indefinite = spd(d, random);
    indefinite[17 * d + 17] = -3;
    compareKl(mu, good, mu, { values: indefinite, shape: [d, d] });
    compareKl(mu, { values: indefinite, shape: [d, d] }, mu, good);
    const singular = spd(d, random, 0, 10);
    compareKl(mu, good, mu, { values: singular, shape: [d, d] });
    const asymmetric = spd(d, random);
    asymmetric[3 * d + 5] += 1e-3;
    compareKl(mu, { values: asymmetric, shape: [d, d] }, mu, good);
    const infinite = spd(d, random);
    infinite[2] = Infinity;
    compareKl(mu, good, mu, { values: infinite, shape: [d, d] });
    compareKl(mu, good, mu.subarray(1), good);
    compareKl(mu, good, mu, good, { base: 0 });
  });
});
