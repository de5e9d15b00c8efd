import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { KS_FORMULA_LATEX, KS_MAX_EXACT_N, ksTest } from '../../../src/core/ksTest';
import { checkClose, describeSample, expandSample, loadSampleFixtures } from './samplesFixtures';

describe('ksTest (two-sample Kolmogorov–Smirnov)', () => {
  describe('against scipy.stats.ks_2samp (method auto, two-sided)', () => {
    for (const c of loadSampleFixtures().ks) {
      it(`${c.name} (${c.method}${c.note ? `; ${c.note}` : ''})`, () => {
        const p = expandSample(c.p);
        const q = expandSample(c.q);
        const inputs = `P = ${describeSample(c.p, p)}, Q = ${describeSample(c.q, q)}`;
        const r = ksTest(p, q);
        assert.equal(r.method, c.method, `${c.name}: method`);
        checkClose(`${c.name}: statistic`, inputs, c.statistic, r.statistic, 1e-15);
        checkClose(`${c.name}: p-value`, inputs, c.pvalue, r.pvalue, c.rtol, 1e-300);
        assert.equal(r.location, c.location, `${c.name}: location`);
        assert.equal(r.sign, c.sign, `${c.name}: sign`);
        assert.equal(r.n, p.length);
        assert.equal(r.m, q.length);
      });
    }
  });

  describe('result', () => {
    it('labels itself a test and gives the statistic, p-value, method, location and sign', () => {
      assert.deepEqual(ksTest([1, 2, 3], [4, 5, 6]), {
        measure: 'ks',
        kind: 'test',
        statistic: 1,
        pvalue: 0.09999999999999999,
        method: 'exact',
        location: 3,
        sign: 1,
        n: 3,
        m: 3,
      });
      assert.equal(KS_MAX_EXACT_N, 10000);
      assert.ok(KS_FORMULA_LATEX.includes('\\sup_x'));
    });

    it('identical samples give D = 0 and p = 1', () => {
      const r = ksTest([3, 1, 2, 2], [2, 3, 2, 1]);
      assert.equal(r.statistic, 0);
      assert.equal(r.pvalue, 1);
    });

    it('switches to the asymptotic p-value above 10000 values in a sample', () => {
      const big = Float64Array.from({ length: KS_MAX_EXACT_N + 1 }, (_, i) => i / KS_MAX_EXACT_N);
      assert.equal(ksTest(big, [0.25, 0.5, 0.75]).method, 'asymptotic');
      assert.equal(ksTest(big.subarray(1), [0.25, 0.5, 0.75]).method, 'exact');
    });
  });

  describe('errors', () => {
    it('empty samples and non-finite values, naming the sample and index', () => {
      assert.throws(() => ksTest([], [1]), { code: 'empty-input', location: { array: 'P' } });
      assert.throws(() => ksTest([1], []), { code: 'empty-input', location: { array: 'Q' } });
      assert.throws(() => ksTest([1, NaN], [1]), (e: unknown) => {
        assert.ok(e instanceof DivergenceError);
        assert.equal(e.code, 'invalid-value');
        assert.deepEqual(e.location, { array: 'P', index: 1 });
        assert.equal(e.message, 'P[1] is NaN: sample values must be finite');
        return true;
      });
      assert.throws(() => ksTest([1], [2, -Infinity]), { code: 'invalid-value', location: { array: 'Q', index: 1 } });
    });
  });

  describe('properties (seeded)', () => {
    const sample = fc.array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 })), {
      minLength: 1,
      maxLength: 60,
    });

    it('statistic in [0, 1], p-value in [0, 1], never NaN', () => {
      fc.assert(
        fc.property(sample, sample, (p, q) => {
          const r = ksTest(p, q);
          return r.statistic >= 0 && r.statistic <= 1 && r.pvalue >= 0 && r.pvalue <= 1;
        }),
        { seed: 20240611, numRuns: 400 },
      );
    });

    it('swapping P and Q keeps the statistic and p-value (the sign flips unless the two sides tie)', () => {
      fc.assert(
        fc.property(sample, sample, (p, q) => {
          const a = ksTest(p, q);
          const b = ksTest(q, p);
          return a.statistic === b.statistic && a.pvalue === b.pvalue;
        }),
        { seed: 20240612, numRuns: 300 },
      );
    });
  });
});
