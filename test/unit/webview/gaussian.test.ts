import { strict as assert } from 'node:assert';
import { densityCurves, gaussianSummary, mixtureDensity } from '../../../webview/gaussian';

/** mpmath (40 digits) quadrature of the KL and JS integrals: [mu0, sigma0, mu1, sigma1, D(P‖Q), D(Q‖P), JS], nats. */
const REFERENCE: readonly (readonly number[])[] = [
  [0, 1, 1, 2, 0.44314718055994531, 1.3068528194400547, 0.12817497305439801],
  [-1, 0.5, 2, 3, 1.8056483581169439, 33.708240530771945, 0.43252485601247197],
  [0, 1, 3, 1, 4.5, 4.5, 0.5267773065213735],
  [0, 0.05, 0, 5, 4.1052201859880913, 4994.8948298140114, 0.64061349897041308],
];

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('Gaussian explorer mathematics', () => {
  it('closed-form KL both ways and numerical JS match mpmath (rel. 1e-12; JS by quadrature 1e-10)', () => {
    for (const [mu0, sigma0, mu1, sigma1, kl, rkl, js] of REFERENCE) {
      const s = gaussianSummary({ mu0: mu0!, sigma0: sigma0!, mu1: mu1!, sigma1: sigma1! });
      assert.ok(rel(s.klPQ, kl!) <= 1e-12, `${s.klPQ} vs ${kl}`);
      assert.ok(rel(s.klQP, rkl!) <= 1e-12, `${s.klQP} vs ${rkl}`);
      assert.ok(rel(s.klPQNumerical, kl!) <= 1e-10, `${s.klPQNumerical} vs ${kl}`);
      assert.ok(rel(s.js, js!) <= 1e-10, `${s.js} vs ${js}`);
    }
  });

  it('is exactly 0 for identical Gaussians, and JS within 1e-15 of 0', () => {
    const s = gaussianSummary({ mu0: 1, sigma0: 2, mu1: 1, sigma1: 2 });
    assert.equal(s.klPQ, 0);
    assert.equal(s.klQP, 0);
    assert.ok(Math.abs(s.js) <= 1e-15);
  });

  it('draws both densities over μ ± 4σ of both', () => {
    const c = densityCurves({ mu0: 0, sigma0: 1, mu1: 2, sigma1: 0.5 }, 5);
    assert.deepEqual(c.x, [-4, -2, 0, 2, 4]);
    assert.ok(rel(c.p[0]!, 1.3383022576488537e-4) <= 1e-13, String(c.p[0]));
  });
});

describe('mixtureDensity', () => {
  it('is the weighted sum of normal densities, weights normalised (SciPy norm.pdf)', () => {
    // 0.5·norm.pdf(0, -1, 0.5) + 0.5·norm.pdf(0, 1, 0.5) = 0.10798193302637613
    const [d] = mixtureDensity({ weights: [1, 1], means: [-1, 1], sigmas: [0.5, 0.5] }, [0]);
    assert.ok(Math.abs(d! - 0.10798193302637613) <= 1e-15, String(d));
  });
});
