/**
 * WASM vs TS for the cross-entropy: the kernel (assembly/crossEntropyKernel.ts) must agree with the
 * TypeScript reference (src/core/crossEntropy.ts) on every probability fixture of measures.json and on random
 * inputs around its vector, block and chunk boundaries, and throw the same errors.
 *
 * Tolerance: normalised, |wasm - ts| ≤ 16·u·|ts| (u = 2^-53): every term p_i·ln(s_q/q_i) is ≥ 0, the
 * log-ratios are within 2 ulp (the same method), and the sums differ only in order. Raw (-Σ p ln q, terms of
 * both signs): 16·u·Σ|p_i ln q_i|. Σp, Σq within 16·u relative. Infinite results are identical.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backendStatus, crossEntropy, initSync, isWasmReady, WASM_MIN_LENGTH, type ComputeMeasureOptions } from '../../../src/compute';
import { CHUNK_LENGTH } from '../../../src/compute/wasmBackend';
import type { DivergenceError } from '../../../src/core/errors';
import { checkMeasureFixture, fixtureTitle, fixturesOf } from '../core/measureFixtures';
import { describeArray, relativeError, seededRandom } from '../core/klFixtures';
import { errorOf, generate, KINDS, SIZES, U, within } from './measureParityHelpers';

function rawScale(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += Math.abs(p[i]! * Math.log(q[i]!));
  return s;
}

function compare(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): void {
  let ts;
  try {
    ts = crossEntropy(p, q, { ...options, backend: 'ts' });
  } catch (e) {
    // The reference's own errors (e.g. NaN where raw terms overflow both ways) must come from WASM too.
    const wasmError = errorOf(() => crossEntropy(p, q, { ...options, backend: 'wasm' }));
    assert.deepEqual([wasmError.code, wasmError.message], [(e as DivergenceError).code, (e as DivergenceError).message]);
    return;
  }
  const wasm = crossEntropy(p, q, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  const normalize = options.normalize !== false;
  const tol = 16 * U * (normalize ? Math.abs(ts.value) : rawScale(p, q) / Math.log(ts.base));
  const where = `P = ${describeArray(p)}, Q = ${describeArray(q)} (n = ${p.length}), ${JSON.stringify(options)}`;
  assert.ok(
    within(wasm.value, ts.value, tol),
    `${where}: ts ${ts.value}, wasm ${wasm.value}, delta ${wasm.value - ts.value} > ${tol} (relative ${relativeError(wasm.value, ts.value).toExponential(2)}, ` +
      `${((wasm.value - ts.value) / (Math.abs(ts.value) * U)).toFixed(1)} u)`,
  );
  assert.ok(
    within(wasm.sums.p, ts.sums.p, 16 * U * ts.sums.p) && within(wasm.sums.q, ts.sums.q, 16 * U * ts.sums.q),
    `${where}: sums ts ${JSON.stringify(ts.sums)}, wasm ${JSON.stringify(wasm.sums)}`,
  );
  assert.deepEqual([wasm.normalized, wasm.unit, wasm.base, wasm.n, wasm.measure], [ts.normalized, ts.unit, ts.base, ts.n, ts.measure], where);
}

describe('compute: cross-entropy, WASM vs TS parity', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  it(`'auto' picks WASM from ${WASM_MIN_LENGTH} elements, TS below and for log/logit input`, () => {
    const p = new Float64Array(WASM_MIN_LENGTH).fill(1);
    assert.equal(crossEntropy(p, p).backend, 'wasm');
    assert.equal(crossEntropy(p.subarray(1), p.subarray(1)).backend, 'ts');
    const zeros = new Float64Array(WASM_MIN_LENGTH);
    assert.equal(crossEntropy(zeros, zeros, { input: 'log' }).backend, 'ts');
    assert.equal(crossEntropy(p, p, { backend: 'ts' }).backend, 'ts');
    assert.equal(crossEntropy([1], [1], { backend: 'wasm' }).backend, 'wasm');
  });

  it("rejects 'wasm' for log input, and unknown backends, with invalid-parameter", () => {
    assert.throws(() => crossEntropy([0], [0], { input: 'log', backend: 'wasm' }), { code: 'invalid-parameter' });
    assert.throws(() => crossEntropy([1], [1], { backend: 'gpu' as 'ts' }), { code: 'invalid-parameter' });
  });

  describe('on every probability fixture', () => {
    for (const c of fixturesOf('cross-entropy').filter((f) => f.input === 'prob')) {
      it(fixtureTitle(c), () => {
        const options = { base: c.base, normalize: c.normalize };
        checkMeasureFixture(c, crossEntropy(c.pValues, c.qValues!, { ...options, backend: 'wasm' }).value);
        compare(c.pValues, c.qValues!, options);
      });
    }
  });

  describe('on random inputs around vector and block boundaries', () => {
    for (const kind of KINDS) {
      it(`Q ${kind}, P uniform / zeros / counts: sizes ${SIZES[0]}..${SIZES[SIZES.length - 1]}, normalised and raw, bases e and 2`, () => {
        const random = seededRandom(200 + KINDS.indexOf(kind));
        for (const n of SIZES) {
          const q = generate(kind, n, random);
          for (const pKind of ['uniform', 'zeros', 'counts'] as const) {
            const p = generate(pKind, n, random);
            // Q's zeros under P's positive values make H(P, Q) infinite: keep those to a few cases.
            if (pKind !== 'zeros') for (let i = 0; i < n; i++) if (q[i] === 0 && random() < 0.9) p[i] = 0;
            if (!p.some((x) => x > 0)) p[0] = 1;
            compare(p, q);
            compare(p, q, { normalize: false });
            compare(p, q, { base: 2 });
          }
        }
      });
    }

    it('q = 0 under p > 0: +Infinity from both, normalised and raw', () => {
      for (const n of [3, 64, 600, 5000]) {
        const p = new Float64Array(n).fill(0.5);
        const q = new Float64Array(n).fill(0.25);
        q[n - 2] = 0;
        for (const normalize of [true, false]) {
          assert.equal(crossEntropy(p, q, { normalize, backend: 'wasm' }).value, Infinity);
          compare(p, q, { normalize });
        }
        p[n - 2] = 0; // 0·log 0 = 0
        compare(p, q);
      }
    });

    it('fast-check: arbitrary non-negative arrays (zeros, subnormals, huge values)', () => {
      const value = fc.oneof(fc.constant(0), fc.double({ min: 5e-324, max: 1e300, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }));
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n }))),
          fc.boolean(),
          ([p, q], normalize) => {
            if (!p.some((x) => x > 0) || !q.some((x) => x > 0)) return;
            compare(p, q, { normalize });
          },
        ),
        { numRuns: 300 },
      );
    });

    it('Q near 1, where the vector logarithm keeps the digits of raw terms near 0', () => {
      const random = seededRandom(160);
      for (const k of [2, 9, 10, 20, 40, 52]) {
        const p = Float64Array.from({ length: 1000 }, () => random());
        const q = Float64Array.from({ length: 1000 }, () => 1 + (random() - 0.5) * 2 ** -k);
        compare(p, q);
        compare(p, q, { normalize: false });
      }
    });

    it('Q all subnormal (Σq itself subnormal: the scalar path throughout)', () => {
      const random = seededRandom(250);
      for (const n of [4, 64, 600, 4097]) {
        const q = Float64Array.from({ length: n }, () => (1 + Math.floor(random() * 1000)) * 5e-324);
        const p = generate('zeros', n, random);
        compare(p, q);
        compare(p, q, { normalize: false });
      }
    });

    it('sums from 2^960: the TS reference serves (it rescales)', () => {
      const p = new Float64Array(1000).fill(1e300);
      const q = new Float64Array(1000).fill(1);
      const r = crossEntropy(p, q, { backend: 'wasm' });
      assert.equal(r.backend, 'ts');
      assert.equal(r.value, crossEntropy(p, q, { backend: 'ts' }).value);
    });

    it(`across the ${CHUNK_LENGTH}-element chunk boundary (the largest q in either chunk)`, function () {
      this.timeout(60000);
      const n = CHUNK_LENGTH + 67;
      const random = seededRandom(299);
      const p = generate('zeros', n, random);
      const q = generate('uniform', n, random);
      compare(p, q);
      q[CHUNK_LENGTH + 5] = 3;
      compare(p, q);
      compare(p, q, { normalize: false });
      compare(Array.from(p), Array.from(q)); // plain arrays are copied element by element
    });
  });

  describe('errors: the same code, array, index and message from both backends', () => {
    const bad = [-1, NaN, Infinity, -Infinity, -5e-324];
    it('one bad value anywhere, in P or in Q, at sizes around the boundaries', () => {
      const random = seededRandom(207);
      for (const n of [1, 3, 4, 5, 64, 65, 130, 1000, 4097]) {
        for (let trial = 0; trial < 6; trial++) {
          const p = Array.from({ length: n }, () => random());
          const q = Array.from({ length: n }, () => random() + 0.1);
          const index = Math.floor(random() * n);
          const target = random() < 0.5 ? p : q;
          target[index] = bad[trial % bad.length]!;
          const ts = errorOf(() => crossEntropy(p, q, { backend: 'ts' }));
          const wasm = errorOf(() => crossEntropy(p, q, { backend: 'wasm' }));
          assert.equal(ts.code, 'invalid-value');
          assert.deepEqual(ts.location, { array: target === p ? 'P' : 'Q', index });
          assert.deepEqual([wasm.code, wasm.location, wasm.message], [ts.code, ts.location, ts.message], `n ${n}, ${ts.message}`);
        }
      }
    });

    it('several bad values: the lowest index wins, P before Q, even after an infinite term', () => {
      const p = new Float64Array(300).fill(0.5);
      const q = new Float64Array(300).fill(0.5);
      q[10] = 0;
      q[200] = NaN;
      p[200] = -2;
      p[250] = NaN;
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => crossEntropy(p, q, { backend }), { code: 'invalid-value', location: { array: 'P', index: 200 }, message: 'P[200] is -2 (0-based index 200): probabilities must be finite and non-negative' });
      }
    });

    it('a bad value in the second chunk has its global index', function () {
      this.timeout(60000);
      const p = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      const q = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      q[CHUNK_LENGTH + 3] = -1;
      assert.throws(() => crossEntropy(p, q, { backend: 'wasm' }), { location: { array: 'Q', index: CHUNK_LENGTH + 3 } });
    });

    it('structural errors: lengths, empty input, zero sums', () => {
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => crossEntropy([1, 2, 3], [1, 2, 3, 4], { backend }), { code: 'length-mismatch', message: 'P has 3 values and Q has 4' });
        assert.throws(() => crossEntropy([], [], { backend }), { code: 'empty-input' });
        assert.throws(() => crossEntropy(new Float64Array(600), new Float64Array(600).fill(1), { backend }), { code: 'zero-sum', location: { array: 'P' } });
        assert.throws(() => crossEntropy([1], [0], { backend }), { code: 'zero-sum', location: { array: 'Q' } });
      }
    });
  });
});
