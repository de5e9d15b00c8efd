import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { logRatio, NeumaierSum, neumaierSum, xlogy } from '../../../src/core/numeric';
import { loadLogRatioFixtures, ulp } from './klFixtures';

describe('logRatio', () => {
  const rows = loadLogRatioFixtures();

  it(`is within 2 ulp of ln(p/q) on ${rows.length} pairs from 60-digit mpmath (subnormals, 1e-300 vs 1e300, near-equal)`, () => {
    let worst = 0;
    let worstRow: number[] = [];
    for (const [p, q, rounded, residual] of rows) {
      const actual = logRatio(p, q);
      // (actual - rounded) is exact (both near the same value); subtracting the residual gives the true error.
      const errorUlps = Math.abs(actual - rounded - residual) / ulp(rounded);
      if (errorUlps > worst) {
        worst = errorUlps;
        worstRow = [p, q, rounded, actual];
      }
    }
    assert.ok(
      worst <= 2,
      `worst error ${worst.toFixed(3)} ulp: p = ${worstRow[0]}, q = ${worstRow[1]}, expected ${worstRow[2]}, actual ${worstRow[3]}, ` +
        `delta ${worstRow[3]! - worstRow[2]!}`,
    );
  });

  it('is exactly 0 for p = q, and exact at powers of two', () => {
    for (const x of [5e-324, 1e-310, 2.2250738585072014e-308, 0.1, 1, 3, 1e300, 1.7976931348623157e308]) {
      assert.equal(logRatio(x, x), 0, `logRatio(${x}, ${x})`);
    }
    assert.equal(logRatio(2, 1), Math.LN2);
    assert.equal(logRatio(1, 2), -Math.LN2);
    assert.equal(logRatio(1024, 1), 10 * Math.LN2);
  });

  it('has the documented examples: ln(0.36 / (1/3)), ln(3·2^-1/1)', () => {
    assert.equal(logRatio(0.36, 1 / 3), 0.07696104113612834);
    assert.equal(logRatio(3, 1, -1), Math.log(1.5));
  });

  it('with an exponent offset e is ln(p·2^e/q), within 2 ulp even where e·ln 2 cancels the rest', () => {
    const rows = loadLogRatioFixtures();
    let worst = 0;
    for (const [p, q, rounded, residual] of rows) {
      if (!(p >= 1e-250 && p <= 1e250 && q >= 1e-250 && q <= 1e250)) continue;
      // ln((p·2^e)/q) for p·2^e exactly representable: the fixture's value for (p·2^e, q).
      for (const e of [-40, -1, 1, 3, 40]) {
        const actual = logRatio(p / 2 ** e, q, e);
        const errorUlps = Math.abs(actual - rounded - residual) / ulp(rounded);
        worst = Math.max(worst, errorUlps);
        assert.ok(errorUlps <= 2, `logRatio(${p / 2 ** e}, ${q}, ${e}) = ${actual}, expected ${rounded}: ${errorUlps} ulp`);
      }
    }
  });

  it('handles the cases Math.log(p / q) cannot: overflowing and underflowing ratios', () => {
    const expected = Math.log(1e-300) - Math.log(1e300);
    assert.ok(Math.abs(logRatio(1e-300, 1e300) - expected) <= 4 * ulp(expected), `${logRatio(1e-300, 1e300)} vs ${expected}`);
    assert.equal(Math.log(1e-300 / 1e300), -Infinity); // why logRatio exists
    assert.ok(Number.isFinite(logRatio(1.7976931348623157e308, 5e-324)));
  });

  it('is antisymmetric to within 1 ulp', () => {
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1e300, noNaN: true }), fc.double({ min: 5e-324, max: 1e300, noNaN: true }), (p, q) => {
        const a = logRatio(p, q);
        const b = logRatio(q, p);
        return Math.abs(a + b) <= ulp(a);
      }),
    );
  });

  it('falls back sensibly outside (0, Infinity): -Infinity, Infinity, NaN', () => {
    assert.equal(logRatio(0, 1), -Infinity);
    assert.equal(logRatio(1, 0), Infinity);
    assert.ok(Number.isNaN(logRatio(0, 0)));
    assert.ok(Number.isNaN(logRatio(-1, 1)));
    assert.ok(Number.isNaN(logRatio(NaN, 1)));
  });
});

describe('NeumaierSum', () => {
  it('keeps what naive summation loses (the documented example)', () => {
    const s = new NeumaierSum();
    for (const x of [1, 1e100, 1, -1e100]) s.add(x);
    assert.equal(s.value, 2);
  });

  it('equals the exactly rounded sum of 0.1 taken 10 times', () => {
    assert.equal(neumaierSum(new Array<number>(10).fill(0.1)), 1);
  });

  it('keeps infinities apart instead of turning them into NaN', () => {
    assert.equal(neumaierSum([1, Infinity, 2]), Infinity);
    assert.equal(neumaierSum([1e308, 1e308]), Infinity);
    assert.ok(Number.isNaN(neumaierSum([Infinity, -Infinity])));
  });
});

describe('xlogy', () => {
  it('is 0 for x = 0 (0·log 0 = 0) and x·ln y otherwise', () => {
    assert.equal(xlogy(0, 0), 0);
    assert.equal(xlogy(0, 5), 0);
    assert.equal(xlogy(2, Math.E), 2);
    assert.equal(xlogy(3, 0), -Infinity);
    assert.ok(Number.isNaN(xlogy(0, NaN)));
  });
});
