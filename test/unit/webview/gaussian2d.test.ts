import { strict as assert } from 'node:assert';
import { covarianceEllipse, gaussian2dSummary, isPositiveDefinite } from '../../../webview/gaussian2d';

const rel = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);
const S0 = { xx: 1, xy: 0.3, yy: 2 };
const S1 = { xx: 1.5, xy: -0.4, yy: 0.8 };

describe('Gaussian explorer, d = 2', () => {
  it('KL both ways matches NumPy (0.5[tr + maha − 2 + ln det ratio]) to rel. 1e-14', () => {
    // numpy.linalg on the same matrices: 1.0109625817012176 and 1.0290721545049846
    const s = gaussian2dSummary({ mu0: [0, 0], cov0: S0, mu1: [1, -0.5], cov1: S1 });
    assert.ok(rel(s.klPQ, 1.0109625817012176) <= 1e-14, String(s.klPQ));
    assert.ok(rel(s.klQP, 1.0290721545049846) <= 1e-14, String(s.klQP));
  });

  it('is exactly 0 for identical Gaussians', () => {
    const s = gaussian2dSummary({ mu0: [1, 2], cov0: S0, mu1: [1, 2], cov1: S0 });
    assert.equal(s.klPQ, 0);
    assert.equal(s.klQP, 0);
  });

  it('accepts only positive definite covariances', () => {
    assert.equal(isPositiveDefinite(S0), true);
    assert.equal(isPositiveDefinite({ xx: 1, xy: 1, yy: 1 }), false);
    assert.equal(isPositiveDefinite({ xx: -1, xy: 0, yy: 1 }), false);
    assert.equal(isPositiveDefinite({ xx: 1, xy: NaN, yy: 1 }), false);
  });

  it('draws the k-σ ellipse: every point at Mahalanobis distance k, closed', () => {
    const pts = covarianceEllipse([1, -2], S0, 2, 37);
    const det = S0.xx * S0.yy - S0.xy * S0.xy;
    for (const { x, y } of pts) {
      const dx = x - 1;
      const dy = y + 2;
      const m = (S0.yy * dx * dx - 2 * S0.xy * dx * dy + S0.xx * dy * dy) / det;
      assert.ok(Math.abs(m - 4) <= 1e-12, String(m));
    }
    assert.ok(Math.abs(pts[0]!.x - pts[36]!.x) <= 1e-12 && Math.abs(pts[0]!.y - pts[36]!.y) <= 1e-12);
  });
});
