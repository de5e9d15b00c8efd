import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { welchT, WELCH_T_FORMULA_LATEX } from '../../../src/core/welchT';
import { checkClose, checkMeanTestFixture, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('welchT (Welch’s t-test)', () => {
  describe('against scipy.stats.ttest_ind(equal_var=False), and the exact statistic', () => {
    for (const c of loadSampleFixtures().welch) {
      it(`${c.name} (df ${c.df!.toPrecision(4)})`, () => checkMeanTestFixture(c, welchT(expandSample(c.p), expandSample(c.q))));
    }
  });

  it('reports the test, df and the formula', () => {
    const r = welchT([1, 2, 3, 4], [2, 3, 4, 5, 6]);
    assert.equal(r.measure, 'welch');
    assert.equal(r.kind, 'test');
    checkClose('df', 'docs example', 6.980769230769231, r.df, 1e-15);
    assert.ok(WELCH_T_FORMULA_LATEX.includes('\\nu'));
  });

  it('one constant sample: ν = (size of the other) − 1', () => {
    const r = welchT([5, 5, 5], [1, 2, 3, 4]);
    assert.equal(r.df, 3);
  });

  describe('errors and properties', () => {
    it('too few values, non-finite values, constant samples', () => {
      assert.throws(() => welchT([], [1, 2]), { code: 'empty-input', location: { array: 'P' } });
      assert.throws(() => welchT([1], [1, 2]), { code: 'invalid-parameter', location: { array: 'P' } });
      assert.throws(() => welchT([1, 2], [3]), (e: Error) => /Q has 1 value: .* needs at least 2 values in each sample/.test(e.message));
      assert.throws(() => welchT([1, 2], [3, Infinity]), { code: 'invalid-value', location: { array: 'Q', index: 1 } });
      assert.throws(() => welchT([2, 2], [3, 3, 3]), { code: 'invalid-value', message: /both constant/ });
    });

    it('p in [0, 1], statistic antisymmetric under swapping P and Q (seeded)', () => {
      // Values whose squared differences do not underflow (else the variance is 0: an error, tested above).
      const value = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-100);
      const sample = fc.array(value, { minLength: 2, maxLength: 40 }).filter((x) => x.some((v) => v !== x[0]));
      fc.assert(
        fc.property(sample, sample, (p, q) => {
          const a = welchT(p, q);
          const b = welchT(q, p);
          return a.pvalue >= 0 && a.pvalue <= 1 && a.statistic === -b.statistic && a.pvalue === b.pvalue;
        }),
        { seed: 20240613, numRuns: 300 },
      );
    });
  });
});
