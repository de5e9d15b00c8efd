import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { BHATTACHARYYA_FORMULA_LATEX, bhattacharyya, renyi } from '../../../src/core';
import { relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

describe('bhattacharyya (TS reference)', () => {
  describe('against numpy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('bhattacharyya')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('is in nats by default (any base), with normalisation and both sums', () => {
      const r = bhattacharyya([1, 1], [9, 1]);
      // -ln(sqrt(0.45) + sqrt(0.05)) = 0.11157177565710486169… (mpmath)
      assert.ok(relativeError(r.value, 0.11157177565710486169) < 4e-16, String(r.value));
      assert.deepEqual(r, {
        measure: 'bhattacharyya',
        value: r.value,
        unit: 'nats',
        base: Math.E,
        normalized: true,
        sums: { p: 2, q: 10 },
        n: 2,
        backend: 'ts',
      });
      assert.equal(bhattacharyya([1, 1], [9, 1], { base: 2 }).value, r.value / Math.LN2);
      assert.equal(BHATTACHARYYA_FORMULA_LATEX, 'D_B(P, Q) = -\\ln \\sum_i \\sqrt{p_i q_i}');
    });

    it('is 0 for identical inputs, +Infinity for disjoint supports only (never NaN)', () => {
      assert.equal(bhattacharyya([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, 0);
      assert.equal(bhattacharyya([1, 0], [0, 1]).value, Infinity);
      assert.equal(bhattacharyya([1, 0], [0, 1], { normalize: false }).value, Infinity);
      assert.equal(bhattacharyya([0, -Infinity], [-Infinity, 0], { input: 'log' }).value, Infinity);
      // Overlap only where P is below 2^-1074 after normalising: tiny, not zero. sqrt(p̂ q̂) = sqrt(1e-320/1e10).
      const v = bhattacharyya([1e10, 1e-320], [0, 1]).value;
      assert.ok(relativeError(v, -0.5 * (Math.log(1e-320) - Math.log(1e10 + 1e-320))) < 1e-3, String(v));
    });

    it('keeps full relative accuracy where P ≈ Q (D_B ≈ 2ε² = 2^-59), where -ln Σ sqrt(pq) keeps noise', () => {
      // D_B = -½ ln(1 - 4ε²) = 2ε² + 4ε⁴ + … for P = (½ + ε, ½ - ε), Q = (½ - ε, ½ + ε).
      const e = 2 ** -30;
      const v = bhattacharyya([0.5 + e, 0.5 - e], [0.5 - e, 0.5 + e]).value;
      assert.ok(relativeError(v, 2 * e * e + 4 * e ** 4) < 4e-16, String(v));
    });

    it('normalize: false gives -ln Σ sqrt(p q) of the values as given (may be negative)', () => {
      assert.ok(relativeError(bhattacharyya([4, 1], [1, 1], { normalize: false }).value, -Math.log(3)) < 4e-16);
      // Near 1 it is computed as -log1p(½(Σp - 1) + ½(Σq - 1) - H²): exact here.
      const r = bhattacharyya([0.5, 0.5 + 2 ** -40], [0.5, 0.5], { normalize: false }).value;
      const exact = -Math.log1p(Math.sqrt(0.25 + 2 ** -41) + 0.5 - 1); // sqrt(0.5(0.5 + 2^-40)) = ½sqrt(1 + 2^-39)
      assert.ok(relativeError(r, exact) < 1e-6, `${r} vs ${exact}`);
    });
  });

  describeErrorContract('bhattacharyya', bhattacharyya);

  describe('properties (seeded)', () => {
    it('D_B ≥ 0, symmetric to the last bit, D_B(P, P) = 0; D_B = ½·D_{1/2} (Rényi), to 1e-14', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const v = bhattacharyya(p, q).value;
          const half = renyi(p, q, { alpha: 0.5 }).value;
          return v >= 0 && bhattacharyya(q, p).value === v && bhattacharyya(p, p).value === 0 && close(v, 0.5 * half, 1e-14, 1e-300);
        }),
        PROPERTY_RUNS,
      );
    });

    it('invariant to permutations (1e-15) and scaling (exact for powers of two, 1e-14 for any factor)', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, k, c) => {
          const v = bhattacharyya(p, q).value;
          const order = permutation(p.length, seed);
          return (
            close(bhattacharyya(permute(p, order), permute(q, order)).value, v, 1e-15, 1e-300) &&
            bhattacharyya(p.map((x) => x * 2 ** k), q).value === v &&
            close(bhattacharyya(p.map((x) => x * c), q).value, v, 1e-14, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
