/**
 * Bugs the fuzz suite found, each with the exact input that showed it (and the fix's expected value).
 */
import { strict as assert } from 'node:assert';
import { allMeasures, jsDistance } from '../../../src/core';
import { gmmKl } from '../../../src/core/gmmKl';
import { histogramKl } from '../../../src/core/histogramKl';
import { klDivLoss } from '../../../src/core/klDivLoss';
import { knnKl } from '../../../src/core/knnKl';
import { mvnKl } from '../../../src/core/mvnKl';
import { jsonArray } from '../../../src/data/json';
import { npzArray } from '../../../src/data/npz';
import { zipBytes, npyF8 } from '../data/binaryWriters';
import { expectError } from '../data/dataAssert';

describe('fuzz regressions', () => {
  it('klDivLoss with log_target was NaN where e^target overflows and target = input (∞·0): the term is exactly 0', () => {
    // Found (FUZZ_RUNS=50000, seed 20261128): divergence kldivloss --input "0 1e+300 0" --target "0 1e+300 0"
    // --reduction sum --log-target. The term e^y·(y − x) has the factor y − x = 0 exactly: 0, whatever e^y is.
    const logTarget = { reduction: 'sum', logTarget: true } as const;
    assert.equal(klDivLoss([0, 1e300, 0], [0, 1e300, 0], logTarget).value, 0);
    // y ≠ x there: the true term is beyond the doubles, an infinity with the sign of y − x.
    assert.equal(klDivLoss([0, 9e299], [0, 1e300], logTarget).value, Infinity);
    assert.deepEqual([...(klDivLoss([1e300], [9e299], { reduction: 'none', logTarget: true }).value as Float64Array)], [-Infinity]);
    // e^y underflows while y − x overflows: e^-800·(-800 - 1.797e308) = -6.593712959512199e-40 (mpmath), not 0·∞.
    const tiny = (klDivLoss([1.7976931348623157e308], [-800], { reduction: 'none', logTarget: true }).value as Float64Array)[0]!;
    assert.ok(Math.abs(tiny + 6.593712959512199209e-40) <= 1e-12 * 6.6e-40, String(tiny));
    // Terms of +Infinity and -Infinity together: no double sum, a clean error (pointwise, 'none' still gives them).
    expectError(() => klDivLoss([-1e300, 1e300], [9e299, 9e299], logTarget), 'invalid-value', { array: 'input' }, /undefined in double precision/);
    assert.deepEqual([...(klDivLoss([-1e300, 1e300], [9e299, 9e299], { reduction: 'none', logTarget: true }).value as Float64Array)], [Infinity, -Infinity]);
    // Ordinary terms are unchanged: e^ln½·(ln ½ − ln ¼) = ½ ln 2.
    assert.equal(klDivLoss([Math.log(0.25)], [Math.log(0.5)], logTarget).value, Math.exp(Math.log(0.5)) * (Math.log(0.5) - Math.log(0.25)));
  });

  it('jsDistance in a base < 1 was NaN (sqrt of a negative divergence): now invalid-parameter naming the base', () => {
    // Found: p = [0], q = [1.1683763860414863e-160], base 1e-300, raw log input.
    const p = [0];
    const q = [1.1683763860414863e-160];
    const o = { base: 1e-300, normalize: false, input: 'log' as const };
    expectError(() => jsDistance(p, q, o), 'invalid-parameter', { array: 'base' }, /needs a log base > 1/);
    expectError(() => allMeasures(p, q, o), 'invalid-parameter', { array: 'base' }, /needs a log base > 1/);
    expectError(() => jsDistance([0.5, 0.5], [0.9, 0.1], { base: 0.5 }), 'invalid-parameter', { array: 'base' });
    // A base > 1 is unchanged: d_JS([1, 0], [0.5, 0.5]) in nats (SciPy's jensenshannon, 1e-15 relative).
    const d = jsDistance([1, 0], [0.5, 0.5]).value;
    assert.ok(Math.abs(d - 0.46450140402245904) <= 1e-15 * 0.46450140402245904, String(d));
  });

  it('mvnKl was NaN when μ1 − μ0 overflows in the triangular solve (0·∞): now +Infinity', () => {
    // Found: μ0 = 0, μ1 = [-1.797e308, 0, 0], Σ0 = Σ1 = 0.001·I (3×3).
    const cov = { values: [0.001, 0, 0, 0, 0.001, 0, 0, 0, 0.001], shape: [3, 3] as const };
    const r = mvnKl([0, 0, 0], cov, [-1.7976931348623157e308, 0, 0], cov);
    assert.equal(r.value, Infinity);
    assert.equal(r.mahalanobis, Infinity);
    // μ1 − μ0 itself overflows.
    const i2 = { values: [1, 0, 0, 1], shape: [2, 2] as const };
    assert.equal(mvnKl([1e308, 1e308], i2, [-1e308, -1e308], i2).value, Infinity);
    // Ordinary inputs are unchanged: ½·‖μ1 − μ0‖² = 0.5 for unit covariances, exactly.
    assert.equal(mvnKl([0, 0], i2, [1, 0], i2).value, 0.5);
  });

  it('gmmKl Monte Carlo was NaN when ln q(x) underflows past the doubles (∞ − ∞ in the running mean): now +Infinity', () => {
    // Found: p = {w [0, 1], μ [0, -1.797e308], σ [5e-324, 0.001]}, q = {w [5e-324], μ [0], σ [0.001]}, 2 samples.
    const p = { weights: [0, 1], means: [0, -1.7976931348623157e308], sigmas: [5e-324, 0.001] };
    const q = { weights: [5e-324], means: [0], sigmas: [0.001] };
    const r = gmmKl(p, q, { method: 'mc', samples: 2, seed: 0 });
    assert.equal(r.value, Infinity);
    assert.equal(r.stderr, Infinity);
    assert.equal(gmmKl(p, q, { method: 'variational' }).value, Infinity);
  });

  it('gmmKl variational and unscented were NaN when a weight underflows to 0 in normalising (0·∞): it contributes 0', () => {
    // Found: p = {w [0, 34, 5e-324, 0], μ [0, 0, -1.797e308, 0], σ [0.001, 1, 0.001, 0.001]}, q = {w [5e-324], μ [0], σ [0.001]}.
    const p = { weights: [0, 34, 5e-324, 0], means: [0, 0, -1.7976931348623157e308, 0], sigmas: [0.001, 1, 0.001, 0.001] };
    const q = { weights: [5e-324], means: [0], sigmas: [0.001] };
    // Then p is N(0, 1) alone and q is N(0, 0.001²): the closed form ln(τ/σ) + (σ² + (μ − ν)²)/(2τ²) − ½.
    const exact = Math.log(0.001) + 1 / (2 * 0.001 ** 2) - 0.5;
    for (const method of ['variational', 'unscented'] as const) {
      const v = gmmKl(p, q, { method }).value;
      assert.ok(Number.isFinite(v), `${method}: ${v}`);
      if (method === 'variational') assert.ok(Math.abs(v - exact) <= 1e-12 * exact, `${method}: ${v} vs ${exact}`);
    }
  });

  it('gmmKl unscented was NaN when a sigma point μ ± √(1 + κ)·σ overflows (−∞ − (−∞)): now invalid-parameter', () => {
    // Found: p = {w [5e-324, 0], μ [0, 0], σ [1.797e308, 0.001]}, q = {w [0, 0, 5e-324, 0], μ 0, σ 0.001}, κ = 2.
    const p = { weights: [5e-324, 0], means: [0, 0], sigmas: [1.7976931348623157e308, 0.001] };
    const q = { weights: [0, 0, 5e-324, 0], means: [0, 0, 0, 0], sigmas: [0.001, 0.001, 0.001, 0.001] };
    expectError(() => gmmKl(p, q, { method: 'unscented', kappa: 2 }), 'invalid-parameter', { array: 'p-sigmas' }, /sigma points .* of component 0 of p overflow/);
    // κ = 0 keeps the points μ ± σ, which are finite: p = N(0, σ²) against q = N(0, 0.001²) at x = ±σ, where
    // ln q(x) = −½(σ/0.001)² overflows to −∞: the approximation is +Infinity, as the exact KL is beyond doubles.
    assert.equal(gmmKl(p, q, { method: 'unscented' }).value, Infinity);
  });

  it('mvnKl recursed without end when the Mahalanobis term overflows with means of magnitude ≤ 1', () => {
    // Found: μ0 = [1], Σ0 = [0.001], μ1 = [0], Σ1 = [5e-324]: (μ1 − μ0)²/Σ1 = 1/5e-324 overflows.
    const r = mvnKl([1], { values: [0.001], shape: [1, 1] }, [0], { values: [5e-324], shape: [1, 1] });
    assert.equal(r.value, Infinity);
  });

  it('knnKl in 1-D was -Infinity when a distance overflows (values of both signs near the largest double): refused as in d-D', () => {
    // Found through the CLI: knn-kl --p '1e308 -1e308' --q '1 2' printed "-Infinity" with exit status 0.
    expectError(() => knnKl([1e308, -1e308], [1, 2]), 'invalid-value', { array: 'P' }, /^the distances between the points overflow: rescale the values$/);
    // Large but not overflowing values are fine: the estimate is scale-invariant (same as for P/1e300, Q/1e300).
    const big = knnKl([1e300, 3e300, 4e300], [2e300, 5e300]).value;
    const small = knnKl([1, 3, 4], [2, 5]).value;
    assert.ok(Math.abs(big - small) <= 1e-14 * Math.abs(small), `${big} vs ${small}`);
  });

  it('histogram bins over a range beyond the largest double: a clear invalid-value, not a bin-count or bin-width error', () => {
    // Found through the CLI: hist-kl --p '1e308 -1e308' --q '1 2' said "the 'fd' rule gives Infinity bins".
    for (const bins of ['fd', 'sturges', 10] as const) {
      expectError(() => histogramKl([1e308, -1e308], [1, 2], { bins }), 'invalid-value', undefined, /^the values span from -1e\+308 to 1e\+308, a range beyond the largest double: rescale them$/);
    }
  });

  it('an .npz member name holding a line break broke the one-line message: names are quoted and escaped', () => {
    const bytes = zipBytes([{ name: '\na.npy', data: npyF8([1, 2]), crc: 0 }]);
    const e = expectError(() => npzArray(bytes), 'parse-error', undefined, /CRC-32 of '\\u000aa\.npy'/);
    assert.doesNotMatch(e.message, /\n/);
  });

  it('a JSON key path with a line break is quoted and escaped in messages', () => {
    const e = expectError(() => jsonArray('{"a": {"b\\nc": "x"}}', 'a.b\nc'), 'parse-error');
    assert.doesNotMatch(e.message, /\n/);
  });
});
