import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { DivergenceError } from '../../../src/core/errors';
import { gaussianKl } from '../../../src/core/gaussianKl';
import { MVN_KL_FORMULA_LATEX, mvnKl, type CovarianceMatrix } from '../../../src/core/mvnKl';
import { checkClose, loadMvnFixtures } from './gaussianFixtures';
import { describeArray, relativeError } from './klFixtures';

const runs = (seed: number, numRuns = 200) => ({ seed, numRuns });

function matrix(rows: number[][]): CovarianceMatrix {
  return { values: rows.flat(), shape: [rows.length, rows[0]!.length] };
}

const I2 = matrix([
  [1, 0],
  [0, 1],
]);

function throwsCode(f: () => unknown, code: string, array: string | undefined, message: string, index?: number): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof DivergenceError, `not a DivergenceError: ${String(e)}`);
    assert.equal(e.message, message);
    assert.equal(e.code, code);
    assert.equal(e.location.array, array);
    assert.equal(e.location.index, index);
    return true;
  });
}

/** Σ_ij = c_ij·sqrt(v_i v_j) from variances v and a random correlation structure: symmetric exactly. */
function spdFromFactor(b: number[][], ridge: number): number[][] {
  const d = b.length;
  return Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => {
      let s = i === j ? ridge : 0;
      for (let k = 0; k < d; k++) s += b[i]![k]! * b[j]![k]!;
      return s;
    }),
  );
}

