import { strict as assert } from 'node:assert';
import { ksTwoSidedSf, smirnovSf } from '../../../src/core/ksDistribution';
import { checkClose, jsonNumber, loadSampleFixtures } from './samplesFixtures';

const fixtures = loadSampleFixtures();

describe('ksDistribution', () => {
  describe('ksTwoSidedSf (scipy.stats.kstwo.sf)', () => {
    const byMethod = new Map<string, [number, number, number][]>();
    for (const [n, x, sf, method] of fixtures.kstwo) {
      if (!byMethod.has(method)) byMethod.set(method, []);
      byMethod.get(method)!.push([n, x, jsonNumber(sf)]);
    }
    for (const [method, rows] of byMethod) {
      it(`matches SciPy by ${method} on ${rows.length} points (5e-12 relative)`, () => {
        for (const [n, x, expected] of rows) checkClose(`kstwo.sf (${method})`, `n = ${n}, x = ${x}`, expected, ksTwoSidedSf(n, x), 5e-12);
      });
    }

    it('bounds, closed forms and domain', () => {
      assert.equal(ksTwoSidedSf(10, 0), 1);
      assert.equal(ksTwoSidedSf(10, 1), 0);
      assert.equal(ksTwoSidedSf(10, 0.04), 1); // n·x ≤ ½
      // n·x ≥ n − 1: 2(1 − x)^n.
      assert.equal(ksTwoSidedSf(10, 0.95), 2 * Math.pow(1 - 0.95, 10));
      checkClose('kstwo.sf(0.7, 1)', 'n = 1: 2(1 − x)', 0.6, ksTwoSidedSf(1, 0.7), 4e-16);
      assert.ok(Number.isNaN(ksTwoSidedSf(0, 0.5)));
      assert.ok(Number.isNaN(ksTwoSidedSf(2.5, 0.5)));
    });
  });

  describe('smirnovSf (scipy.special.smirnov)', () => {
    it(`matches SciPy on ${fixtures.smirnov.length} points (4e-16 relative: the same double-double sums)`, () => {
      for (const [n, x, sf] of fixtures.smirnov) checkClose('smirnov', `n = ${n}, x = ${x}`, jsonNumber(sf), smirnovSf(n, x), 4e-16);
    });

    it('closed forms: n = 1, x = 0, x = 1, and x ≥ 1 − 1/n', () => {
      assert.equal(smirnovSf(1, 0.3), 0.7);
      assert.equal(smirnovSf(5, 0), 1);
      assert.equal(smirnovSf(5, 1), 0);
      // (1 − x)^n for the double x = 0.9000000000000000222: 9.99999999999998889…e-6 (mpmath).
      checkClose('smirnov(5, 0.9)', '(1 − x)^n', 9.999999999999989e-6, smirnovSf(5, 0.9), 2e-16);
      assert.ok(Number.isNaN(smirnovSf(5, 1.5)));
    });
  });
});
