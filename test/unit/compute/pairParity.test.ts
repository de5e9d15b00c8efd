/**
 * WASM vs TS for the measures of two distributions with pair kernels (assembly/pairKernel.ts, jsKernel.ts,
 * jeffreysKernel.ts, distanceKernels.ts): Jensen–Shannon divergence and distance, Jeffreys, total variation,
 * Hellinger and Bhattacharyya
 * must agree with the TypeScript reference (src/core) on every probability fixture of measures.json and on
 * random and adversarial inputs (zeros, subnormals, P ≈ Q, huge values, chunk boundaries), and throw the same
 * errors (code, array, index, message).
 *
 * Tolerances (u = 2^-53), from the method: the kernels compute p̂_i, q̂_i and p̂_i - q̂_i by the reference's
 * IEEE operations (bit for bit), and each term of TV, Hellinger and the Bhattacharyya coefficient too; the
 * sums (of terms ≥ 0) are compensated in both, so they differ by about u each:
 * - TV, Hellinger: |wasm - ts| ≤ 4u·ts;
 * - JS divergence and distance: 8u·ts (where |e| ≤ ½ the kernel's polynomial for (1+e)ln(1+e) + (1-e)ln(1-e)
 *   is within about 1 ulp, the reference's atanh/log1p form within about 3);
 * - Jeffreys: 8u·ts (each term's difference bit for bit, its ln-ratio within about 3 ulps of the reference's:
 *   ln(a/b) within 2 plus the first-order correction for the roundings of a and b, where the reference takes
 *   log1p or logRatio; terms all ≥ 0);
 * - Bhattacharyya: 4u·|ts| normalised; raw, -log1p(x) with x = ½(Σp - 1) + ½(Σq - 1) - H² may cancel:
 *   4u·(|ts| + H²) absolute.
 * Infinite results (disjoint supports, Bhattacharyya) are identical. Σp and Σq within 2u relative.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  backendStatus,
  bhattacharyya,
  hellinger,
  initSync,
  isWasmReady,
  jsDistance,
  jeffreys,
  jsDivergence,
  totalVariation,
  WASM_MIN_LENGTH,
  type ComputeMeasureOptions,
} from '../../../src/compute';
import { CHUNK_LENGTH } from '../../../src/compute/wasmBackend';
import type { DivergenceError } from '../../../src/core/errors';
import { checkMeasureFixture, fixtureTitle, fixturesOf, type FixtureMeasure } from '../core/measureFixtures';
import { describeArray, relativeError, seededRandom } from '../core/klFixtures';
import { errorOf, generate, KINDS, SIZES, U, within } from './measureParityHelpers';

type Measured = { readonly value: number; readonly backend: string; readonly sums: { p: number; q: number }; readonly normalized: boolean; readonly n: number; readonly measure: string };
type MeasureFn = (p: ArrayLike<number>, q: ArrayLike<number>, options?: ComputeMeasureOptions) => Measured;

interface PairMeasure {
  readonly name: FixtureMeasure;
  readonly f: MeasureFn;
  /** The absolute tolerance of |wasm - ts|. */
  tolerance(ts: Measured, p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions): number;
}

const MEASURES: readonly PairMeasure[] = [
  { name: 'js', f: jsDivergence, tolerance: (ts) => 8 * U * ts.value },
  { name: 'js-distance', f: jsDistance, tolerance: (ts) => 8 * U * ts.value },
  { name: 'jeffreys', f: jeffreys, tolerance: (ts) => 8 * U * ts.value },
  { name: 'tv', f: totalVariation, tolerance: (ts) => 4 * U * ts.value },
  { name: 'hellinger', f: hellinger, tolerance: (ts) => 4 * U * ts.value },
  {
    name: 'bhattacharyya',
    f: bhattacharyya,
    tolerance(ts, p, q, options) {
      if (options.normalize !== false) return 4 * U * Math.abs(ts.value);
      const h = hellinger(p, q, { ...options, backend: 'ts' }).value;
      return 4 * U * (Math.abs(ts.value) + h * h);
    },
  },
];

/** The largest |wasm - ts| seen per measure, in units of u·|ts|, reported after the suite. */
const worst = new Map<string, number>();

