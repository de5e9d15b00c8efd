import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { preparePair, type DistributionPair } from '../../../src/core/distributionPair';
import { binaryExponent, logSumExpParts, powerOfTwoFactors } from '../../../src/core/distributionInput';
import { productError } from '../../../src/core/numeric';
import { PROPERTY_RUNS } from './measureArbitraries';

interface Visited {
  p: number;
  q: number;
  difference: number;
  lnRatio: number;
}

function visit(pair: DistributionPair): Visited[] {
  const out: Visited[] = [];
  pair.forEach((p, q, difference, lnRatio) => out.push({ p, q, difference, lnRatio }));
  return out;
}

/** Exact rational p_i/s_p - q_i/s_q for small integer inputs, as a double (numerator and denominator exact). */
function exactDifference(p: number[], q: number[], i: number): number {
  const sp = p.reduce((s, x) => s + x, 0);
  const sq = q.reduce((s, x) => s + x, 0);
  return (p[i]! * sq - q[i]! * sp) / (sp * sq);
}

/** A finite double as m·2^e exactly, m a BigInt. */
function dyadic(x: number): [bigint, number] {
  if (x === 0) return [0n, 0];
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let m = bits & 0xfffffffffffffn;
  if (exponent > 0) m |= 1n << 52n;
  return [x < 0 ? -m : m, (exponent > 0 ? exponent : 1) - 1075];
}

function dyadicSum([m1, e1]: [bigint, number], [m2, e2]: [bigint, number]): [bigint, number] {
  const e = Math.min(e1, e2);
  return [(m1 << BigInt(e1 - e)) + (m2 << BigInt(e2 - e)), e];
}

function dyadicEqual(a: [bigint, number], b: [bigint, number]): boolean {
  const [d] = dyadicSum(a, [-b[0], b[1]]);
  return d === 0n;
}

