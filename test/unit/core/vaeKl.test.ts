import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { gaussianKl } from '../../../src/core/gaussianKl';
import { mvnKl } from '../../../src/core/mvnKl';
import { VAE_KL_FORMULA_LATEX, vaeKl } from '../../../src/core/vaeKl';
import { checkClose, gaussianFixtures } from './gaussianFixtures';
import { describeArray, relativeError } from './klFixtures';

const runs = (seed: number, numRuns = 200) => ({ seed, numRuns });

describe('vaeKl', () => {
  describe('against 50-digit mpmath fixtures', () => {
    for (const c of gaussianFixtures().vae) {
      it(`${c.name} (n = ${c.mu.length}${c.rows ? `, ${c.rows} rows` : ''})`, () => {
        const r = vaeKl(c.mu, c.logvar, { base: c.base, ...(c.rows ? { rows: c.rows } : {}) });
        const input = `mu = ${describeArray(c.mu, 4)}, logvar = ${describeArray(c.logvar, 4)}, base ${c.base} (textbook formula: ${c.textbook})`;
        checkClose(c.name, input, Number(c.exact), r.value, c.rtol);
        if (c.perRow) {
          assert.equal(r.perRow!.length, c.rows);
          c.perRow.forEach((e, i) => checkClose(`${c.name}, row ${i}`, input, Number(e), r.perRow![i]!, c.rtol));
          checkClose(`${c.name}, mean per row`, input, Number(c.exact) / c.rows!, r.meanPerRow!, c.rtol);
        }
      });
    }

    it('keeps its accuracy for a nearly perfect posterior, where the textbook form has no correct digit', () => {
      const c = gaussianFixtures().vae.find((f) => f.name === 'near-perfect posterior (1e-9)')!;
      assert.ok(relativeError(c.textbook, Number(c.exact)) > 0.1, `textbook ${c.textbook}, exact ${c.exact}`);
      assert.ok(relativeError(vaeKl(c.mu, c.logvar).value, Number(c.exact)) < 1e-14);
    });
  });

  describe('result', () => {
    it('is the sum over all elements, with reduction: "sum"', () => {
      const r = vaeKl([0, 1], [0, Math.log(2)]);
      assert.deepEqual({ ...r, value: 0 }, { measure: 'vae-kl', value: 0, unit: 'nats', base: Math.E, reduction: 'sum', n: 2 });
      checkClose('doc example', '[0, 1], [0, ln 2]', 0.65342640972002733370, r.value, 4e-16);
    });

    it('with rows: the KL of each row and their mean', () => {
      const r = vaeKl([0, 1, 0, 0], [0, 0, 0, 0], { rows: 2 });
      assert.deepEqual(Array.from(r.perRow!), [0.5, 0]);
      assert.equal(r.rows, 2);
      assert.equal(r.meanPerRow, 0.25);
      assert.equal(r.value, 0.5);
    });

    it('is exactly 0 for the prior itself, Infinity beyond the doubles', () => {
      assert.equal(vaeKl([0, 0, 0], [0, 0, 0]).value, 0);
      assert.equal(vaeKl([0], [710]).value, Infinity);
    });

    it('converts units', () => {
      assert.equal(vaeKl([1], [0], { base: 2 }).value, 0.5 / Math.LN2);
      assert.equal(vaeKl([1], [0], { base: 2 }).unit, 'bits');
    });

    it('exports the formula the panel renders', () => {
      assert.ok(VAE_KL_FORMULA_LATEX.endsWith('-\\frac{1}{2}\\sum_i \\big(1 + \\log\\sigma_i^2 - \\mu_i^2 - \\sigma_i^2\\big)'));
    });
  });

  describe('errors', () => {
    it('length-mismatch, empty-input', () => {
      assert.throws(() => vaeKl([0, 1], [0]), { code: 'length-mismatch', message: 'mu has 2 values and logvar has 1' });
      assert.throws(() => vaeKl([], []), { code: 'empty-input', message: 'mu has no values' });
      assert.throws(() => vaeKl([0, 0, 0], [0, 0, 0], { rows: 2 }), {
        code: 'length-mismatch',
        message: '3 values do not split into 2 rows of equal length',
      });
    });

    it('invalid-value naming the array and index', () => {
      assert.throws(
        () => vaeKl([0, NaN], [0, 0]),
        (e: unknown) =>
          e instanceof DivergenceError &&
          e.code === 'invalid-value' &&
          e.location.array === 'mu' &&
          e.location.index === 1 &&
          e.message === 'mu[1] is NaN: values must be finite',
      );
      assert.throws(
        () => vaeKl([0, 0], [-Infinity, 0]),
        (e: unknown) => e instanceof DivergenceError && e.code === 'invalid-value' && e.location.array === 'logvar' && e.location.index === 0,
      );
    });

    it('invalid-parameter for rows', () => {
      assert.throws(() => vaeKl([0], [0], { rows: 0 }), { code: 'invalid-parameter', message: 'rows is 0: it must be a positive integer' });
      assert.throws(() => vaeKl([0], [0], { rows: 1.5 }), { code: 'invalid-parameter' });
    });
  });

  describe('properties', () => {
    const value = fc.double({ min: -20, max: 20, noNaN: true });
    const values = (n: number) => fc.array(value, { minLength: n, maxLength: n });
    const pair = fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(values(n), values(n)));

    // The references get σ = e^{lv/2} (or σ² = e^{lv}) rounded, which moves D_i by about u·|lv_i| (dD/dlv =
    // (e^{lv} − 1)/2): that, not vaeKl, limits the agreement for lv near 0.
    const slack = (lv: number[]) => 2 ** -52 * lv.reduce((a, x) => a + Math.abs(Math.expm1(x)), 0);

    it('is the sum of the univariate KLs D(N(μ_i, e^{lv_i}) ‖ N(0, 1)), to 1e-14', () => {
      fc.assert(
        fc.property(pair, ([mu, lv]) => {
          const v = vaeKl(mu, lv).value;
          let sum = 0;
          for (let i = 0; i < mu.length; i++) sum += gaussianKl(mu[i]!, Math.exp(lv[i]! / 2), 0, 1).value;
          return v >= 0 && Math.abs(v - sum) <= 1e-14 * sum + slack(lv);
        }),
        runs(21),
      );
    });

    it('is the multivariate KL with diagonal covariance from the standard normal, to 1e-13', () => {
      fc.assert(
        fc.property(pair, ([mu, lv]) => {
          const d = mu.length;
          const cov = Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? Math.exp(lv[k / (d + 1)]!) : 0));
          const identity = Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? 1 : 0));
          const multi = mvnKl(mu, { values: cov, shape: [d, d] }, new Array<number>(d).fill(0), { values: identity, shape: [d, d] }).value;
          return Math.abs(vaeKl(mu, lv).value - multi) <= 1e-13 * multi + slack(lv);
        }),
        runs(22),
      );
    });
  });
});
