/**
 * The Gaussian explorer's two-dimensional mode: KL between N(μ0, Σ0) and N(μ1, Σ1) for d = 2 from the
 * core's mvnKl (the closed form, computed without cancellation), and the covariance ellipses drawn for
 * them. Pure (no DOM): unit-tested in Node against the core and NumPy.
 */
import { mvnKl, type CovarianceMatrix } from '../src/core/mvnKl';
import { GAUSSIAN_2D_IDS } from '../src/shared/panelIds';
import type { Readout } from './gaussian';
import type { Gaussian2dParams } from '../src/shared/protocol';

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]]. */
export interface Sym2 {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

export function det2(s: Sym2): number {
  return s.xx * s.yy - s.xy * s.xy;
}

/** Whether Σ is a covariance matrix: finite, symmetric by construction, positive definite. */
export function isPositiveDefinite(s: Sym2): boolean {
  return [s.xx, s.xy, s.yy].every(Number.isFinite) && s.xx > 0 && s.yy > 0 && det2(s) > 0;
}

/** Σ as the core's row-major 2×2 matrix. */
function covarianceMatrix(s: Sym2): CovarianceMatrix {
  return { values: [s.xx, s.xy, s.xy, s.yy], shape: [2, 2] };
}

export interface Gaussian2dSummary {
  readonly klPQ: number;
  readonly klQP: number;
}

/**
 * D(P‖Q) and D(Q‖P) in nats by the core's mvnKl. Throws the core's `not-positive-definite` DivergenceError
 * for a covariance that passes the determinant test of isPositiveDefinite but not the Cholesky factorisation
 * (a determinant within rounding of 0).
 */
export function gaussian2dSummary(g: Gaussian2dParams): Gaussian2dSummary {
  const cov0 = covarianceMatrix(g.cov0);
  const cov1 = covarianceMatrix(g.cov1);
  return {
    klPQ: mvnKl(g.mu0, cov0, g.mu1, cov1).value,
    klQP: mvnKl(g.mu1, cov1, g.mu0, cov0).value,
  };
}

/** The 2-D read-outs: the element each value is shown in (in nats). */
export function gaussian2dReadouts(s: Gaussian2dSummary): readonly Readout[] {
  return [
    [GAUSSIAN_2D_IDS.klPQ, s.klPQ],
    [GAUSSIAN_2D_IDS.klQP, s.klQP],
  ];
}

/**
 * The ellipse {x : (x − μ)ᵀΣ⁻¹(x − μ) = k²} as `points` points (closed: the last equals the first), from the
 * eigen-decomposition of Σ: semi-axes k√λ along the eigenvectors.
 */
export function covarianceEllipse(mu: readonly [number, number], s: Sym2, k: number, points = 73): { x: number; y: number }[] {
  const mean = (s.xx + s.yy) / 2;
  const r = Math.hypot((s.xx - s.yy) / 2, s.xy);
  const l1 = mean + r;
  const l2 = Math.max(0, mean - r);
  const theta = 0.5 * Math.atan2(2 * s.xy, s.xx - s.yy);
  const c = Math.cos(theta);
  const sn = Math.sin(theta);
  const a = k * Math.sqrt(l1);
  const b = k * Math.sqrt(l2);
  return Array.from({ length: points }, (_, i) => {
    const t = (2 * Math.PI * i) / (points - 1);
    const u = a * Math.cos(t);
    const v = b * Math.sin(t);
    return { x: mu[0] + c * u - sn * v, y: mu[1] + sn * u + c * v };
  });
}
