import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { JS_DISTANCE_FORMULA_LATEX, jsDistance, jsDivergence } from '../../../src/core';
import { relativeError } from './klFixtures';
import { pair, PROPERTY_RUNS } from './measureArbitraries';
import { checkMeasureFixture, computeFixture, fixturesOf, fixtureTitle } from './measureFixtures';
import { describeErrorContract } from './pairMeasureContract';

describe('jsDistance (TS reference)', () => {
  describe('against SciPy and 50-digit mpmath fixtures', () => {
    for (const c of fixturesOf('js-distance')) it(fixtureTitle(c), () => checkMeasureFixture(c, computeFixture(c)));
  });

  describe('result and conventions', () => {
    it("SciPy's examples: 0.4645014040224590… nats, 1 in base 2 for disjoint supports; unit sqrt(<unit>)", () => {
      const r = jsDistance([1, 0], [0.5, 0.5]);
      assert.ok(relativeError(r.value, 0.4645014040224590059) < 4e-16, String(r.value));
      assert.deepEqual(r, {
        measure: 'js-distance',
        value: r.value,
        unit: 'sqrt(nats)',
        base: Math.E,
        normalized: false,
        sums: { p: 1, q: 1 },
        n: 2,
        backend: 'ts',
      });
      const bits = jsDistance([1, 0, 0], [0, 1, 0], { base: 2 });
      assert.deepEqual([bits.value, bits.unit], [1, 'sqrt(bits)']);
      assert.equal(jsDistance([1, 0, 0], [1, 0, 0]).value, 0);
      assert.equal(JS_DISTANCE_FORMULA_LATEX, 'd_{\\mathrm{JS}}(P, Q) = \\sqrt{\\mathrm{JSD}(P\\,\\|\\,Q)}');
    });

    it('is never NaN where SciPy\'s jensenshannon is (near-equal inputs whose summed rel_entr rounds negative)', () => {
      const p = [0.3, 0.3, 0.4];
      const q = [0.3 * (1 + 2e-16), 0.3, 0.4 * (1 - 1e-16)];
      const v = jsDistance(p, q).value;
      assert.ok(v >= 0 && v < 1e-15, String(v));
    });
  });

  describeErrorContract('jsDistance', jsDistance);

  describe('properties (seeded)', () => {
    it('is the square root of jsDivergence in the same base, to the last bit; ≤ sqrt(ln 2); symmetric', () => {
      fc.assert(
        fc.property(pair, fc.constantFrom<number | string>('e', 2, 10, 3.5), ([p, q], base) => {
          const d = jsDistance(p, q, { base }).value;
          return d === Math.sqrt(jsDivergence(p, q, { base }).value) && d === jsDistance(q, p, { base }).value && (base !== 'e' || d <= Math.sqrt(Math.LN2));
        }),
        PROPERTY_RUNS,
      );
    });

    it('satisfies the triangle inequality (it is a metric), to 1e-15', () => {
      const triple = fc.integer({ min: 1, max: 20 }).chain((n) => {
        const d = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).filter((x) => x.some((v) => v > 0));
        return fc.tuple(d, d, d);
      });
      fc.assert(
        fc.property(triple, ([p, q, r]) => jsDistance(p, r).value <= (jsDistance(p, q).value + jsDistance(q, r).value) * (1 + 1e-15) + 1e-300),
        PROPERTY_RUNS,
      );
    });
  });
});
