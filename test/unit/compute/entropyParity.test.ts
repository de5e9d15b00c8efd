/**
 * WASM vs TS for the entropy: the kernel (assembly/entropyKernel.ts) must agree with the TypeScript reference
 * (src/core/entropy.ts) on every probability fixture of measures.json and on random inputs around its
 * vector, block and chunk boundaries, and throw the same errors.
 *
 * Tolerance: normalised, |wasm - ts| ≤ 16·u·|ts| (u = 2^-53): every term p_i·ln(s/p_i) is ≥ 0, the log-ratios
 * are within 2 ulp (the same method), and the sums differ only in order (Σp may differ by an ulp, which
 * moves H by at most u/ln 2 relative). Raw (-Σ p ln p, terms of both signs): 16·u·Σ|p_i ln p_i|. Σp within
 * 16·u relative. In practice they agree to 0-2 ulps.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backendStatus, entropy, initSync, isWasmReady, WASM_MIN_LENGTH, type ComputeMeasureOptions } from '../../../src/compute';
import { CHUNK_LENGTH } from '../../../src/compute/wasmBackend';
import type { DivergenceError } from '../../../src/core/errors';
import { checkMeasureFixture, fixtureTitle, fixturesOf } from '../core/measureFixtures';
import { describeArray, relativeError, seededRandom } from '../core/klFixtures';
import { errorOf, generate, KINDS, SIZES, U, within } from './measureParityHelpers';

function rawScale(p: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += Math.abs(p[i]! * Math.log(p[i]!));
  return s;
}

function compare(p: ArrayLike<number>, options: ComputeMeasureOptions = {}): void {
  let ts;
  try {
    ts = entropy(p, { ...options, backend: 'ts' });
  } catch (e) {
    // The reference's own errors (e.g. NaN where raw terms overflow both ways) must come from WASM too.
    const wasmError = errorOf(() => entropy(p, { ...options, backend: 'wasm' }));
    assert.deepEqual([wasmError.code, wasmError.message], [(e as DivergenceError).code, (e as DivergenceError).message]);
    return;
  }
  const wasm = entropy(p, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += p[i]!;
  assert.equal(wasm.backend, sum < 2 ** 959 ? 'wasm' : wasm.backend); // near 2^960 the TS reference rescales
  const normalize = options.normalize !== false;
  const unitFactor = Math.log(ts.base);
  const tol = 16 * U * (normalize ? Math.abs(ts.value) : rawScale(p) / unitFactor);
  const where = `P = ${describeArray(p)} (n = ${p.length}), ${JSON.stringify(options)}`;
  assert.ok(
    within(wasm.value, ts.value, tol),
    `${where}: ts ${ts.value}, wasm ${wasm.value}, delta ${wasm.value - ts.value} > ${tol} (relative ${relativeError(wasm.value, ts.value).toExponential(2)}, ` +
      `${((wasm.value - ts.value) / (Math.abs(ts.value) * U)).toFixed(1)} u)`,
  );
  assert.ok(within(wasm.sums.p, ts.sums.p, 16 * U * ts.sums.p), `${where}: sums ts ${ts.sums.p}, wasm ${wasm.sums.p}`);
  assert.deepEqual([wasm.normalized, wasm.unit, wasm.base, wasm.n, wasm.measure], [ts.normalized, ts.unit, ts.base, ts.n, ts.measure], where);
}

describe('compute: entropy, WASM vs TS parity', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  it(`'auto' picks WASM from ${WASM_MIN_LENGTH} elements, TS below and for log/logit input`, () => {
    const p = new Float64Array(WASM_MIN_LENGTH).fill(1);
    assert.equal(entropy(p).backend, 'wasm');
    assert.equal(entropy(p.subarray(1)).backend, 'ts');
    assert.equal(entropy(new Float64Array(WASM_MIN_LENGTH), { input: 'log' }).backend, 'ts');
    assert.equal(entropy(p, { backend: 'ts' }).backend, 'ts');
    assert.equal(entropy([1], { backend: 'wasm' }).backend, 'wasm');
  });

  it("rejects 'wasm' for log input, and unknown backends, with invalid-parameter", () => {
    assert.throws(() => entropy([0], { input: 'log', backend: 'wasm' }), { code: 'invalid-parameter' });
    assert.throws(() => entropy([1], { backend: 'gpu' as 'ts' }), { code: 'invalid-parameter' });
  });

  describe('on every probability fixture', () => {
    for (const c of fixturesOf('entropy').filter((f) => f.input === 'prob')) {
      it(fixtureTitle(c), () => {
        const options = { base: c.base, normalize: c.normalize };
        checkMeasureFixture(c, entropy(c.pValues, { ...options, backend: 'wasm' }).value);
        compare(c.pValues, options);
      });
    }
  });

  describe('on random inputs around vector and block boundaries', () => {
    for (const kind of KINDS) {
      it(`${kind}: sizes ${SIZES[0]}..${SIZES[SIZES.length - 1]}, normalised and raw, bases e and 2`, () => {
        const random = seededRandom(100 + KINDS.indexOf(kind));
        for (const n of SIZES) {
          const p = generate(kind, n, random);
          compare(p);
          compare(p, { normalize: false });
          compare(p, { base: 2 });
        }
      });
    }

    it('fast-check: arbitrary non-negative arrays (zeros, subnormals, huge values)', () => {
      const value = fc.oneof(fc.constant(0), fc.double({ min: 5e-324, max: 1e300, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }));
      fc.assert(
        fc.property(fc.array(value, { minLength: 1, maxLength: 300 }), fc.boolean(), (p, normalize) => {
          if (!p.some((x) => x > 0)) return;
          compare(p, { normalize });
        }),
        { numRuns: 300 },
      );
    });

    it('values near 1 and near the table boundaries of the vector logarithm (raw terms near 0 keep their digits)', () => {
      const random = seededRandom(160);
      for (const k of [2, 9, 10, 20, 40, 52]) {
        const p = Float64Array.from({ length: 1000 }, () => 1 + (random() - 0.5) * 2 ** -k);
        compare(p);
        compare(p, { normalize: false });
      }
      const boundaries = Float64Array.from({ length: 2048 }, (_, i) => (0.7021484375 + (i % 256) / 512) * 2 ** ((i >> 8) - 4));
      compare(boundaries);
      compare(boundaries, { normalize: false });
    });

    it('all values subnormal (Σp itself subnormal: the scalar path throughout), and one dominant value per block', () => {
      const random = seededRandom(150);
      for (const n of [4, 64, 600, 4097]) {
        const p = Float64Array.from({ length: n }, () => Math.floor(random() * 1000) * 5e-324);
        if (!p.some((x) => x > 0)) p[0] = 5e-324;
        compare(p);
        compare(p, { normalize: false });
        const dominant = Float64Array.from({ length: n }, (_, i) => (i % 64 === 7 ? 1 : random() * 1e-200));
        compare(dominant);
      }
    });

    it('sums from 2^960: the TS reference serves (it rescales)', () => {
      const p = new Float64Array(1000).fill(1e300);
      const r = entropy(p, { backend: 'wasm' });
      assert.equal(r.backend, 'ts');
      assert.equal(r.value, entropy(p, { backend: 'ts' }).value);
    });

    it(`across the ${CHUNK_LENGTH}-element chunk boundary (the largest value in either chunk)`, function () {
      this.timeout(60000);
      const n = CHUNK_LENGTH + 67;
      const p = generate('zeros', n, seededRandom(199));
      compare(p);
      p[CHUNK_LENGTH + 5] = 3;
      compare(p);
      compare(p, { normalize: false });
      compare(Array.from(p)); // plain arrays are copied element by element
    });
  });

  describe('errors: the same code, array, index and message from both backends', () => {
    const bad = [-1, NaN, Infinity, -Infinity, -5e-324];
    it('one bad value anywhere, at sizes around the boundaries', () => {
      const random = seededRandom(107);
      for (const n of [1, 3, 4, 5, 64, 65, 130, 1000, 4097]) {
        for (let trial = 0; trial < 6; trial++) {
          const p = Array.from({ length: n }, () => random());
          const index = Math.floor(random() * n);
          p[index] = bad[trial % bad.length]!;
          const ts = errorOf(() => entropy(p, { backend: 'ts' }));
          const wasm = errorOf(() => entropy(p, { backend: 'wasm' }));
          assert.equal(ts.code, 'invalid-value');
          assert.deepEqual(ts.location, { array: 'P', index });
          assert.deepEqual([wasm.code, wasm.location, wasm.message], [ts.code, ts.location, ts.message], `n ${n}, ${ts.message}`);
        }
      }
    });

    it('several bad values: the lowest index wins; -0 is admissible', () => {
      const p = new Float64Array(300).fill(0.5);
      p[3] = -0;
      p[200] = -2;
      p[250] = NaN;
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => entropy(p, { backend }), { code: 'invalid-value', location: { array: 'P', index: 200 }, message: 'P[200] is -2 (0-based index 200): probabilities must be finite and non-negative' });
      }
      p[200] = p[250] = 0.5;
      compare(p);
    });

    it('a bad value in the second chunk has its global index', function () {
      this.timeout(60000);
      const p = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      p[CHUNK_LENGTH + 3] = -1;
      assert.throws(() => entropy(p, { backend: 'wasm' }), { location: { array: 'P', index: CHUNK_LENGTH + 3 } });
    });

    it('structural errors: empty input, zero sum, bad base', () => {
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => entropy([], { backend }), { code: 'empty-input', message: 'P has no values' });
        assert.throws(() => entropy(new Float64Array(600), { backend }), { code: 'zero-sum', location: { array: 'P' } });
        assert.throws(() => entropy([1], { backend, base: 1 }), { code: 'invalid-parameter' });
      }
    });
  });
});
