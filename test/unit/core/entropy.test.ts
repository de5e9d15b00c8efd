import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError, ENTROPY_FORMULA_LATEX, entropy } from '../../../src/core';
import { relativeError } from './klFixtures';
import { close, distribution, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';

describe('entropy (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('entropy')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result', () => {
    it('reports value, unit, base, normalisation with the original sum, n and backend', () => {
      assert.deepEqual(entropy([1, 1, 2]), {
        measure: 'entropy',
        value: 1.0397207708399179, // 1.5 ln 2, from mpmath: 1.03972077083991796…
        unit: 'nats',
        base: Math.E,
        normalized: true,
        sums: { p: 4 },
        n: 3,
        backend: 'ts',
      });
      const bits = entropy([0.5, 0.25, 0.25], { base: 2 });
      assert.equal(bits.value, 1.5);
      assert.equal(bits.unit, 'bits');
      assert.equal(bits.normalized, false);
      assert.equal(entropy([0.25, 0.25, 0.25, 0.25], { base: '10' }).unit, 'bans');
      assert.equal(entropy([1, 1], { base: 3.5 }).unit, 'log3.5');
    });

    it('exports the formula the panel renders', () => {
      assert.equal(ENTROPY_FORMULA_LATEX, 'H(P) = -\\sum_i p_i \\log p_i');
    });
  });

  describe('conventions', () => {
    it('0·log 0 = 0: zeros add nothing; one non-zero value gives exactly 0', () => {
      assert.equal(entropy([0, 1, 0]).value, 0);
      assert.equal(entropy([7]).value, 0);
      assert.equal(entropy([0, 0.5, 0, 0.5], { base: 2 }).value, 1);
    });

    it('uniform over n: exactly log n where the terms are exact', () => {
      assert.equal(entropy(new Array(1024).fill(1), { base: 2 }).value, 10);
      assert.ok(relativeError(entropy(new Array(7).fill(3)).value, Math.log(7)) < 4e-16);
    });

    it('a dominant value keeps the tiny entropy (log1p of the rest), where SciPy returns 0 or loses digits', () => {
      // H([1, 1e-310]) = 1e-310 (1 + ln 1e310) + O(1e-620): the dominant term is as large as the first
      // order of the rest, and 1/(1 + 1e-310) rounds to 1 in SciPy's normalisation.
      const expected = 1e-310 * (1 + 310 * Math.LN10);
      assert.ok(relativeError(entropy([1, 1e-310]).value, expected) < 1e-12, String(entropy([1, 1e-310]).value));
    });

    it('normalize: false gives -Σ p ln p of the values as given (negative for counts above 1)', () => {
      const r = entropy([3, 1, 0, 6], { normalize: false });
      assert.equal(r.normalized, false);
      assert.deepEqual(r.sums, { p: 10 });
      const expected = -(3 * Math.log(3) + 6 * Math.log(6));
      assert.ok(relativeError(r.value, expected) < 1e-15, `${r.value} vs ${expected}`);
    });

    it('survives a sum that overflows (exact power-of-two rescaling)', () => {
      const r = entropy([1e308, 1e308]);
      assert.equal(r.sums.p, Infinity);
      assert.equal(r.value, Math.LN2);
    });

    it("input 'log' and 'logits' agree with the probabilities they encode", () => {
      const p = [0.36, 0.48, 0.16];
      const direct = entropy(p).value;
      const fromLogs = entropy(p.map(Math.log), { input: 'log' });
      assert.ok(relativeError(fromLogs.value, direct) < 4e-16, `${fromLogs.value} vs ${direct}`);
      assert.equal(fromLogs.normalized, false);
      const counts = entropy([3, 1, 6].map(Math.log), { input: 'log' });
      assert.equal(counts.normalized, true);
      assert.ok(relativeError(counts.sums.p, 10) < 1e-15);
      assert.ok(relativeError(counts.value, entropy([3, 1, 6]).value) < 1e-15);
      const raw = entropy([3, 1, 6].map(Math.log), { input: 'log', normalize: false });
      assert.ok(relativeError(raw.value, entropy([3, 1, 6], { normalize: false }).value) < 1e-14);
      const logits = entropy([1, 2, 3, -Infinity], { input: 'logits' });
      assert.deepEqual([logits.sums, logits.normalized], [{ p: 1 }, false]);
      assert.equal(entropy([1001, 1002, 1003], { input: 'logits' }).value, entropy([1, 2, 3], { input: 'logits' }).value);
    });
  });

  describe('errors', () => {
    it('names P, the 0-based index and the value of a bad value', () => {
      assert.throws(() => entropy([0.5, -1, 0.5]), (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        assert.equal(e.code, 'invalid-value');
        assert.deepEqual(e.location, { array: 'P', index: 1 });
        assert.equal(e.message, 'P[1] is -1 (0-based index 1): probabilities must be finite and non-negative');
        return true;
      });
      for (const bad of [NaN, Infinity, -Infinity]) assert.throws(() => entropy([1, bad]), { code: 'invalid-value', location: { array: 'P', index: 1 } });
      assert.throws(() => entropy([0, NaN], { input: 'log' }), { message: 'P[1] is NaN (0-based index 1): log-probabilities must be finite or -Infinity' });
      assert.throws(() => entropy([0, Infinity], { input: 'logits' }), { message: 'P[1] is Infinity (0-based index 1): logits must be finite or -Infinity' });
    });

    it('empty input, zero sum, bad base or input kind', () => {
      assert.throws(() => entropy([]), { code: 'empty-input', message: 'P has no values', location: { array: 'P' } });
      assert.throws(() => entropy([0, 0]), { code: 'zero-sum', location: { array: 'P' } });
      assert.throws(() => entropy([0, 0], { normalize: false }), { code: 'zero-sum' });
      assert.throws(() => entropy([-Infinity], { input: 'log' }), { code: 'zero-sum' });
      assert.throws(() => entropy([1], { base: 1 }), { code: 'invalid-parameter' });
      assert.throws(() => entropy([1], { base: -2 }), { code: 'invalid-parameter' });
      assert.throws(() => entropy([1], { input: 'odds' as 'log' }), { code: 'invalid-parameter', message: "input must be 'prob', 'log' or 'logits', not 'odds'" });
    });
  });

  describe('properties (seeded)', () => {
    const sized = fc.integer({ min: 1, max: 60 }).chain(distribution);

    it('0 ≤ H ≤ ln n for normalised inputs, never NaN', () => {
      fc.assert(
        fc.property(sized, (p) => {
          const h = entropy(p).value;
          return h >= 0 && h <= Math.log(p.length) * (1 + 1e-15);
        }),
        PROPERTY_RUNS,
      );
    });

    it('is invariant to permutations (to 1e-15 relative: a sum of non-negative terms in another order)', () => {
      fc.assert(
        fc.property(sized, fc.nat(), (p, seed) => close(entropy(p).value, entropy(permute(p, permutation(p.length, seed))).value, 1e-15, 1e-300)),
        PROPERTY_RUNS,
      );
    });

    it('is invariant to scaling: exactly for powers of two, to 1e-15 for any factor', () => {
      fc.assert(
        fc.property(sized, fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (p, k, c) => {
          const h = entropy(p).value;
          return entropy(p.map((x) => x * 2 ** k)).value === h && close(entropy(p.map((x) => x * c)).value, h, 1e-15, 1e-300);
        }),
        PROPERTY_RUNS,
      );
    });

    it('a change of base divides by ln(base)', () => {
      fc.assert(
        fc.property(sized, fc.double({ min: 1.01, max: 100, noNaN: true }), (p, base) => entropy(p, { base }).value === entropy(p).value / Math.log(base)),
        PROPERTY_RUNS,
      );
    });
  });
});
