/**
 * The Gaussian explorer's two-dimensional mode: KL between N(μ0, Σ0) and N(μ1, Σ1) for d = 2 in closed
 * form, and the covariance ellipses drawn for them. Pure (no DOM): unit-tested in Node against the core's
 * mvnKl and SciPy.
 */
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

/**
 * D(N(μ0, Σ0) ‖ N(μ1, Σ1)) in nats, d = 2: ½[tr(Σ1⁻¹Σ0) + (μ1 − μ0)ᵀΣ1⁻¹(μ1 − μ0) − 2 + ln(|Σ1|/|Σ0|)].
 */
export function mvn2Kl(mu0: readonly [number, number], s0: Sym2, mu1: readonly [number, number], s1: Sym2): number {
  const d1 = det2(s1);
  // Σ1⁻¹ = [[yy, −xy], [−xy, xx]] / |Σ1|
  const trace = (s1.yy * s0.xx - 2 * s1.xy * s0.xy + s1.xx * s0.yy) / d1;
  const dx = mu1[0] - mu0[0];
  const dy = mu1[1] - mu0[1];
  const maha = (s1.yy * dx * dx - 2 * s1.xy * dx * dy + s1.xx * dy * dy) / d1;
  return 0.5 * (trace + maha - 2 + Math.log(d1 / det2(s0)));
}

export function gaussian2dSummary(g: Gaussian2dParams): { klPQ: number; klQP: number } {
  return {
    klPQ: mvn2Kl(g.mu0, g.cov0, g.mu1, g.cov1),
    klQP: mvn2Kl(g.mu1, g.cov1, g.mu0, g.cov0),
  };
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
