import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { klDivergence, TOTAL_VARIATION_FORMULA_LATEX, totalVariation } from '../../../src/core';
import { relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

describe('totalVariation (TS reference)', () => {
  describe('against numpy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('tv')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('has no unit and no base; reports normalisation with both sums', () => {
      assert.deepEqual(totalVariation([1, 3], [2, 2], { base: 2 }), {
        measure: 'tv',
        value: 0.25,
        normalized: true,
        sums: { p: 4, q: 4 },
        n: 2,
        backend: 'ts',
      });
      assert.equal(totalVariation([0.5, 0.5], [0.9, 0.1]).value, 0.4);
      assert.equal(TOTAL_VARIATION_FORMULA_LATEX, '\\delta(P, Q) = \\tfrac12 \\sum_i \\lvert p_i - q_i \\rvert');
    });

    it('is 0 for identical inputs, 1 for disjoint supports; raw is ½Σ|p - q| of the values as given', () => {
      assert.equal(totalVariation([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, 0);
      assert.equal(totalVariation([1, 0, 0], [0, 0.25, 0.75]).value, 1);
      assert.equal(totalVariation([3, 1], [1, 1], { normalize: false }).value, 1);
      // Sums beyond the doubles: scaled by 2^-64 and back, exactly.
      assert.equal(totalVariation([1e308, 1e308], [1e308, 0], { normalize: false }).value, 5e307);
      assert.equal(totalVariation([1e308, 1e308], [1e308, 0]).value, 0.5);
    });

    it('still checks the base (one options object serves every measure) without changing the value', () => {
      assert.throws(() => totalVariation([1], [1], { base: 0 }), { code: 'invalid-parameter' });
      assert.equal(totalVariation([0.5, 0.5], [0.9, 0.1], { base: 10 }).value, 0.4);
    });

    it('normalises sums that differ by a factor of 3 without losing digits where P ≈ Q', () => {
      // q = 3p but for one element moved by 3·2^-40, so s_p = 1 and s_q = 3(1 + 2^-40); in exact rationals
      // TV = ½Σ|p_i - q_i/s_q| = 2^-40·(3/4)/(1 + 2^-40). It needs p_i·s_q - q_i·s_p exactly: rounding the
      // sums would leave an error near 1e-16 absolute, 1e-4 relative.
      const p = [0.25, 0.5, 0.125, 0.125];
      const q = p.map((x) => 3 * x);
      q[0] = q[0]! + 3 * 2 ** -40;
      const exact = (2 ** -40 * 0.75) / (1 + 2 ** -40);
      const v = totalVariation(p, q).value;
      assert.ok(relativeError(v, exact) < 4e-16, `${v} vs ${exact}`);
    });
  });

  describeErrorContract('totalVariation', totalVariation);

  describe('properties (seeded)', () => {
    it("0 ≤ TV ≤ 1; Pinsker: TV ≤ sqrt(D/2) (D in nats), to 1e-15", () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const tv = totalVariation(p, q).value;
          const bound = klDivergence(p, q).pinskerTvBound;
          return tv >= 0 && tv <= 1 && tv <= bound * (1 + 1e-15) + 1e-300;
        }),
        PROPERTY_RUNS,
      );
    });

    it('symmetric to the last bit; invariant to permutations (1e-15) and scaling (exact for powers of two, 1e-14 for any factor)', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, k, c) => {
          const v = totalVariation(p, q).value;
          const order = permutation(p.length, seed);
          return (
            totalVariation(q, p).value === v &&
            totalVariation(p, p).value === 0 &&
            close(totalVariation(permute(p, order), permute(q, order)).value, v, 1e-15, 1e-300) &&
            totalVariation(p.map((x) => x * 2 ** k), q).value === v &&
            close(totalVariation(p.map((x) => x * c), q).value, v, 1e-14, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
