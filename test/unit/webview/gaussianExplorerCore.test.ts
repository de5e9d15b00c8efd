import { strict as assert } from 'node:assert';
import { gaussianKl } from '../../../src/core/gaussianKl';
import { mvnKl } from '../../../src/core/mvnKl';
import { formatFull } from '../../../src/shared/format';
import { GAUSSIAN_2D_IDS, GAUSSIAN_IDS } from '../../../src/shared/panelIds';
import { gaussianReadouts, gaussianSummary } from '../../../webview/gaussian';
import { gaussian2dReadouts, gaussian2dSummary } from '../../../webview/gaussian2d';

/** The value the explorer shows in element `id` (its data-value holds formatFull of it). */
function shown(readouts: readonly (readonly [string, number])[], id: string): number {
  const found = readouts.find(([i]) => i === id);
  assert.ok(found, `no read-out for #${id}`);
  return found[1];
}

describe("Gaussian explorer's numbers are the core's", () => {
  // (μ0, σ0, μ1, σ1): ordinary pairs, σ0/σ1 far from 1, and σ0 ≈ σ1 where a truncated series or the textbook
  // form loses digits (D ≈ 1e-16 at σ1 = 1 + 1e-8).
  const PAIRS: readonly (readonly [number, number, number, number])[] = [
    [0, 1, 1, 2],
    [-1, 0.5, 2, 3],
    [0, 0.05, 0, 5],
    [0, 1, 0, 1 + 1e-8],
    [0, 1 + 1e-9, 0.25, 1],
    [0.5, 1.0004, -0.5, 1],
    [3, 7, 3, 7],
    [-3, 0.1, 0.25, 0.3],
  ];

  it('D(P‖Q) and D(Q‖P) in one dimension equal gaussianKl exactly, as shown', () => {
    for (const [mu0, sigma0, mu1, sigma1] of PAIRS) {
      const readouts = gaussianReadouts(gaussianSummary({ mu0, sigma0, mu1, sigma1 }));
      const pq = gaussianKl(mu0, sigma0, mu1, sigma1).value;
      const qp = gaussianKl(mu1, sigma1, mu0, sigma0).value;
      assert.equal(shown(readouts, GAUSSIAN_IDS.klPQ), pq, `D(P‖Q) of ${[mu0, sigma0, mu1, sigma1].join(', ')}`);
      assert.equal(shown(readouts, GAUSSIAN_IDS.klQP), qp, `D(Q‖P) of ${[mu0, sigma0, mu1, sigma1].join(', ')}`);
      assert.equal(formatFull(shown(readouts, GAUSSIAN_IDS.klPQ)), formatFull(pq));
    }
  });

  it('keeps every digit near σ0 = σ1: D(N(0, 1) ‖ N(0, (1 + 1e-8)²)) = 9.99999971178392e-17 (mpmath)', () => {
    const readouts = gaussianReadouts(gaussianSummary({ mu0: 0, sigma0: 1, mu1: 0, sigma1: 1 + 1e-8 }));
    const got = shown(readouts, GAUSSIAN_IDS.klPQ);
    assert.ok(Math.abs(got - 9.99999971178391957e-17) <= 1e-15 * 9.99999971178391957e-17, String(got));
  });

  it('D(P‖Q) and D(Q‖P) in two dimensions equal mvnKl exactly, as shown', () => {
    const S0 = { xx: 1, xy: 0.3, yy: 2 };
    const S1 = { xx: 1.5, xy: -0.4, yy: 0.8 };
    const cov = (s: typeof S0) => ({ values: [s.xx, s.xy, s.xy, s.yy], shape: [2, 2] });
    const cases: readonly (readonly [[number, number], typeof S0, [number, number], typeof S0])[] = [
      [[0, 0], S0, [1, -0.5], S1],
      [[2, 3], S0, [2, 3], S1],
      [[-1, 4], S1, [0.5, 0], S0],
      [[0, 0], S0, [0, 0], { xx: 1 + 1e-9, xy: 0.3, yy: 2 }],
      [[1, 2], S0, [1, 2], S0],
    ];
    for (const [mu0, cov0, mu1, cov1] of cases) {
      const readouts = gaussian2dReadouts(gaussian2dSummary({ mu0, cov0, mu1, cov1 }));
      assert.equal(shown(readouts, GAUSSIAN_2D_IDS.klPQ), mvnKl(mu0, cov(cov0), mu1, cov(cov1)).value);
      assert.equal(shown(readouts, GAUSSIAN_2D_IDS.klQP), mvnKl(mu1, cov(cov1), mu0, cov(cov0)).value);
    }
  });
});
