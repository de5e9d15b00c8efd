/**
 * WASM vs TS: the WebAssembly kernel must agree with the TypeScript reference on every fixture and on
 * random inputs around its vector (4), block (64) and chunk (2^20) boundaries, and throw the same errors.
 *
 * Tolerance: |wasm - ts| ≤ 32·u·scale (u = 2^-53), scale = Σ|p_i ln(p_i/q_i)|/s_p + |ln(s_q/s_p)| (raw:
 * Σ|p_i ln(p_i/q_i)|), i.e. the rounding both may carry however much the terms cancel: per-term log-ratios
 * within 2 ulp (identical method), and sums that differ only in order (the kernel's in-block sums have 16
 * additions per lane). In practice they agree to a few ulps of the result.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { backendStatus, init, initSync, isWasmReady, klDivergence, WASM_MIN_LENGTH, type ComputeKlOptions } from '../../../src/compute';
import { CHUNK_LENGTH, WasmBackend } from '../../../src/compute/wasmBackend';
import { DivergenceError } from '../../../src/core/errors';
import { klSums } from '../../../src/core/klDivergence';
import { checkAgainstFixture, describeArray, errorScale, loadKlFixtures, relativeError, seededRandom } from '../core/klFixtures';

const U = 2 ** -53;

function compareBackends(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeKlOptions = {}): void {
  const ts = klDivergence(p, q, { ...options, backend: 'ts' });
  const wasm = klDivergence(p, q, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  // The kernel hands over to the TS reference only when its sums overflow, which the reference rescales.
  assert.equal(wasm.backend, klSums(p, q).scaleExponent === 0 ? 'wasm' : 'ts');
  const normalize = options.normalize !== false;
  const tol = 32 * U * errorScale(p, q, normalize);
  const same = (a: number, b: number, scale: number): boolean => a === b || Math.abs(a - b) <= scale;
  const where = `P = ${describeArray(p)}, Q = ${describeArray(q)}, ${JSON.stringify(options)}`;
  assert.ok(
    same(wasm.value, ts.value, tol),
    `${where}: ts ${ts.value}, wasm ${wasm.value}, delta ${wasm.value - ts.value} > ${tol} (relative ${relativeError(wasm.value, ts.value).toExponential(2)})`,
  );
  assert.ok(
    same(wasm.sums.p, ts.sums.p, 16 * U * ts.sums.p) && same(wasm.sums.q, ts.sums.q, 16 * U * ts.sums.q),
    `${where}: sums ts ${JSON.stringify(ts.sums)}, wasm ${JSON.stringify(wasm.sums)}`,
  );
  assert.equal(wasm.normalized, ts.normalized, `${where}: normalized`);
  assert.equal(wasm.unit, ts.unit);
  assert.equal(wasm.n, ts.n);
}

function errorOf(f: () => unknown): DivergenceError {
  try {
    f();
  } catch (e) {
    if (e instanceof DivergenceError) return e;
    throw e;
  }
  assert.fail('expected a DivergenceError');
}

describe('compute backends: WASM vs TS parity', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  it('says which backend serves', () => {
    assert.match(backendStatus(), /^wasm: /);
  });

  it('init() resolves (idempotently) once WASM is ready', async () => {
    await init();
    await init();
    assert.ok(isWasmReady());
  });

  it('rejects a module that is not the kernel, saying why (init() then leaves the TS reference serving)', async () => {
    const emptyModule = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await assert.rejects(WasmBackend.instantiate(emptyModule), /does not export heapBase\(\)/);
    await assert.rejects(WasmBackend.instantiate(new Uint8Array([1, 2, 3])));
    assert.throws(() => WasmBackend.instantiateSync(emptyModule), /does not export heapBase\(\)/);
  });

  it(`'auto' picks WASM from ${WASM_MIN_LENGTH} elements, TS below and for log/logit input`, () => {
    const p = new Float64Array(WASM_MIN_LENGTH).fill(1);
    assert.equal(klDivergence(p, p).backend, 'wasm');
    assert.equal(klDivergence(p.subarray(1), p.subarray(1)).backend, 'ts');
    assert.equal(klDivergence(p, p, { input: 'log' }).backend, 'ts');
    assert.equal(klDivergence(p, p, { backend: 'ts' }).backend, 'ts');
    assert.equal(klDivergence([1], [1], { backend: 'wasm' }).backend, 'wasm');
  });

  it("rejects 'wasm' for log input, and unknown backends, with invalid-parameter", () => {
    assert.throws(() => klDivergence([0], [0], { input: 'log', backend: 'wasm' }), { code: 'invalid-parameter' });
    assert.throws(() => klDivergence([1], [1], { backend: 'gpu' as 'ts' }), { code: 'invalid-parameter' });
  });

  describe('on every fixture', () => {
    for (const c of loadKlFixtures()) {
      it(`${c.name} (n = ${c.pValues.length})`, () => {
        const options = { base: c.base, normalize: c.normalize };
        checkAgainstFixture(c, klDivergence(c.pValues, c.qValues, { ...options, backend: 'wasm' }));
        compareBackends(c.pValues, c.qValues, options);
      });
    }
  });

  describe('on random inputs around vector and block boundaries', () => {
    const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 67, 127, 128, 129, 255, 256, 257, 511, 512, 513, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 5000];
    type Kind = 'uniform' | 'zeros in P' | 'zeros in both' | 'subnormals' | 'exponent range' | 'counts' | 'near-equal' | 'sums apart';
    const kinds: Kind[] = ['uniform', 'zeros in P', 'zeros in both', 'subnormals', 'exponent range', 'counts', 'near-equal', 'sums apart'];

    function generate(kind: Kind, n: number, random: () => number): [Float64Array, Float64Array] {
      const p = new Float64Array(n);
      const q = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        p[i] = random();
        q[i] = random() + 1e-3;
        switch (kind) {
          case 'zeros in P':
            if (random() < 0.3) p[i] = 0;
            break;
          case 'zeros in both':
            if (random() < 0.2) p[i] = q[i] = 0;
            break;
          case 'subnormals':
            if (random() < 0.05) p[i] = random() * 2e-308;
            if (random() < 0.05) q[i] = random() * 2e-308 + 5e-324;
            break;
          case 'exponent range':
            p[i] = 10 ** (600 * random() - 300);
            q[i] = 10 ** (600 * random() - 300);
            break;
          case 'counts':
            p[i] = Math.floor(10 * random());
            q[i] = 1 + Math.floor(10 * random());
            break;
          case 'near-equal':
            q[i] = p[i]! * (1 + 1e-6 * random());
            break;
          case 'sums apart':
            p[i] = Math.floor(1000 * random());
            q[i] = random() * 1e-3 + 1e-9;
            break;
          case 'uniform':
            break;
        }
      }
      if (!p.some((x) => x > 0)) p[0] = 1;
      return [p, q];
    }

    for (const kind of kinds) {
      it(`${kind}: sizes ${sizes[0]}..${sizes[sizes.length - 1]}, normalised and raw, bases e and 2`, () => {
        const random = seededRandom(kinds.indexOf(kind) + 1);
        for (const n of sizes) {
          const [p, q] = generate(kind, n, random);
          compareBackends(p, q);
          compareBackends(p, q, { normalize: false });
          compareBackends(p, q, { base: 2 });
        }
      });
    }

    it('fast-check: arbitrary non-negative arrays (zeros, subnormals, huge values)', () => {
      const value = fc.oneof(
        fc.constant(0),
        fc.double({ min: 5e-324, max: 1e300, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
      );
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }).chain((n) =>
            fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n })),
          ),
          fc.boolean(),
          ([p, q], normalize) => {
            if (!p.some((x) => x > 0) || !q.some((x) => x > 0)) return;
            compareBackends(p, q, { normalize });
          },
        ),
        { numRuns: 300 },
      );
    });

    it(`across the ${CHUNK_LENGTH}-element chunk boundary`, function () {
      this.timeout(60000);
      const n = CHUNK_LENGTH + 67;
      const [p, q] = generate('zeros in P', n, seededRandom(99));
      compareBackends(p, q);
      compareBackends(Array.from(p), Array.from(q)); // plain arrays are copied element by element
    });
  });

  describe('errors: the same code, array and index from both backends', () => {
    const bad = [-1, NaN, Infinity, -Infinity, -5e-324];
    it('one bad value anywhere, in P or in Q, at sizes around the boundaries', () => {
      const random = seededRandom(7);
      for (const n of [1, 3, 4, 5, 64, 65, 130, 1000, 4097]) {
        for (let trial = 0; trial < 6; trial++) {
          const p = Array.from({ length: n }, () => random());
          const q = Array.from({ length: n }, () => random() + 0.1);
          const index = Math.floor(random() * n);
          const target = random() < 0.5 ? p : q;
          target[index] = bad[trial % bad.length]!;
          const ts = errorOf(() => klDivergence(p, q, { backend: 'ts' }));
          const wasm = errorOf(() => klDivergence(p, q, { backend: 'wasm' }));
          assert.equal(ts.code, 'invalid-value');
          assert.deepEqual(ts.location, { array: target === p ? 'P' : 'Q', index });
          assert.deepEqual([wasm.code, wasm.location, wasm.message], [ts.code, ts.location, ts.message], `n ${n}, ${ts.message}`);
        }
      }
    });

    it('several bad values: the lowest index wins, P before Q, even after an infinite term', () => {
      const p = new Float64Array(300).fill(0.5);
      const q = new Float64Array(300).fill(0.5);
      q[10] = 0; // p > 0 with q = 0: infinite, not an error
      q[200] = NaN;
      p[200] = -2;
      p[250] = NaN;
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => klDivergence(p, q, { backend }), { code: 'invalid-value', location: { array: 'P', index: 200 }, message: 'P[200] is -2 (0-based index 200): probabilities must be finite and non-negative' });
      }
    });

    it('a bad value in the second chunk has its global index', function () {
      this.timeout(60000);
      const p = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      const q = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      q[CHUNK_LENGTH + 3] = -1;
      assert.throws(() => klDivergence(p, q, { backend: 'wasm' }), { location: { array: 'Q', index: CHUNK_LENGTH + 3 } });
    });

    it('structural errors: lengths, empty input, zero sums', () => {
      for (const backend of ['ts', 'wasm'] as const) {
        assert.throws(() => klDivergence([1, 2, 3], [1, 2, 3, 4], { backend }), { code: 'length-mismatch', message: 'P has 3 values and Q has 4' });
        assert.throws(() => klDivergence([], [], { backend }), { code: 'empty-input' });
        assert.throws(() => klDivergence(new Float64Array(600), new Float64Array(600).fill(1), { backend }), { code: 'zero-sum', location: { array: 'P' } });
        assert.throws(() => klDivergence([1], [0], { backend }), { code: 'zero-sum', location: { array: 'Q' } });
      }
    });
  });

  it('falls back to the TS reference when the kernel\'s sums overflow', () => {
    const p = new Float64Array(1000).fill(1e306);
    const q = new Float64Array(1000).fill(1);
    const r = klDivergence(p, q, { backend: 'wasm' });
    assert.equal(r.backend, 'ts');
    assert.equal(r.value, 0);
    assert.equal(r.sums.p, Infinity);
  });
});