describe('mvnKl', () => {
  describe('against 40-digit mpmath fixtures (d = 1 … 200)', () => {
    for (const c of loadMvnFixtures()) {
      it(`${c.name} (scaled cond ${c.scaledCond.toPrecision(3)}, rtol ${c.rtol.toPrecision(2)})`, () => {
        const r = mvnKl(c.m0, c.s0, c.m1, c.s1);
        const input =
          `μ0 = ${describeArray(c.m0, 4)}, Σ0 = ${describeArray(c.s0.values, 4)}, ` +
          `μ1 = ${describeArray(c.m1, 4)}, Σ1 = ${describeArray(c.s1.values, 4)} ` +
          `(SciPy route: ${c.scipy}, relative error ${c.scipyRelErr.toExponential(1)})`;
        checkClose(c.name, input, Number(c.exact), r.value, c.rtol);
        assert.equal(r.dimension, c.d);
        // The parts are reported for display; the trace and log-determinant carry k·u·κ of absolute error.
        const partsTol = Math.max(c.rtol, 1e-12);
        checkClose('trace', c.name, c.parts.trace, r.trace, partsTol, 1e-13 * c.d);
        checkClose('mahalanobis', c.name, c.parts.mahalanobis, r.mahalanobis, partsTol, 1e-15);
        checkClose('logDetRatio', c.name, c.parts.logDetRatio, r.logDetRatio, partsTol, 1e-13 * c.d);
      });
    }

    it('beats the SciPy route on near-equal distributions (recorded in the fixtures)', () => {
      const near = loadMvnFixtures().find((c) => c.name.includes('near-equal, eps 1e-06'))!;
      const ours = relativeError(mvnKl(near.m0, near.s0, near.m1, near.s1).value, Number(near.exact));
      assert.ok(near.scipyRelErr > 1e-5, `SciPy ${near.scipyRelErr}`);
      assert.ok(ours < near.scipyRelErr / 1000, `ours ${ours}, SciPy ${near.scipyRelErr}`);
    });
  });

  describe('result', () => {
    it('has the measure, value, unit, base, dimension and the parts of the formula', () => {
      const r = mvnKl([0, 0], I2, [1, 0], matrix([[2, 0], [0, 2]]));
      checkClose('value', 'doc example', 0.44314718055994530942, r.value, 4e-16);
      assert.deepEqual(
        { ...r, value: 0, trace: 0, mahalanobis: 0, logDetRatio: 0 },
        { measure: 'mvn-kl', value: 0, unit: 'nats', base: Math.E, closedForm: true, dimension: 2, trace: 0, mahalanobis: 0, logDetRatio: 0 },
      );
      // tr(Σ1⁻¹Σ0) = 1, (μ1 − μ0)ᵀΣ1⁻¹(μ1 − μ0) = ½, ln(|Σ1|/|Σ0|) = 2 ln 2, each through √2 = L1_ii: within 2 ulp.
      checkClose('trace', 'doc example', 1, r.trace, 4.5e-16);
      checkClose('mahalanobis', 'doc example', 0.5, r.mahalanobis, 4.5e-16);
      checkClose('logDetRatio', 'doc example', 2 * Math.LN2, r.logDetRatio, 4.5e-16);
    });

    it('converts units and accepts a 1×1 covariance as shape [1]', () => {
      const nats = mvnKl([0], { values: [1], shape: [1] }, [1], { values: [4], shape: [1, 1] });
      const bits = mvnKl([0], { values: [1], shape: [1] }, [1], { values: [4], shape: [1, 1] }, { base: 2 });
      assert.equal(bits.unit, 'bits');
      assert.equal(bits.value, nats.value / Math.LN2);
    });

    it('is exactly 0 for identical distributions, and does not modify its inputs', () => {
      const cov = Float64Array.of(3, 1, 0.5, 1, 2, 0.25, 0.5, 0.25, 1);
      const copy = cov.slice();
      const mu = Float64Array.of(1, -2, 3);
      assert.equal(mvnKl(mu, { values: cov, shape: [3, 3] }, mu, { values: cov, shape: [3, 3] }).value, 0);
      assert.deepEqual(cov, copy);
    });

    it('uses the lower triangle of a matrix symmetric within 1e-12', () => {
      const lower = matrix([[2, 1], [1, 2]]);
      const nearly = matrix([[2, 1 + 1e-13], [1, 2]]);
      assert.equal(mvnKl([0, 0], lower, [1, 1], I2).value, mvnKl([0, 0], nearly, [1, 1], I2).value);
    });

    it('exports the formula the panel renders', () => {
      assert.ok(MVN_KL_FORMULA_LATEX.includes('\\operatorname{tr}(\\Sigma_1^{-1}\\Sigma_0)'));
      assert.ok(MVN_KL_FORMULA_LATEX.includes('\\ln\\frac{|\\Sigma_1|}{|\\Sigma_0|}'));
    });
  });

  describe('errors', () => {
    it('not positive definite: names the matrix (cov0/Σ₀ or cov1/Σ₁) and the row of the failing pivot', () => {
      throwsCode(
        () => mvnKl([0, 0], matrix([[1, 2], [2, 1]]), [0, 0], I2),
        'not-positive-definite',
        'cov0',
        'cov0 (Σ₀) is not positive definite: the Cholesky pivot of row 1 (0-based) is -3',
        1,
      );
      throwsCode(
        () => mvnKl([0, 0, 0], matrix([[1, 0, 0], [0, 1, 0], [0, 0, 1]]), [0, 0, 0], matrix([[1, 0, 0], [0, -2, 0], [0, 0, 1]])),
        'not-positive-definite',
        'cov1',
        'cov1 (Σ₁) is not positive definite: the Cholesky pivot of row 1 (0-based) is -2 (the variance cov1[1][1] itself is -2)',
        1,
      );
    });

    it('numerically singular: a pivot at the rounding level of its variance', () => {
      throwsCode(
        () => mvnKl([0, 0], I2, [0, 0], matrix([[1, 1], [1, 1]])),
        'not-positive-definite',
        'cov1',
        'cov1 (Σ₁) is not positive definite: the Cholesky pivot of row 1 (0-based) is 0',
        1,
      );
      const c = 0.1 * 3;
      assert.throws(() => mvnKl([0, 0], I2, [0, 0], matrix([[1, c], [c, c * c + 2 ** -56]])), (e: unknown) => {
        assert.ok(e instanceof DivergenceError && e.code === 'not-positive-definite' && e.location.index === 1);
        assert.match(e.message, /at the rounding level of cov1\[1\]\[1\] = 0\.09.* \(numerically singular\)$/);
        return true;
      });
    });

    it('not symmetric: names both entries', () => {
      throwsCode(
        () => mvnKl([0, 0], matrix([[1, 0.5], [0.4, 1]]), [0, 0], I2),
        'not-positive-definite',
        'cov0',
        'cov0 (Σ₀) is not symmetric: cov0[1][0] is 0.4 but cov0[0][1] is 0.5',
        1,
      );
    });

    it('not symmetric in a 70×70 matrix: the first asymmetric entry in row-major order of the lower triangle', () => {
      const d = 70;
      const values = new Float64Array(d * d);
      for (let i = 0; i < d; i++) values[i * d + i] = 1;
      values[3 * d + 35] = 0.01; // upper [3][35]: reported as [35][3]
      values[40 * d + 66] = 0.01; // upper [40][66]: a later row
      values[35 * d + 60] = -0.01; // upper [35][60]: row 60 comes after row 35
      throwsCode(
        () => mvnKl(new Float64Array(d), { values, shape: [d, d] }, new Float64Array(d), { values, shape: [d, d] }),
        'not-positive-definite',
        'cov0',
        'cov0 (Σ₀) is not symmetric: cov0[35][3] is 0 but cov0[3][35] is 0.01',
        35,
      );
    });

    it('dimension mismatches: length-mismatch with both sizes', () => {
      throwsCode(() => mvnKl([0, 0], I2, [0, 0, 0], I2), 'length-mismatch', undefined, 'mu0 has 2 values and mu1 has 3');
      throwsCode(
        () => mvnKl([0, 0, 0], I2, [0, 0, 0], I2),
        'length-mismatch',
        'cov0',
        'cov0 (Σ₀) is 2×2 but mu0 has 3 values',
      );
      throwsCode(
        () => mvnKl([0, 0], I2, [0, 0], { values: [1, 0, 0, 1, 0, 0], shape: [2, 3] }),
        'length-mismatch',
        'cov1',
        'cov1 (Σ₁) has shape [2, 3]: a covariance matrix must be square, [d, d]',
      );
      throwsCode(
        () => mvnKl([0, 0], { values: [1, 0, 0], shape: [2, 2] }, [0, 0], I2),
        'length-mismatch',
        'cov0',
        'cov0 (Σ₀) has shape [2, 2] but 3 values',
      );
    });

    it('non-finite entries: invalid-value naming the entry (index = row)', () => {
      throwsCode(() => mvnKl([0, NaN], I2, [0, 0], I2), 'invalid-value', 'mu0', 'mu0[1] is NaN: a mean must be finite', 1);
      throwsCode(
        () => mvnKl([0, 0], I2, [0, 0], matrix([[1, 0], [Infinity, 1]])),
        'invalid-value',
        'cov1',
        'cov1[1][0] is Infinity: covariances must be finite',
        1,
      );
    });

    it('empty input', () => {
      throwsCode(() => mvnKl([], { values: [], shape: [0, 0] }, [], { values: [], shape: [0, 0] }), 'empty-input', 'mu0', 'mu0 has no values');
    });
  });

  describe('properties', () => {
    const dims = fc.integer({ min: 1, max: 9 });
    const entry = fc.double({ min: -1, max: 1, noNaN: true });
    const square = (d: number) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: d, maxLength: d });
    const vector = (d: number) => fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: d, maxLength: d });
    const problem = dims.chain((d) => fc.tuple(vector(d), square(d), vector(d), square(d)));

    it('with diagonal covariances it is the sum of the univariate KLs (to 1e-14)', () => {
      const variance = fc.double({ min: 1e-3, max: 1e3, noNaN: true });
      const diagonalProblem = dims.chain((d) =>
        fc.tuple(vector(d), fc.array(variance, { minLength: d, maxLength: d }), vector(d), fc.array(variance, { minLength: d, maxLength: d })),
      );
      fc.assert(
        fc.property(diagonalProblem, ([m0, v0, m1, v1]) => {
          const d = m0.length;
          const diag = (v: number[]) => ({ values: Array.from({ length: d * d }, (_, k) => (k % (d + 1) === 0 ? v[k / (d + 1)]! : 0)), shape: [d, d] });
          const multi = mvnKl(m0, diag(v0), m1, diag(v1)).value;
          let sum = 0;
          for (let i = 0; i < d; i++) sum += gaussianKl(m0[i]!, Math.sqrt(v0[i]!), m1[i]!, Math.sqrt(v1[i]!)).value;
          return Math.abs(multi - sum) <= 1e-14 * sum + 1e-300;
        }),
        runs(11),
      );
    });

    it('in one dimension it is the univariate KL with σ = √variance (to 4 ulp)', () => {
      const m = fc.double({ min: -1e3, max: 1e3, noNaN: true });
      const v = fc.double({ min: 1e-6, max: 1e6, noNaN: true });
      fc.assert(
        fc.property(m, v, m, v, (m0, v0, m1, v1) => {
          const multi = mvnKl([m0], { values: [v0], shape: [1, 1] }, [m1], { values: [v1], shape: [1, 1] }).value;
          const uni = gaussianKl(m0, Math.sqrt(v0), m1, Math.sqrt(v1)).value;
          return multi === uni || relativeError(multi, uni) <= 9e-16;
        }),
        runs(12),
      );
    });

    it('D ≥ 0, D(P, P) = 0, and D > 0 when the means differ', () => {
      fc.assert(
        fc.property(problem, ([m0, b0, m1, b1]) => {
          const s0 = matrix(spdFromFactor(b0, 0.5));
          const s1 = matrix(spdFromFactor(b1, 0.5));
          const v = mvnKl(m0, s0, m1, s1).value;
          const same = mvnKl(m0, s0, m0, s0).value;
          const shifted = mvnKl(m0, s0, m0.map((x, i) => (i === 0 ? x + 1 : x)), s0).value;
          return v >= 0 && same === 0 && shifted > 0;
        }),
        runs(13),
      );
    });

    it('is invariant under a common affine map x → A·x + b (μ → Aμ + b, Σ → AΣAᵀ), to 1e-10', () => {
      fc.assert(
        fc.property(dims.chain((d) => fc.tuple(vector(d), square(d), vector(d), square(d), square(d), vector(d))), ([m0, b0, m1, b1, a, shift]) => {
          const d = m0.length;
          // A = 2I + a/(2d): every singular value within ½ of 2 (‖a/(2d)‖₂ ≤ ½), so A is well conditioned.
          const A = a.map((row, i) => row.map((x, j) => (i === j ? 2 : 0) + x / (2 * d)));
          const s0 = spdFromFactor(b0, 0.5);
          const s1 = spdFromFactor(b1, 0.5);
          const transform = (s: number[][]) => {
            const as = A.map((row) => s[0]!.map((_, j) => row.reduce((acc, x, k) => acc + x * s[k]![j]!, 0)));
            const out = as.map((row) => A.map((arow) => row.reduce((acc, x, k) => acc + x * arow[k]!, 0)));
            for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) out[j]![i] = out[i]![j]!; // exact symmetry
            return out;
          };
          const mapMean = (m: number[]) => A.map((row, i) => row.reduce((acc, x, k) => acc + x * m[k]!, 0) + shift[i]!);
          const before = mvnKl(m0, matrix(s0), m1, matrix(s1)).value;
          const after = mvnKl(mapMean(m0), matrix(transform(s0)), mapMean(m1), matrix(transform(s1))).value;
          return Math.abs(after - before) <= 1e-10 * before + 1e-13;
        }),
        runs(14, 100),
      );
    });
  });
});
