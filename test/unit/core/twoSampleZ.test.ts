import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { twoSampleZ, Z_TEST_FORMULA_LATEX } from '../../../src/core/twoSampleZ';
import { checkMeanTestFixture, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('twoSampleZ (z-test of means, ddof = 1 variances)', () => {
  describe('against 2·scipy.stats.norm.sf(|z|) with numpy.var(ddof=1), and the exact statistic', () => {
    for (const c of loadSampleFixtures().ztest) {
      it(c.name, () => checkMeanTestFixture(c, twoSampleZ(expandSample(c.p), expandSample(c.q))));
    }
  });

  it('reports the test, its parts and the formula', () => {
    const r = twoSampleZ([1, 2, 3, 4], [2, 3, 4, 5, 6]);
    assert.equal(r.measure, 'ztest');
    assert.equal(r.kind, 'test');
    assert.equal(r.meanDifference, -1.5);
    assert.deepEqual(r.means, { p: 2.5, q: 4 });
    assert.deepEqual(r.variances, { p: 5 / 3, q: 2.5 });
    assert.equal(r.standardError, Math.sqrt(5 / 3 / 4 + 2.5 / 5));
    assert.equal(r.statistic, -1.5 / r.standardError);
    assert.equal(r.n, 4);
    assert.equal(r.m, 5);
    assert.ok(Z_TEST_FORMULA_LATEX.startsWith('z = '));
  });

  it('keeps the digits of a difference of large, nearly equal means', () => {
    // Means 1e9 + 1.5 and 1e9 + 2: the difference −0.5 exactly, variance 1/3 + … of each.
    const r = twoSampleZ([1e9 + 1, 1e9 + 2], [1e9 + 1.5, 1e9 + 2.5]);
    assert.equal(r.meanDifference, -0.5);
    assert.equal(r.statistic, -0.5 / Math.sqrt(0.5 / 2 + 0.5 / 2));
  });

  describe('errors and properties', () => {
    it('too few values, non-finite values, constant samples', () => {
      assert.throws(() => twoSampleZ([], [1, 2]), { code: 'empty-input', location: { array: 'P' } });
      assert.throws(() => twoSampleZ([1], [1, 2]), { code: 'invalid-parameter', location: { array: 'P' } });
      assert.throws(() => twoSampleZ([1, 2], [3]), (e: Error) => /Q has 1 value: .* needs at least 2 values in each sample/.test(e.message));
      assert.throws(() => twoSampleZ([1, 2], [3, Infinity]), { code: 'invalid-value', location: { array: 'Q', index: 1 } });
      assert.throws(() => twoSampleZ([2, 2], [3, 3, 3]), { code: 'invalid-value', message: /both constant/ });
    });

    it('p in [0, 1], statistic antisymmetric under swapping P and Q (seeded)', () => {
      // Values whose squared differences do not underflow (else the variance is 0: an error, tested above).
      const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-100);
      const sample = fc.array(value, { minLength: 2, maxLength: 40 }).filter((x) => x.some((v) => v !== x[0]));
      fc.assert(
        fc.property(sample, sample, (p, q) => {
          const a = twoSampleZ(p, q);
          const b = twoSampleZ(q, p);
          return a.pvalue >= 0 && a.pvalue <= 1 && a.statistic === -b.statistic && a.pvalue === b.pvalue;
        }),
        { seed: 20240613, numRuns: 300 },
      );
    });
  });
});
