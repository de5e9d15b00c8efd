import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { wasserstein, WASSERSTEIN_FORMULA_LATEX } from '../../../src/core/wasserstein';
import { checkClose, describeSample, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('wasserstein (1-D Wasserstein-1)', () => {
  describe('against scipy.stats.wasserstein_distance', () => {
    for (const c of loadSampleFixtures().wasserstein) {
      it(`${c.name}${c.pWeights || c.qWeights ? ' (weighted)' : ''}`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const pWeights = c.pWeights ? expandSample(c.pWeights) : undefined;
        const qWeights = c.qWeights ? expandSample(c.qWeights) : undefined;
        const r = wasserstein(p, q, { pWeights, qWeights });
        checkClose(c.name, `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`, c.value, r.value, c.rtol, c.atol);
        assert.equal(r.weighted, Boolean(pWeights || qWeights));
      });
    }
  });

  it('reports a distance with the sizes', () => {
    assert.deepEqual(wasserstein([0, 1, 3], [5, 6, 8]), { measure: 'wasserstein', kind: 'distance', value: 5, weighted: false, n: 3, m: 3 });
    assert.ok(WASSERSTEIN_FORMULA_LATEX.startsWith('W_1'));
  });

  it('errors: empty, non-finite values, bad weights', () => {
    assert.throws(() => wasserstein([], [1]), { code: 'empty-input', location: { array: 'P' } });
    assert.throws(() => wasserstein([1, NaN], [1]), { code: 'invalid-value', location: { array: 'P', index: 1 } });
    assert.throws(() => wasserstein([1, 2], [1], { pWeights: [1] }), { code: 'length-mismatch', message: 'P has 2 values and 1 weight' });
    assert.throws(() => wasserstein([1, 2], [1], { pWeights: [1, -1] }), {
      code: 'invalid-value',
      location: { array: 'pWeights', index: 1 },
      message: 'pWeights[1] is -1: weights must be finite and non-negative',
    });
    assert.throws(() => wasserstein([1, 2], [1], { qWeights: [NaN] }), { code: 'invalid-value', location: { array: 'qWeights', index: 0 } });
    assert.throws(() => wasserstein([1, 2], [1], { qWeights: [Infinity] }), { code: 'invalid-value' });
    assert.throws(() => wasserstein([1, 2], [1], { pWeights: [0, 0] }), { code: 'zero-sum', location: { array: 'pWeights' } });
    assert.throws(() => wasserstein([1, 2], [1], { pWeights: [1e308, 1e308] }), { code: 'invalid-value', message: /sum to more than/ });
  });

  describe('properties (seeded)', () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    const sample = fc.array(value, { minLength: 1, maxLength: 50 });

    it('symmetric, ≥ 0, and 0 on identical samples (in any order)', () => {
      fc.assert(
        fc.property(sample, sample, (p, q) => {
          const a = wasserstein(p, q).value;
          return a >= 0 && a === wasserstein(q, p).value && wasserstein(p, [...p].reverse()).value === 0;
        }),
        { seed: 20240614, numRuns: 300 },
      );
    });

    it('equal weights give the unweighted distance; shifting both samples leaves it unchanged (to rounding)', () => {
      fc.assert(
        fc.property(sample, sample, fc.integer({ min: -100, max: 100 }), (p, q, shift) => {
          const a = wasserstein(p, q).value;
          const w = wasserstein(p, q, { pWeights: p.map(() => 3), qWeights: q.map(() => 0.5) }).value;
          const s = wasserstein(p.map((x) => x + shift), q.map((x) => x + shift)).value;
          const scale = Math.max(...p.map(Math.abs), ...q.map(Math.abs), 1);
          return Math.abs(w - a) <= 1e-12 * scale && Math.abs(s - a) <= 1e-12 * (scale + 100);
        }),
        { seed: 20240615, numRuns: 200 },
      );
    });
  });
});
