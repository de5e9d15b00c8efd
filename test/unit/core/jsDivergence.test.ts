import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { JS_DIVERGENCE_FORMULA_LATEX, jsDivergence } from '../../../src/core';
import { relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

describe('jsDivergence (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('js')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('reports value, unit, base, normalisation with both sums, n and backend', () => {
      const r = jsDivergence([2, 0], [1, 1]);
      // ½[ln(4/3)] + ½·½[ln(2/3)... ]: from mpmath, 0.21576155433883569558…
      assert.ok(relativeError(r.value, 0.21576155433883569558) < 4e-16, String(r.value));
      assert.deepEqual(r, {
        measure: 'js',
        value: r.value,
        unit: 'nats',
        base: Math.E,
        normalized: true,
        sums: { p: 2, q: 2 },
        n: 2,
        backend: 'ts',
      });
      assert.ok(JS_DIVERGENCE_FORMULA_LATEX.includes('M = \\tfrac12 (P + Q)'));
    });

    it('is exactly 0 for identical inputs (also proportional by a power of two, and equal logits)', () => {
      assert.equal(jsDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, 0);
      assert.equal(jsDivergence([1, 2, 3], [4, 8, 12]).value, 0);
      assert.equal(jsDivergence([1, 2, 3], [1, 2, 3], { input: 'logits' }).value, 0);
      assert.equal(jsDivergence([1e-300, 1], [1e-300, 1], { normalize: false }).value, 0);
    });

    it('is at most ln 2, exactly ln 2 (1 bit) for disjoint supports; finite with zeros anywhere', () => {
      assert.equal(jsDivergence([1, 0], [0, 1]).value, Math.LN2);
      assert.equal(jsDivergence([1, 0, 0], [0, 0.5, 0.5], { base: 2 }).value, 1);
      assert.equal(jsDivergence([0.1, 0.2, 0.3, 0, 0, 0], [0, 0, 0, 0.3, 0.2, 0.1]).value, Math.LN2);
      assert.ok(Number.isFinite(jsDivergence([0.5, 0.5], [1, 0]).value));
    });

    it('keeps full relative accuracy where P ≈ Q (ε = 1e-9), where SciPy returns NaN or noise', () => {
      // P = (½ + ε, ½ - ε), Q = (½ - ε, ½ + ε) as exact doubles: JSD = ½[(1+2ε)ln(1+2ε) + (1-2ε)ln(1-2ε)]
      // = 2ε² + (4/3)ε⁴ + …, with the exact binary ε below.
      const e = 2 ** -30;
      const exact = 2 * e * e + (4 / 3) * e ** 4;
      const r = jsDivergence([0.5 + e, 0.5 - e], [0.5 - e, 0.5 + e]).value;
      assert.ok(relativeError(r, exact) < 4e-16, `${r} vs ${exact}`);
    });

    it("normalize: false gives ½Σ p ln(2p/(p+q)) + q ln(2q/(p+q)) of the values as given", () => {
      const r = jsDivergence([2, 0], [0, 2], { normalize: false });
      assert.equal(r.normalized, false);
      assert.equal(r.value, 2 * Math.LN2);
    });

    it('log input and logits agree with the probabilities they encode', () => {
      const p = [0.36, 0.48, 0.16];
      const q = [0.1, 0.2, 0.7];
      const direct = jsDivergence(p, q).value;
      assert.ok(relativeError(jsDivergence(p.map(Math.log), q.map(Math.log), { input: 'log' }).value, direct) < 1e-15);
      assert.ok(relativeError(jsDivergence(p.map((x) => Math.log(x) + 7), q.map((x) => Math.log(x) - 3), { input: 'logits' }).value, direct) < 1e-14);
    });
  });

  describeErrorContract('jsDivergence', jsDivergence);

  describe('properties (seeded)', () => {
    it('0 ≤ JSD ≤ ln 2, never NaN; symmetric to the last bit', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const v = jsDivergence(p, q).value;
          return v >= 0 && v <= Math.LN2 && jsDivergence(q, p).value === v;
        }),
        PROPERTY_RUNS,
      );
    });

    it('JSD(P, P) = 0 exactly; invariant to permutations (1e-15) and to scaling (exact for powers of two, 1e-14 for any factor)', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, k, c) => {
          const v = jsDivergence(p, q).value;
          const order = permutation(p.length, seed);
          return (
            jsDivergence(p, p).value === 0 &&
            close(jsDivergence(permute(p, order), permute(q, order)).value, v, 1e-15, 1e-300) &&
            jsDivergence(p.map((x) => x * 2 ** k), q).value === v &&
            close(jsDivergence(p.map((x) => x * c), q).value, v, 1e-14, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