function compare(m: PairMeasure, p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): void {
  let ts: Measured;
  try {
    ts = m.f(p, q, { ...options, backend: 'ts' });
  } catch (e) {
    const wasmError = errorOf(() => m.f(p, q, { ...options, backend: 'wasm' }));
    assert.deepEqual([wasmError.code, wasmError.message], [(e as DivergenceError).code, (e as DivergenceError).message]);
    return;
  }
  const wasm = m.f(p, q, { ...options, backend: 'wasm' });
  assert.equal(ts.backend, 'ts');
  const tol = m.tolerance(ts, p, q, options);
  const where = `${m.name}: P = ${describeArray(p)}, Q = ${describeArray(q)} (n = ${p.length}), ${JSON.stringify(options)}`;
  const ulps = ts.value === wasm.value ? 0 : Math.abs(wasm.value - ts.value) / (Math.abs(ts.value) * U);
  worst.set(m.name, Math.max(worst.get(m.name) ?? 0, ulps));
  assert.ok(
    within(wasm.value, ts.value, tol),
    `${where}: ts ${ts.value}, wasm ${wasm.value}, delta ${wasm.value - ts.value} > ${tol} (relative ${relativeError(wasm.value, ts.value).toExponential(2)}, ${ulps.toFixed(1)} u)`,
  );
  assert.ok(
    within(wasm.sums.p, ts.sums.p, 2 * U * ts.sums.p) && within(wasm.sums.q, ts.sums.q, 2 * U * ts.sums.q),
    `${where}: sums ts ${JSON.stringify(ts.sums)}, wasm ${JSON.stringify(wasm.sums)}`,
  );
  const shape = (r: Measured) => [r.normalized, r.n, r.measure, (r as { unit?: string }).unit, (r as { base?: number }).base];
  assert.deepEqual(shape(wasm), shape(ts), where);
}

function compareAll(p: ArrayLike<number>, q: ArrayLike<number>, options: ComputeMeasureOptions = {}): void {
  for (const m of MEASURES) compare(m, p, q, options);
}

