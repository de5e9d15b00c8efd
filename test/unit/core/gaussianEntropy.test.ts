import { strict as assert } from 'node:assert';
import { gaussianEntropy, mvnEntropy } from '../../../src/core/gaussianEntropy';
import { checkClose, entropyCovariance, gaussianFixtures } from './gaussianFixtures';

describe('gaussianEntropy and mvnEntropy', () => {
  describe('against mpmath fixtures', () => {
    for (const c of gaussianFixtures().entropy.univariate) {
      it(`univariate ${c.name}`, () => {
        checkClose(c.name, `σ = ${c.sigma} (SciPy: ${c.scipy})`, Number(c.exact), gaussianEntropy(c.sigma, { base: c.base }).value, c.rtol, c.atol ?? 0);
      });
    }
    for (const c of gaussianFixtures().entropy.multivariate) {
      it(`multivariate ${c.name}`, () => {
        const r = mvnEntropy(entropyCovariance(c));
        assert.equal(r.dimension, c.d);
        checkClose(c.name, `d = ${c.d} (SciPy: ${c.scipy})`, Number(c.exact), r.value, c.rtol);
      });
    }
  });

  it('results: measure, unit, dimension; differential entropy can be negative', () => {
    assert.deepEqual(gaussianEntropy(1), { measure: 'gaussian-entropy', value: 1.4189385332046727, unit: 'nats', base: Math.E, dimension: 1, closedForm: true });
    assert.ok(gaussianEntropy(0.1).value < 0);
    assert.equal(gaussianEntropy(1, { base: 2 }).unit, 'bits');
    assert.equal(mvnEntropy({ values: [1, 0, 0, 1], shape: [2, 2] }).value, 2 * 1.4189385332046727);
  });

  it('errors: invalid-parameter for σ, not-positive-definite for Σ', () => {
    assert.throws(() => gaussianEntropy(-1), { code: 'invalid-parameter', message: 'sigma is -1: a standard deviation must be finite and > 0' });
    assert.throws(() => mvnEntropy({ values: [1, 2, 2, 1], shape: [2, 2] }), {
      code: 'not-positive-definite',
      message: 'cov is not positive definite: the Cholesky pivot of row 1 (0-based) is -3',
    });
  });
});
