import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bhattacharyya, DivergenceError, klDivergence, RENYI_FORMULA_LATEX, renyi } from '../../../src/core';
import { errorScale, relativeError } from './klFixtures';
import { close, pair, permutation, permute, positivePair, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

const U = 2 ** -53;

describe('renyi (TS reference)', () => {
  describe('against numpy and 50-digit mpmath fixtures (orders 1e-3 to 100 and ∞, near 1)', () => {
    for (const c of fixturesOf('renyi')) it(`${fixtureTitle(c)}, alpha ${c.alphaValue}`, () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('reports the order with value, unit, base, normalisation and both sums', () => {
      const r = renyi([1, 1], [9, 1], { alpha: 2, base: 2 });
      // log2(25/9) = 1.47393118833241232… (mpmath)
      assert.ok(relativeError(r.value, 1.4739311883324123) < 4e-16, String(r.value));
      assert.deepEqual(r, {
        measure: 'renyi',
        value: r.value,
        unit: 'bits',
        base: 2,
        normalized: true,
        sums: { p: 2, q: 10 },
        n: 2,
        backend: 'ts',
        alpha: 2,
      });
      assert.ok(RENYI_FORMULA_LATEX.startsWith('D_\\alpha(P\\,\\|\\,Q) = \\frac{1}{\\alpha - 1}'));
    });

    it('α = 1 is KL (normalised and raw), continuously; α = ∞ is ln max p/q', () => {
      const p = [0.36, 0.48, 0.16];
      const q = [0.2, 0.5, 0.3];
      const kl = klDivergence(p, q).value;
      assert.ok(relativeError(renyi(p, q, { alpha: 1 }).value, kl) < 1e-15);
      assert.ok(relativeError(renyi(p, q, { alpha: 1 + 1e-15 }).value, kl) < 1e-14);
      assert.ok(relativeError(renyi([3, 1], [1, 1], { alpha: 1, normalize: false }).value, klDivergence([3, 1], [1, 1], { normalize: false }).value) < 1e-15);
      assert.equal(renyi(p, q, { alpha: Infinity }).value, Math.log(0.36 / 0.2));
      assert.equal(renyi([1, 0], [0.5, 0.5], { alpha: Infinity }).value, Math.LN2);
    });

    it('q = 0 < p: +Infinity for α ≥ 1, contributes 0 for α < 1; disjoint supports: +Infinity for every α', () => {
      for (const alpha of [1, 1 + 1e-12, 2, Infinity]) assert.equal(renyi([0.5, 0.5], [1, 0], { alpha }).value, Infinity, `alpha ${alpha}`);
      // ln(Σ p^½ q^½)/(-½) = -2 ln sqrt(½) = ln 2, as 2·D_B (through Σ(√p - √q)² = 2 - √2: within 1 ulp)
      assert.ok(relativeError(renyi([0.5, 0.5], [1, 0], { alpha: 0.5 }).value, Math.LN2) <= 2 ** -52);
      for (const alpha of [0.01, 0.5, 0.99, 1, 3, Infinity]) {
        for (const normalize of [true, false]) assert.equal(renyi([1, 0], [0, 1], { alpha, normalize }).value, Infinity);
      }
      assert.equal(renyi([0, 1], [0.5, 0.5], { alpha: 2 }).value, Math.LN2); // p = 0 contributes nothing
    });

    it('D_α(P, P) = 0 exactly for every order', () => {
      for (const alpha of [1e-6, 0.3, 0.5, 1, 1.5, 7, Infinity]) assert.equal(renyi([0.2, 0.3, 0.5], [0.2, 0.3, 0.5], { alpha }).value, 0);
    });

    it('small orders go through the skew symmetry: D_α ≈ α·D_KL(Q‖P) as α → 0, with full relative accuracy', () => {
      const p = [0.36, 0.48, 0.16];
      const q = [1 / 3, 1 / 3, 1 / 3];
      const reverse = klDivergence(q, p).value;
      for (const alpha of [1e-3, 1e-8, 1e-12]) {
        // D_α/α = D_KL(Q‖P)·(1 + O(α)): the first-order term here is below 10α.
        const v = renyi(p, q, { alpha }).value;
        assert.ok(relativeError(v / alpha, reverse) < 10 * alpha + 1e-15, `alpha ${alpha}: ${v}`);
      }
    });

    it('rejects an order that is not a number > 0, with invalid-parameter', () => {
      for (const alpha of [0, -1, -Infinity, NaN, undefined, '2']) {
        assert.throws(() => renyi([1], [1], { alpha: alpha as number }), (e: unknown) => {
          assert.ok(e instanceof DivergenceError);
          assert.equal(e.code, 'invalid-parameter');
          assert.deepEqual(e.location, { array: 'alpha' });
          assert.match(e.message, /^the order alpha must be a number > 0/);
          return true;
        });
      }
    });
  });

  describeErrorContract('renyi (alpha 2)', (p, q, options) => renyi(p, q, { ...options, alpha: 2 }));

  describe('properties (seeded)', () => {
    const orders = [1e-3, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1, 1.001, 1.1, 1.5, 2, 3, 10, 100, Infinity];

    it('D_α ≥ 0, never NaN, and non-decreasing in α (to 1e-13 relative)', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          let previous = 0;
          for (const alpha of orders) {
            const v = renyi(p, q, { alpha }).value;
            if (!(v >= 0) || v < previous * (1 - 1e-13) - 1e-300) return false;
            previous = v;
          }
          return true;
        }),
        PROPERTY_RUNS,
      );
    });

    it('→ KL as α → 1: |D_{1±δ} - D_KL| ≤ δ·E_P[ln²(p/q)] + 64u·(KL\'s error scale)', () => {
      fc.assert(
        fc.property(positivePair, fc.constantFrom(1e-3, 1e-6, 1e-9, 1e-12, 0), ([p, q], delta) => {
          const kl = klDivergence(p, q).value;
          const sp = p.reduce((s, x) => s + x, 0);
          const sq = q.reduce((s, x) => s + x, 0);
          let secondMoment = 0;
          for (let i = 0; i < p.length; i++) secondMoment += (p[i]! / sp) * Math.log(p[i]! / sp / (q[i]! / sq)) ** 2;
          const tolerance = 64 * U * (errorScale(p, q, true) + kl);
          return [1 - delta, 1 + delta].every((alpha) => Math.abs(renyi(p, q, { alpha }).value - kl) <= delta * secondMoment + tolerance);
        }),
        PROPERTY_RUNS,
      );
    });

    it('skew symmetry D_α(P‖Q) = α/(1-α)·D_{1-α}(Q‖P) for α in (0, 1); D_½ = 2·D_B (1e-13)', () => {
      fc.assert(
        fc.property(positivePair, fc.double({ min: 0.01, max: 0.99, noNaN: true }), ([p, q], alpha) => {
          const v = renyi(p, q, { alpha }).value;
          const dual = (alpha / (1 - alpha)) * renyi(q, p, { alpha: 1 - alpha }).value;
          return close(v, dual, 1e-13, 1e-300) && close(renyi(p, q, { alpha: 0.5 }).value, 2 * bhattacharyya(p, q).value, 1e-13, 1e-300);
        }),
        PROPERTY_RUNS,
      );
    });

    it('invariant to permutations and scaling (1e-13), exactly to power-of-two scaling', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), fc.constantFrom(0.5, 2, 1 + 1e-9), ([p, q], seed, k, c, alpha) => {
          const v = renyi(p, q, { alpha }).value;
          const order = permutation(p.length, seed);
          return (
            close(renyi(permute(p, order), permute(q, order), { alpha }).value, v, 1e-13, 1e-300) &&
            renyi(p.map((x) => x * 2 ** k), q, { alpha }).value === v &&
            close(renyi(p.map((x) => x * c), q, { alpha }).value, v, 1e-13, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