describe('compute: JS, Jeffreys, TV, Hellinger, Bhattacharyya, WASM vs TS parity', () => {
  before(() => {
    initSync();
    assert.ok(isWasmReady(), backendStatus());
  });

  after(() => {
    // Not an assertion: the margins actually seen, for the bounds stated above.
    console.log(`      largest |wasm - ts| / (u·|ts|): ${[...worst].map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
  });

  it(`'auto' picks WASM from ${WASM_MIN_LENGTH} elements, TS below and for log/logit input; results say which`, () => {
    const p = new Float64Array(WASM_MIN_LENGTH).fill(1);
    const q = p.map((_, i) => 1 + (i % 3));
    for (const m of MEASURES) {
      assert.equal(m.f(p, q).backend, 'wasm', m.name);
      assert.equal(m.f(p.subarray(1), q.subarray(1)).backend, 'ts', m.name);
      assert.equal(m.f(new Float64Array(WASM_MIN_LENGTH), new Float64Array(WASM_MIN_LENGTH), { input: 'log' }).backend, 'ts', m.name);
      assert.equal(m.f(p, q, { backend: 'ts' }).backend, 'ts', m.name);
      assert.equal(m.f([1], [1], { backend: 'wasm' }).backend, 'wasm', m.name);
    }
  });

  it("rejects 'wasm' for log input, and unknown backends, with invalid-parameter", () => {
    for (const m of MEASURES) {
      assert.throws(() => m.f([0], [0], { input: 'log', backend: 'wasm' }), { code: 'invalid-parameter' }, m.name);
      assert.throws(() => m.f([1], [1], { backend: 'gpu' as 'ts' }), { code: 'invalid-parameter' }, m.name);
    }
  });

  it('documented examples, exactly (WASM)', () => {
    const w = { backend: 'wasm' } as const;
    assert.equal(jsDivergence([1, 0], [0, 1], { base: 2, ...w }).value, 1);
    assert.equal(jsDivergence([1, 0], [0.5, 0.5], w).value, 0.2157615543388357);
    assert.equal(jsDistance([1, 0, 0], [0, 1, 0], { base: 2, ...w }).value, 1);
    assert.equal(jeffreys([0.5, 0.5], [0.9, 0.1], w).value, 0.8788898309344878);
    assert.equal(jeffreys([1, 0], [0.5, 0.5], w).value, Infinity);
    assert.equal(totalVariation([0.5, 0.5], [0.9, 0.1], w).value, 0.4);
    assert.equal(totalVariation([1, 3], [2, 2], w).value, 0.25);
    assert.equal(hellinger([0.5, 0.5], [0.9, 0.1], w).value, 0.32491969623290634);
    assert.equal(hellinger([1, 0], [0, 1], w).value, 1);
    assert.equal(bhattacharyya([0.5, 0.5], [0.9, 0.1], w).value, 0.11157177565710491);
    assert.equal(bhattacharyya([1, 0], [0, 1], w).value, Infinity);
  });

  describe('on every probability fixture', () => {
    for (const m of MEASURES) {
      for (const c of fixturesOf(m.name).filter((f) => f.input === 'prob')) {
        it(`${m.name}: ${fixtureTitle(c)}`, () => {
          const options = { base: c.base, normalize: c.normalize };
          checkMeasureFixture(c, m.f(c.pValues, c.qValues!, { ...options, backend: 'wasm' }).value);
          compare(m, c.pValues, c.qValues!, options);
        });
      }
    }
  });

  describe('on random inputs around vector and block boundaries', () => {
    for (const kind of KINDS) {
      it(`Q ${kind}, P uniform / zeros / counts / ${kind}: sizes ${SIZES[0]}..${SIZES[SIZES.length - 1]}, normalised and raw, bases e and 2`, () => {
        const random = seededRandom(500 + KINDS.indexOf(kind));
        for (const n of SIZES) {
          const q = generate(kind, n, random);
          for (const pKind of ['uniform', 'zeros', 'counts', kind] as const) {
            const p = generate(pKind, n, random);
            compareAll(p, q);
            compareAll(p, q, { normalize: false });
            compareAll(p, q, { base: 2 });
          }
        }
      });
    }

    it('P ≈ Q: relative perturbations from 1e-3 down to 1e-15, with sums that differ (normalised and raw)', () => {
      const random = seededRandom(530);
      for (const n of [5, 64, 600, 4097]) {
        for (const eps of [1e-3, 1e-6, 1e-9, 1e-12, 1e-15]) {
          const q = generate('uniform', n, random);
          const p = q.map((v) => v * (1 + eps * (2 * random() - 1)));
          compareAll(p, q);
          compareAll(p, q, { normalize: false });
          compareAll(p.map((v) => 3 * v), q); // sums 3 and 1: P ≈ Q only after normalising
          compareAll(p, q.map((v) => v / 7));
        }
        const q = generate('uniform', n, random);
        compareAll(q, Float64Array.from(q)); // identical: exactly 0 from both
        for (const m of MEASURES) assert.equal(m.f(q, q, { backend: 'wasm' }).value, 0, m.name);
      }
    });

    it('scaled sums of exactly 1 (the kernels drop the products by S.hi = 1): each of P, Q or both, as the reference', () => {
      const random = seededRandom(540);
      for (const n of [4, 64, 600, 4097]) {
        // Σ of these rounds to 1 exactly (multiples of 2^-12 below 1): S.hi = 1, S.lo = 0.
        const unit = Float64Array.from({ length: n }, (_, i) => (i === 0 ? 0 : 1 + Math.floor(random() * 3)));
        const total = unit.reduce((a, b) => a + b, 0);
        unit[0] = 4096 - total;
        unit.forEach((v, i) => (unit[i] = v / 4096));
        // Normalised in floating point: Σ rounds to 1 or next to it, with a low part.
        const drawn = generate('uniform', n, random);
        const sum = drawn.reduce((a, b) => a + b, 0);
        const rounded = drawn.map((v) => v / sum);
        const other = generate('uniform', n, random);
        for (const [p, q] of [[unit, other], [other, unit], [unit, rounded], [rounded, rounded.slice().reverse()], [unit, unit.slice().reverse()]]) {
          compareAll(p, q);
          compareAll(q, p);
        }
      }
    });

    it('disjoint and nested supports, zeros in either, one element only', () => {
      for (const n of [1, 4, 63, 600, 5000]) {
        const p = new Float64Array(n);
        const q = new Float64Array(n);
        for (let i = 0; i < n; i++) (i % 2 ? p : q)[i] = 1 + (i % 5);
        if (n === 1) p[0] = 1;
        compareAll(p, q);
        compareAll(p, q, { normalize: false });
        const r = Float64Array.from(p, (v, i) => v + (i % 3 === 0 ? 1 : 0));
        compareAll(p, r);
        compareAll(r, p, { normalize: false });
      }
    });

    it('fast-check: arbitrary non-negative arrays (zeros, subnormals, huge values)', () => {
      const value = fc.oneof(fc.constant(0), fc.double({ min: 5e-324, max: 1e300, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 5e-324, max: 1e-300, noNaN: true }));
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.array(value, { minLength: n, maxLength: n }), fc.array(value, { minLength: n, maxLength: n }))),
          fc.boolean(),
          ([p, q], normalize) => {
            if (!p.some((x) => x > 0) || !q.some((x) => x > 0)) return;
            compareAll(p, q, { normalize });
          },
        ),
        { numRuns: 300 },
      );
    });

    it('all subnormal (sums themselves subnormal), and values that underflow when normalised', () => {
      const random = seededRandom(540);
      for (const n of [4, 64, 600, 4097]) {
        const q = Float64Array.from({ length: n }, () => (1 + Math.floor(random() * 1000)) * 5e-324);
        const p = generate('zeros', n, random);
        compareAll(p, q);
        compareAll(q, p, { normalize: false });
        const big = generate('uniform', n, random);
        big[0] = 1e300; // the others underflow to 0 or subnormals after dividing by Σ
        const tiny = generate('subnormals', n, random);
        compareAll(big, tiny);
        compareAll(tiny, big);
      }
    });

    it('sums from 2^960: the TS reference serves (it rescales)', () => {
      const p = new Float64Array(1000).fill(1e300);
      const q = new Float64Array(1000).fill(1);
      for (const m of MEASURES) {
        const r = m.f(p, q, { backend: 'wasm' });
        assert.equal(r.backend, 'ts', m.name);
        assert.equal(r.value, m.f(p, q, { backend: 'ts' }).value, m.name);
      }
    });

    it(`across the ${CHUNK_LENGTH}-element chunk boundary`, function () {
      this.timeout(120000);
      const n = CHUNK_LENGTH + 67;
      const random = seededRandom(599);
      const p = generate('zeros', n, random);
      const q = generate('uniform', n, random);
      compareAll(p, q);
      compareAll(p, q, { normalize: false });
      const near = q.map((v) => v * (1 + 1e-9 * (random() - 0.5)));
      compare(MEASURES[2]!, near, q);
      compare(MEASURES[0]!, Array.from(near), Array.from(q)); // plain arrays are copied element by element
    });
  });

  describe('errors: the same code, array, index and message from both backends', () => {
    const bad = [-1, NaN, Infinity, -Infinity, -5e-324];
    it('one bad value anywhere, in P or in Q, at sizes around the boundaries', () => {
      const random = seededRandom(507);
      for (const n of [1, 3, 4, 5, 64, 65, 130, 1000, 4097]) {
        for (let trial = 0; trial < 6; trial++) {
          const p = Array.from({ length: n }, () => random());
          const q = Array.from({ length: n }, () => random() + 0.1);
          const index = Math.floor(random() * n);
          const target = random() < 0.5 ? p : q;
          target[index] = bad[trial % bad.length]!;
          for (const m of MEASURES) {
            const ts = errorOf(() => m.f(p, q, { backend: 'ts' }));
            const wasm = errorOf(() => m.f(p, q, { backend: 'wasm' }));
            assert.equal(ts.code, 'invalid-value');
            assert.deepEqual(ts.location, { array: target === p ? 'P' : 'Q', index });
            assert.deepEqual([wasm.code, wasm.location, wasm.message], [ts.code, ts.location, ts.message], `${m.name}, n ${n}, ${ts.message}`);
          }
        }
      }
    });

    it('several bad values: the lowest index wins, P before Q', () => {
      const p = new Float64Array(300).fill(0.5);
      const q = new Float64Array(300).fill(0.5);
      q[200] = NaN;
      p[200] = -2;
      p[250] = NaN;
      for (const m of MEASURES) {
        for (const backend of ['ts', 'wasm'] as const) {
          assert.throws(() => m.f(p, q, { backend }), {
            code: 'invalid-value',
            location: { array: 'P', index: 200 },
            message: 'P[200] is -2 (0-based index 200): probabilities must be finite and non-negative',
          });
        }
      }
    });

    it('zero sums (P first), empty input, length mismatch, bad base: as the reference', () => {
      const z = new Float64Array(600);
      const o = new Float64Array(600).fill(1);
      for (const m of MEASURES) {
        for (const [p, q, options] of [
          [z, o, {}],
          [o, z, {}],
          [z, z, {}],
          [[], [], {}],
          [o, o.subarray(1), {}],
          [o, o, { base: -1 }],
          [z, o, { base: 1 }],
        ] as [ArrayLike<number>, ArrayLike<number>, ComputeMeasureOptions][]) {
          const ts = errorOf(() => m.f(p, q, { ...options, backend: 'ts' }));
          const wasm = errorOf(() => m.f(p, q, { ...options, backend: 'wasm' }));
          assert.deepEqual([wasm.code, wasm.message, wasm.location], [ts.code, ts.message, ts.location], `${m.name} ${ts.message}`);
        }
      }
    });

    it('a bad value in the second chunk has its global index', function () {
      this.timeout(60000);
      const p = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      const q = new Float64Array(CHUNK_LENGTH + 10).fill(1);
      q[CHUNK_LENGTH + 3] = -1;
      assert.throws(() => jsDivergence(p, q, { backend: 'wasm' }), { location: { array: 'Q', index: CHUNK_LENGTH + 3 } });
    });
  });
});
