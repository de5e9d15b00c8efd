import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { CROSS_ENTROPY_FORMULA_LATEX, crossEntropy, entropy, klDivergence } from '../../../src/core';
import { errorScale, relativeError } from './klFixtures';
import { close, pair, permutation, permute, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

const U = 2 ** -53;

describe('crossEntropy (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('cross-entropy')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it('reports value, unit, base, normalisation with both sums, n and backend', () => {
      const r = crossEntropy([2, 2], [9, 1], { base: 2 });
      // -½ log2 0.09 = 1.73696559416620616… (mpmath)
      assert.ok(relativeError(r.value, 1.7369655941662061664) < 4e-16, String(r.value));
      assert.deepEqual(r, {
        measure: 'cross-entropy',
        value: r.value,
        unit: 'bits',
        base: 2,
        normalized: true,
        sums: { p: 4, q: 10 },
        n: 2,
        backend: 'ts',
      });
      // -½ ln 0.09 = 1.20397280432593595… (mpmath)
      assert.ok(relativeError(crossEntropy([0.5, 0.5], [0.9, 0.1]).value, 1.203972804325935952) < 4e-16);
      assert.equal(CROSS_ENTROPY_FORMULA_LATEX, 'H(P, Q) = -\\sum_i p_i \\log q_i = H(P) + D_{\\mathrm{KL}}(P\\,\\|\\,Q)');
    });

    it('p = 0 adds nothing whatever q is; p > 0 with q = 0 is +Infinity, raw or normalised', () => {
      assert.equal(crossEntropy([0, 1], [0, 1]).value, 0);
      assert.equal(crossEntropy([1, 0], [0.5, 0.5], { base: 2 }).value, 1);
      for (const normalize of [true, false]) assert.equal(crossEntropy([0.5, 0.5], [1, 0], { normalize }).value, Infinity);
      assert.equal(crossEntropy([0, 0], [0, -Infinity], { input: 'log', normalize: false }).value, Infinity);
      // A subnormal p_i beside a huge one (the sums are rescaled): still +Infinity where q_i = 0, never NaN.
      for (const normalize of [true, false]) assert.equal(crossEntropy([1e289, 5e-324], [1, 0], { normalize }).value, Infinity);
    });

    it('H(P, P) = H(P); normalize: false gives -Σ p ln q of the values as given', () => {
      assert.equal(crossEntropy([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]).value, entropy([0.2, 0.3, 0.5]).value);
      assert.equal(crossEntropy([1e-300, 1], [1e-300, 1]).value, entropy([1e-300, 1]).value);
      const raw = crossEntropy([3, 1, 0, 6], [2, 2, 1, 5], { normalize: false });
      assert.equal(raw.normalized, false);
      assert.deepEqual(raw.sums, { p: 10, q: 10 });
      assert.ok(relativeError(raw.value, -(3 * Math.log(2) + Math.log(2) + 6 * Math.log(5))) < 1e-15);
      const rawLog = crossEntropy([3, 1, 6].map(Math.log), [2, 2, 5].map(Math.log), { input: 'log', normalize: false });
      assert.ok(relativeError(rawLog.value, -(3 * Math.log(2) + Math.log(2) + 6 * Math.log(5))) < 1e-14);
    });

    it("logits: softmax first, invariant to shifts", () => {
      const r = crossEntropy([1, 2, 3], [3, 2, 1], { input: 'logits' });
      assert.equal(r.value, crossEntropy([11, 12, 13], [-7, -8, -9], { input: 'logits' }).value);
      assert.deepEqual(r.sums, { p: 1, q: 1 });
    });
  });

  describeErrorContract('crossEntropy', crossEntropy);

  describe('properties (seeded)', () => {
    it('H(P, Q) = H(P) + D(P‖Q) ≥ H(P) ≥ 0, to 8u·(H(P, Q) + KL\'s error scale)', () => {
      fc.assert(
        fc.property(pair, ([p, q]) => {
          const h = crossEntropy(p, q).value;
          const hp = entropy(p).value;
          const d = klDivergence(p, q).value;
          if (d === Infinity) return h === Infinity;
          return h >= hp && Math.abs(h - (hp + d)) <= 8 * U * (h + errorScale(p, q, true));
        }),
        PROPERTY_RUNS,
      );
    });

    it('is invariant to permutations (1e-15) and scaling (exact for powers of two, 1e-15 for any factor)', () => {
      fc.assert(
        fc.property(pair, fc.nat(), fc.integer({ min: -60, max: 60 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ([p, q], seed, k, c) => {
          const h = crossEntropy(p, q).value;
          const order = permutation(p.length, seed);
          return (
            close(crossEntropy(permute(p, order), permute(q, order)).value, h, 1e-15, 1e-300) &&
            crossEntropy(p, q.map((x) => x * 2 ** k)).value === h &&
            close(crossEntropy(p.map((x) => x * c), q.map((x) => x / c)).value, h, 1e-15, 1e-300)
          );
        }),
        PROPERTY_RUNS,
      );
    });
  });
});
