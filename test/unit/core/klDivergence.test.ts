import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError, KL_FORMULA_LATEX, klDivergence, NORMALIZATION_TOLERANCE } from '../../../src/core';
import { checkAgainstFixture, errorScale, loadKlFixtures, relativeError } from './klFixtures';

describe('klDivergence (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of loadKlFixtures()) {
      it(`${c.name} (n = ${c.pValues.length}, ${c.source})`, () => {
        checkAgainstFixture(c, klDivergence(c.pValues, c.qValues, { base: c.base, normalize: c.normalize }));
      });
    }
  });

  describe('result', () => {
    it('has the CLI example: 0.0852996013... nats, not normalised', () => {
      const r = klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3]);
      const exact = 0.085299601318370560342; // mpmath, from the exact binary inputs (their sums are 1 - 3e-17)
      assert.ok(relativeError(r.value, exact) < 1e-15, `expected ${exact}, actual ${r.value}`);
      assert.deepEqual(r, {
        measure: 'kl',
        value: r.value,
        unit: 'nats',
        base: Math.E,
        normalized: false,
        sums: { p: 1, q: 1 },
        pinskerTvBound: Math.sqrt(r.value / 2),
        n: 3,
        backend: 'ts',
      });
    });

    it('converts units: bits = nats / ln 2, bans = nats / ln 10, log3.5', () => {
      const nats = klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3]).value;
      const bits = klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { base: 2 });
      assert.equal(bits.value, nats / Math.LN2);
      assert.equal(bits.unit, 'bits');
      assert.equal(klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { base: '10' }).unit, 'bans');
      const r = klDivergence([0.36, 0.48, 0.16], [1 / 3, 1 / 3, 1 / 3], { base: 3.5 });
      assert.equal(r.unit, 'log3.5');
      assert.equal(r.base, 3.5);
      assert.equal(r.value, nats / Math.log(3.5));
    });

    it('reports normalisation with the original sums when a sum is not 1', () => {
      const r = klDivergence([2, 1], [1, 1], { base: 2 });
      assert.equal(r.normalized, true);
      assert.deepEqual(r.sums, { p: 3, q: 2 });
      const expected = 0.0817041659455104852; // 5/3 - log2(3), from mpmath
      assert.ok(relativeError(r.value, expected) < 4e-16, `expected ${expected}, actual ${r.value}`);
    });

    it(`takes sums within ${NORMALIZATION_TOLERANCE} of 1 as already normalised`, () => {
      assert.equal(klDivergence([0.1, 0.2, 0.7], [0.3, 0.3, 0.4]).normalized, false);
      assert.equal(klDivergence([0.5, 0.5 + 5e-13], [0.5, 0.5]).normalized, false);
      assert.equal(klDivergence([0.5, 0.5 + 5e-12], [0.5, 0.5]).normalized, true);
      assert.equal(klDivergence([0.5, 0.5], [0.5, 0.5 + 5e-12]).normalized, true);
    });

    it('gives the raw Σ p ln(p/q) with normalize: false, and then reports normalized: false', () => {
      const r = klDivergence([2, 1], [1, 1], { normalize: false });
      assert.equal(r.normalized, false);
      assert.deepEqual(r.sums, { p: 3, q: 2 });
      assert.ok(relativeError(r.value, 2 * Math.log(2)) < 1e-15, `${r.value}`);
      // Raw sums can be negative: the values are not distributions.
      assert.ok(klDivergence([1, 1], [2, 2], { normalize: false }).value < 0);
      // Pinsker's bound is always that of the normalised distributions.
      assert.ok(relativeError(r.pinskerTvBound, klDivergence([2, 1], [1, 1]).pinskerTvBound) < 1e-15);
    });

    it('gives Pinsker\'s bound sqrt(D/2) with D in nats, whatever the base', () => {
      const nats = klDivergence([0.9, 0.1], [0.5, 0.5]);
      assert.equal(nats.pinskerTvBound, Math.sqrt(nats.value / 2));
      assert.equal(klDivergence([0.9, 0.1], [0.5, 0.5], { base: 2 }).pinskerTvBound, nats.pinskerTvBound);
      assert.equal(klDivergence([1, 0], [0, 1]).pinskerTvBound, Infinity);
    });

    it('exports the formula the panel renders', () => {
      assert.equal(KL_FORMULA_LATEX, 'D_{\\mathrm{KL}}(P\\,\\|\\,Q) = \\sum_i p_i \\log\\frac{p_i}{q_i}');
    });
  });

  describe('conventions', () => {
    it('p_i = 0 contributes 0 whatever q_i is (also q_i = 0)', () => {
      assert.equal(klDivergence([0, 1], [0, 1]).value, 0);
      assert.equal(klDivergence([0, 1], [0.5, 0.5]).value, Math.log(2));
    });

    it('p_i > 0 with q_i = 0 gives +Infinity, normalised or raw, never NaN', () => {
      for (const normalize of [true, false]) {
        const r = klDivergence([0.5, 0.5], [1, 0], { normalize });
        assert.equal(r.value, Infinity);
        assert.equal(r.pinskerTvBound, Infinity);
      }
    });

    it('still validates every value after meeting an infinite term', () => {
      assert.throws(() => klDivergence([1, 1, 1], [0, 1, -1]), { code: 'invalid-value', location: { array: 'Q', index: 2 } });
    });

    it('treats -0 as 0', () => {
      assert.equal(klDivergence([-0, 1], [0.5, 0.5]).value, Math.log(2));
    });

    it('survives sums that overflow (rescaling exactly by powers of two)', () => {
      const r = klDivergence([1e308, 1e308], [1e-300, 1e308]);
      assert.equal(r.sums.p, Infinity);
      assert.ok(relativeError(r.value, 699.29272108962994) < 1e-14, `${r.value}`);
      assert.equal(klDivergence([1e308], [1e-300], { normalize: false }).value, Infinity);
    });
  });

  describe('errors', () => {
    it('names the array, the 0-based index and the value of a bad value', () => {
      assert.throws(() => klDivergence([0.5, -1, 0.5], [0.3, 0.3, 0.4]), (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        assert.equal(e.code, 'invalid-value');
        assert.deepEqual(e.location, { array: 'P', index: 1 });
        assert.equal(e.message, 'P[1] is -1 (0-based index 1): probabilities must be finite and non-negative');
        return true;
      });
      for (const bad of [NaN, Infinity, -Infinity, -1e-300]) {
        assert.throws(() => klDivergence([0.5, 0.5], [0.5, bad]), {
          code: 'invalid-value',
          location: { array: 'Q', index: 1 },
          message: `Q[1] is ${String(bad)} (0-based index 1): probabilities must be finite and non-negative`,
        });
      }
    });

    it('reports the lowest bad index, P before Q at the same index', () => {
      assert.throws(() => klDivergence([1, 1, -1], [1, NaN, 1]), { location: { array: 'Q', index: 1 } });
      assert.throws(() => klDivergence([1, -1, 1], [1, NaN, 1]), { location: { array: 'P', index: 1 } });
    });

    it('length mismatch: "P has 3 values and Q has 4"', () => {
      assert.throws(() => klDivergence([1, 2, 3], [1, 2, 3, 4]), { code: 'length-mismatch', message: 'P has 3 values and Q has 4' });
      assert.throws(() => klDivergence([1], [1, 2]), { code: 'length-mismatch', message: 'P has 1 value and Q has 2 values' });
    });

    it('empty input and zero sums', () => {
      assert.throws(() => klDivergence([], []), { code: 'empty-input', location: { array: 'P' } });
      assert.throws(() => klDivergence([1], []), { code: 'empty-input', location: { array: 'Q' } });
      assert.throws(() => klDivergence([0, 0], [1, 1]), { code: 'zero-sum', location: { array: 'P' } });
      assert.throws(() => klDivergence([1, 1], [0, 0]), { code: 'zero-sum', location: { array: 'Q' } });
      assert.throws(() => klDivergence([0, 0], [0, 0], { normalize: false }), { code: 'zero-sum', location: { array: 'P' } });
    });

    it('bad options: base and input kind', () => {
      assert.throws(() => klDivergence([1], [1], { base: 1 }), { code: 'invalid-parameter' });
      assert.throws(() => klDivergence([1], [1], { base: 'two' }), { code: 'invalid-parameter' });
      assert.throws(() => klDivergence([1], [1], { input: 'odds' as 'log' }), { code: 'invalid-parameter' });
    });
  });

  describe('log-probability and logit input', () => {
    const p = [0.36, 0.48, 0.16];
    const q = [1 / 3, 1 / 3, 1 / 3];

    it("input 'log' agrees with the probabilities it encodes", () => {
      const direct = klDivergence(p, q).value;
      const r = klDivergence(p.map(Math.log), q.map(Math.log), { input: 'log' });
      assert.ok(relativeError(r.value, direct) < 1e-14, `direct ${direct}, from logs ${r.value}`);
      assert.equal(r.normalized, false);
      assert.ok(Math.abs(r.sums.p - 1) < 1e-15 && Math.abs(r.sums.q - 1) < 1e-15, JSON.stringify(r.sums));
    });

    it("input 'log': -Infinity is probability 0, with the same conventions", () => {
      assert.equal(klDivergence([-Infinity, 0], [Math.log(0.5), Math.log(0.5)], { input: 'log' }).value, Math.log(2));
      assert.equal(klDivergence([0, 0], [0, -Infinity], { input: 'log' }).value, Infinity);
      assert.throws(() => klDivergence([-Infinity, -Infinity], [0, 0], { input: 'log' }), { code: 'zero-sum', location: { array: 'P' } });
    });

    it("input 'log' normalises log-counts and reports it; normalize: false gives Σ p (ln p - ln q)", () => {
      const counts = [3, 1, 6];
      const other = [2, 2, 5];
      const r = klDivergence(counts.map(Math.log), other.map(Math.log), { input: 'log' });
      assert.equal(r.normalized, true);
      assert.ok(relativeError(r.sums.p, 10) < 1e-15 && relativeError(r.sums.q, 9) < 1e-15, JSON.stringify(r.sums));
      assert.ok(relativeError(r.value, klDivergence(counts, other).value) < 1e-14);
      const raw = klDivergence(counts.map(Math.log), other.map(Math.log), { input: 'log', normalize: false });
      assert.ok(relativeError(raw.value, klDivergence(counts, other, { normalize: false }).value) < 1e-14);
    });

    it("input 'log' rejects NaN and +Infinity, naming the index", () => {
      assert.throws(() => klDivergence([0, NaN], [0, 0], { input: 'log' }), {
        code: 'invalid-value',
        location: { array: 'P', index: 1 },
        message: 'P[1] is NaN (0-based index 1): log-probabilities must be finite or -Infinity',
      });
      assert.throws(() => klDivergence([0, 0], [Infinity, 0], { input: 'log' }), { location: { array: 'Q', index: 0 } });
    });

    it("input 'logits' applies softmax: invariant to shifts, equal to the KL of the softmax", () => {
      const a = [1, 2, 3, -4];
      const b = [0.5, 2.5, 2, 0];
      const r = klDivergence(a, b, { input: 'logits' });
      const softmax = (x: number[]): number[] => {
        const m = Math.max(...x);
        const e = x.map((v) => Math.exp(v - m));
        const s = e.reduce((t, v) => t + v, 0);
        return e.map((v) => v / s);
      };
      assert.ok(relativeError(r.value, klDivergence(softmax(a), softmax(b)).value) < 1e-14);
      const shifted = klDivergence(a.map((x) => x + 1000), b.map((x) => x - 700), { input: 'logits' });
      assert.equal(shifted.value, r.value); // exact shifts: exactly invariant
      assert.equal(r.normalized, false);
      assert.deepEqual(r.sums, { p: 1, q: 1 });
      assert.equal(klDivergence(a, a, { input: 'logits' }).value, 0);
      assert.equal(klDivergence([5, 5], [900, 900], { input: 'logits' }).value, 0);
    });

    it("input 'logits' near ±1e308: a logit whose probability underflows contributes 0, never NaN", () => {
      // P = softmax([1e308, -1e308, 0]) = [1, 0, 0] in doubles; D = -ln q_0 = ln(1 + e + e²).
      const r = klDivergence([1e308, -1e308, 0], [0, 1, 2], { input: 'logits' });
      const expected = Math.log1p(Math.E + Math.E * Math.E);
      assert.ok(Math.abs(r.value - expected) <= 4e-16 * expected, `got ${r.value}, expected ${expected}`);
    });

    it("input 'logits': masked (-Infinity) logits are probability 0", () => {
      assert.equal(klDivergence([0, -Infinity], [0, 0], { input: 'logits' }).value, Math.log(2));
      assert.equal(klDivergence([0, 0], [0, -Infinity], { input: 'logits' }).value, Infinity);
    });
  });

  describe('properties', () => {
    // Zeros, and values far enough from the subnormals that rescaling by 2^±60 stays exact.
    const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-200, max: 1e6, noNaN: true }));
    const distribution = (n: number) => fc.array(value, { minLength: n, maxLength: n }).filter((x) => x.some((v) => v > 0));
    const pair = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(distribution(n), distribution(n)));

    it('D ≥ 0 for normalised inputs, never NaN', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const v = klDivergence(p, q).value;
          return v >= 0 && !Number.isNaN(v);
        }),
      );
    });

    it('D(P, P) = 0 exactly', () => {
      fc.assert(fc.property(distribution(17), (p) => klDivergence(p, p).value === 0 && klDivergence(p, p, { normalize: false }).value === 0));
    });

    it('a change of base scales the value by 1/ln(base)', () => {
      fc.assert(
        fc.property(pair, fc.double({ min: 1.01, max: 100, noNaN: true }), ([p, q], base) => {
          const nats = klDivergence(p, q).value;
          const other = klDivergence(p, q, { base }).value;
          return nats === Infinity ? other === Infinity : other === nats / Math.log(base);
        }),
      );
    });

    it('is invariant to rescaling P by a power of two (normalisation), to 16 u times the error scale', () => {
      fc.assert(
        fc.property(pair, fc.integer({ min: -60, max: 60 }), ([p, q], k) => {
          const a = klDivergence(p, q).value;
          const b = klDivergence(p.map((x) => x * 2 ** k), q).value;
          return a === b || Math.abs(a - b) <= 16 * 2 ** -53 * errorScale(p, q, true);
        }),
      );
    });
  });
});
