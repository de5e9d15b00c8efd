import { strict as assert } from 'node:assert';
import { G2_FIELDS, type G2Field } from '../../../src/shared/panelIds';
import { g2FieldName, gaussian2dInputProblem, gaussianInputProblem, staleMessage } from '../../../webview/explorerInput';

const I = { xx: 1, xy: 0, yy: 1 };

describe("the Gaussian explorer names the wrong input and says the results shown are the last valid ones", () => {
  it('σ₀ = 0 is named, with what it must be', () => {
    assert.equal(gaussianInputProblem('sigma0', '0'), 'σ₀ (standard deviation of P) is 0: it must be > 0');
    assert.equal(gaussianInputProblem('sigma1', '-2'), 'σ₁ (standard deviation of Q) is -2: it must be > 0');
    assert.equal(gaussianInputProblem('mu1', 'abc'), 'μ₁ (mean of Q) is "abc": not a finite number');
    assert.equal(gaussianInputProblem('mu0', ' '), 'μ₀ (mean of P) is " ": not a finite number');
    assert.equal(gaussianInputProblem('mu0', '-3'), undefined);
    assert.equal(gaussianInputProblem('sigma0', '0.5'), undefined);
  });

  it('the message says the numbers and curves are dimmed and stale', () => {
    assert.equal(
      staleMessage('σ₀ (standard deviation of P) is 0: it must be > 0'),
      'σ₀ (standard deviation of P) is 0: it must be > 0; the numbers and curves below (dimmed) are for the last valid parameters.',
    );
  });

  it('two dimensions: the field that is not a number, or the covariance that is not positive definite', () => {
    const values = Object.fromEntries(G2_FIELDS.map((f) => [f, 0])) as Record<G2Field, number>;
    const raw = Object.fromEntries(G2_FIELDS.map((f) => [f, '0'])) as Record<G2Field, string>;
    assert.equal(gaussian2dInputProblem({ ...values, cov1xy: NaN }, { ...raw, cov1xy: 'x' }, I, I), 'Σ₁ xy is "x": not a finite number');
    assert.equal(gaussian2dInputProblem(values, raw, { xx: 1, xy: 2, yy: 1 }, I), 'Σ₀ is not positive definite (need xx > 0, yy > 0, xx·yy − xy² > 0)');
    assert.match(gaussian2dInputProblem(values, raw, I, { xx: 0, xy: 0, yy: 1 })!, /^Σ₁ is not positive definite/);
    assert.equal(gaussian2dInputProblem(values, raw, I, I), undefined);
    assert.deepEqual(['mu0x', 'mu1y', 'cov0yy'].map((f) => g2FieldName(f as G2Field)), ['μ₀ x', 'μ₁ y', 'Σ₀ yy']);
  });
});