describe('preparePair (the shared element view of two distributions)', () => {
  it('visits normalised values, their difference and ln-ratio; skips p = q = 0; keeps the infinities of zeros', () => {
    const v = visit(preparePair([1, 0, 3, 0], [1, 1, 0, 0]));
    assert.deepEqual(v, [
      { p: 0.25, q: 0.5, difference: -0.25, lnRatio: -Math.LN2 },
      { p: 0, q: 0.5, difference: -0.5, lnRatio: -Infinity },
      { p: 0.75, q: 0, difference: 0.75, lnRatio: Infinity },
    ]);
  });

  it('computes p̂ - q̂ exactly where it cancels, also for sums 3 apart that are not powers of two', () => {
    // Integers small enough that p_i·s_q - q_i·s_p is exact in doubles, so the reference is exact.
    const p = [1_000_001, 999_999, 2_000_000];
    const q = [3_000_000, 3_000_000, 6_000_003];
    const v = visit(preparePair(p, q));
    for (let i = 0; i < 3; i++) {
      const exact = exactDifference(p, q, i);
      assert.ok(Math.abs(v[i]!.difference - exact) <= 2 ** -52 * Math.abs(exact), `${i}: ${v[i]!.difference} vs ${exact}`);
      assert.ok(Math.abs(v[i]!.lnRatio - Math.log1p(exact / v[i]!.q)) <= 4 * 2 ** -52 * Math.abs(v[i]!.lnRatio), `${i}: lnRatio`);
    }
  });

  it('reports sums and the normalised flag as klDivergence does; raw values as given', () => {
    const normalised = preparePair([2, 2], [1, 3]);
    assert.deepEqual([normalised.sums, normalised.normalized, normalised.normalize], [{ p: 4, q: 4 }, true, true]);
    const raw = preparePair([2, 2], [1, 3], { normalize: false });
    assert.deepEqual([raw.normalized, raw.lnScale, raw.excess], [false, 0, { p: 3, q: 3 }]);
    assert.deepEqual(visit(raw)[0], { p: 2, q: 1, difference: 1, lnRatio: Math.LN2 });
    const huge = preparePair([1e308, 1e308], [1e308, 1e308], { normalize: false });
    assert.deepEqual([huge.lnScale, huge.scale, huge.excess], [64 * Math.LN2, 2 ** 64, undefined]);
    const logits = preparePair([0, 0], [5, 5], { input: 'logits', normalize: false });
    assert.deepEqual([logits.normalize, logits.sums], [true, { p: 1, q: 1 }]);
  });

  it('log input: ln-ratios exact up to one shift common to all (the log-sum-exps), differences from q̂·expm1', () => {
    const a = [Math.log(0.3), Math.log(0.7), -40, 1e-3];
    const b = a.map((x) => x + 1e-12);
    const v = visit(preparePair(a, b, { input: 'log' }));
    for (let i = 1; i < a.length; i++) {
      // a_i - b_i is exact (Sterbenz); so must be the difference of two ln-ratios, whatever the maxima.
      assert.equal(v[i]!.lnRatio - v[0]!.lnRatio, a[i]! - b[i]! - (a[0]! - b[0]!), `element ${i}`);
    }
    // ln(p̂_i/q̂_i) = d_i - ln(Σe^a/Σe^b) = d_i - Σ_j p̂_j d_j + O(d²), d = a - b: the 1e-12 offset cancels,
    // what remains is the rounding of b (up to ulp(40)/2); the shift, computed from exponentials, within 4e-16.
    const mean = v.reduce((s, e, j) => s + e.p * (a[j]! - b[j]!), 0);
    v.forEach((e, i) => {
      assert.ok(Math.abs(e.lnRatio - (a[i]! - b[i]! - mean)) < 4e-16, `${i}: ${e.lnRatio} vs ${a[i]! - b[i]! - mean}`);
      assert.ok(Math.abs(e.difference - e.q * Math.expm1(e.lnRatio)) <= 2 ** -52 * Math.abs(e.difference));
    });
    // Logits with a large common offset (exact shifts of values on a coarse grid): the same ln-ratios.
    const grid = [0.5, 1.25, -3, 2];
    const other = [1, 0.75, -2.5, 2];
    const plain = visit(preparePair(grid, other, { input: 'logits' }));
    const offset = visit(preparePair(grid.map((x) => x + 1000), other.map((x) => x - 700), { input: 'logits' }));
    offset.forEach((e, i) => assert.equal(e.lnRatio, plain[i]!.lnRatio, `logits offset by 1000 and -700: ${i}`));
    const w = visit(preparePair([0, -Infinity], [-Infinity, 0], { input: 'log' }));
    assert.deepEqual(
      w.map((e) => e.lnRatio),
      [Infinity, -Infinity],
    );
  });

  it('helpers: productError is the exact rounding error of a product; binary exponents; log-sum-exp parts', () => {
    // Away from the subnormals (where Dekker's split is no longer exact), product + error = a·b exactly.
    const factor = fc.oneof(fc.constant(0), fc.double({ min: 2 ** -400, max: 2 ** 400, noNaN: true }), fc.double({ min: -(2 ** 400), max: -(2 ** -400), noNaN: true }));
    fc.assert(
      fc.property(factor, factor, (a, b) => {
        const product = a * b;
        const error = productError(a, b, product);
        const [ma, ea] = dyadic(a);
        const [mb, eb] = dyadic(b);
        return dyadicEqual([ma * mb, ea + eb], dyadicSum(dyadic(product), dyadic(error)));
      }),
      PROPERTY_RUNS,
    );
    assert.equal(productError(0.1, 0.1, 0.1 * 0.1), -8.326672684688674e-19);
    assert.equal(productError(3, 5, 15), 0);
    for (const [x, k] of [[1, 0], [1.5, 0], [2, 1], [0.75, -1], [5e-324, -1074], [1.7976931348623157e308, 1023], [2 ** 100 * (2 - 2 ** -52), 100]] as const) {
      assert.equal(binaryExponent(x), k, String(x));
    }
    const [f1, f2] = powerOfTwoFactors(1074);
    assert.equal(5e-324 * f1 * f2, 1);
    assert.deepEqual(logSumExpParts([0, -Infinity, Math.log(0.5)]), { max: 0, argMax: 0, rest: 0.5 });
    assert.deepEqual(logSumExpParts([-Infinity]), { max: -Infinity, argMax: -1, rest: 0 });
  });
});
