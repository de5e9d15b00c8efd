import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { JEFFREYS_FORMULA_LATEX, jeffreys, klDivergence } from '../../../src/core';
import { errorScale, relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

const U = 2 ** -53;

describe('jeffreys (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('jeffreys')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('reports value, unit, base, normalisation with both sums, n and backend', () => {
      const r = jeffreys([1, 1], [9, 1]);
      assert.deepEqual({ ...r, value: 0 }, {
        measure: 'jeffreys',
        value: 0,
        unit: 'nats',
        base: Math.E,
        normalized: true,
        sums: { p: 2, q: 10 },
        n: 2,
        backend: 'ts',
      });
      assert.ok(relativeError(r.value, 0.4 * Math.log(9)) < 4e-16, String(r.value)); // 0.87888983093448779… (mpmath)
      assert.equal(jeffreys([0.5, 0.5], [0.9, 0.1], { base: 2 }).unit, 'bits');
      assert.equal(JEFFREYS_FORMULA_LATEX.startsWith('J(P, Q) = D_{\\mathrm{KL}}(P\\,\\|\\,Q) + D_{\\mathrm{KL}}(Q\\,\\|\\,P)'), true);
    });

    it('J(P, P) = 0 exactly; one zero against a positive value is +Infinity, in either array; 0 against 0 adds nothing', () => {
      assert.equal(jeffreys([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, 0);
      assert.equal(jeffreys([1, 0], [0.5, 0.5]).value, Infinity);
      assert.equal(jeffreys([0.5, 0.5], [1, 0]).value, Infinity);
      assert.equal(jeffreys([0, 0.5, 0.5], [0, 0.5, 0.5]).value, 0);
      // p > 0 = q stays infinite even where p/Σp is below the doubles after normalising huge counts.
      assert.equal(jeffreys([1e308, 1e308, 1e-300], [1, 1, 0]).value, Infinity);
      assert.equal(jeffreys([0, -800], [0, -Infinity], { input: 'log' }).value, Infinity);
    });

    it('normalize: false gives Σ (p - q) ln(p/q) of the values as given (≥ 0 too)', () => {
      const r = jeffreys([2, 1], [1, 1], { normalize: false });
      assert.equal(r.normalized, false);
      assert.ok(relativeError(r.value, Math.log(2)) < 4e-16);
    });
  });

  describeErrorContract('jeffreys', jeffreys);

  describe('properties (seeded)', () => {
    it('J ≥ 0 and J = D(P‖Q) + D(Q‖P) to 8u times both KL error scales', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const j = jeffreys(p, q).value;
          const sum = klDivergence(p, q).value + klDivergence(q, p).value;
          if (sum === Infinity) return j === Infinity;
          return j >= 0 && Math.abs(j - sum) <= 8 * U * (errorScale(p, q, true) + errorScale(q, p, true) + j);
        }),
        PROPERTY_RUNS,
      );
    });

    it('J(P, P) = 0; symmetric and invariant to permutations and scaling, to 1e-14 relative', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, c) => {
          const j = jeffreys(p, q).value;
          const order = permutation(p.length, seed);
          return (
            jeffreys(p, p).value === 0 &&
            close(jeffreys(q, p).value, j, 1e-14, 1e-300) &&
            close(jeffreys(permute(p, order), permute(q, order)).value, j, 1e-14, 1e-300) &&
            close(jeffreys(p.map((x) => x * c), q).value, j, 1e-14, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
