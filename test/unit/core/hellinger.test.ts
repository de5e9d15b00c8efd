import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { bhattacharyya, HELLINGER_FORMULA_LATEX, hellinger } from '../../../src/core';
import { relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

describe('hellinger (TS reference)', () => {
  describe('against numpy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('hellinger')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('has no unit and no base; reports normalisation with both sums', () => {
      const r = hellinger([1, 1], [9, 1]);
      // sqrt(1 - sqrt(0.45) - sqrt(0.05)) = 0.32491969623290630387… (mpmath)
      assert.ok(relativeError(r.value, 0.32491969623290630387) < 4e-16, String(r.value));
      assert.deepEqual(r, { measure: 'hellinger', value: r.value, normalized: true, sums: { p: 2, q: 10 }, n: 2, backend: 'ts' });
      assert.ok(HELLINGER_FORMULA_LATEX.startsWith('H(P, Q) = \\sqrt{1 - \\sum_i \\sqrt{p_i q_i}}'));
    });

    it('is 0 for identical inputs, 1 for disjoint supports; raw is sqrt(½Σ(√p - √q)²) of the values as given', () => {
      assert.equal(hellinger([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, 0);
      assert.equal(hellinger([1, 0], [0, 1]).value, 1);
      assert.equal(hellinger([4, 0], [0, 9], { normalize: false }).value, Math.sqrt(6.5));
      assert.equal(hellinger([4, 1], [1, 1], { normalize: false }).value, Math.sqrt(0.5));
    });

    it('keeps full relative accuracy where P ≈ Q (H² ≈ 1e-18), where sqrt(1 - Σ sqrt(pq)) gives 0', () => {
      // P = (½ + ε, ½ - ε), Q = (½ - ε, ½ + ε): H² = 1 - sqrt(1 - 4ε²) = 2ε² + 2ε⁴ + …
      const e = 2 ** -30;
      const v = hellinger([0.5 + e, 0.5 - e], [0.5 - e, 0.5 + e]).value;
      assert.ok(relativeError(v, Math.sqrt(2 * e * e + 2 * e ** 4)) < 4e-16, String(v));
    });
  });

  describeErrorContract('hellinger', hellinger);

  describe('properties (seeded)', () => {
    it('0 ≤ H ≤ 1; symmetric to the last bit; H(P, P) = 0', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const v = hellinger(p, q).value;
          return v >= 0 && v <= 1 && hellinger(q, p).value === v && hellinger(p, p).value === 0;
        }),
        PROPERTY_RUNS,
      );
    });

    it('H² = 1 - exp(-D_B) (Bhattacharyya), to 1e-15 relative (the well-conditioned direction of D_B = -ln(1 - H²))', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const h = hellinger(p, q).value;
          return close(h * h, -Math.expm1(-bhattacharyya(p, q).value), 1e-15, 1e-300);
        }),
        PROPERTY_RUNS,
      );
    });

    it('invariant to permutations (1e-15) and scaling (exact for powers of two, 1e-14 for any factor)', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, k, c) => {
          const v = hellinger(p, q).value;
          const order = permutation(p.length, seed);
          return (
            close(hellinger(permute(p, order), permute(q, order)).value, v, 1e-15, 1e-300) &&
            hellinger(p.map((x) => x * 2 ** k), q).value === v &&
            close(hellinger(p.map((x) => x * c), q).value, v, 1e-14, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
