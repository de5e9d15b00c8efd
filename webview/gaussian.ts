/**
 * What the Gaussian KL explorer shows in one dimension: the closed-form KL both ways from the core's
 * gaussianKlBoth (the panel's numbers are the library's and the CLI's, digit for digit), KL and
 * Jensen-Shannon by numerical quadrature (JS has no closed form; the quadrature KL checks the closed form
 * beside it), and the density curves drawn. Fast enough to run on every slider movement (a few thousand
 * exp/log). Pure (no DOM): unit-tested in Node against mpmath and the core.
 */
import { gaussianKlBoth } from '../src/core/gaussianKl';
import { GAUSSIAN_IDS } from '../src/shared/panelIds';
import type { GaussianParams } from '../src/shared/protocol';

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

export function normalLogPdf(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -0.5 * z * z - Math.log(sigma) - LN_SQRT_2PI;
}

export function normalPdf(x: number, mu: number, sigma: number): number {
  return Math.exp(normalLogPdf(x, mu, sigma));
}

/** Gauss-Legendre nodes and weights on [-1, 1] (Newton's method on P_n). */
function gaussLegendre(n: number): { x: number[]; w: number[] } {
  const x: number[] = [];
  const w: number[] = [];
  for (let i = 1; i <= n; i++) {
    let z = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = z;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (z * p1 - p0)) / (z * z - 1);
      const dz = p1 / dp;
      z -= dz;
      if (Math.abs(dz) < 1e-16) break;
    }
    x.push(z);
    w.push(2 / ((1 - z * z) * dp * dp));
  }
  return { x, w };
}

const GL = gaussLegendre(20);
/** Breakpoints at μ + kσ of each Gaussian: the integrands live within ±40σ of a mean. */
const OFFSETS = [-40, -20, -12, -8, -6, -4, -3, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 20, 40];

/** ∫ f over the real line, f negligible beyond 40σ of either mean: 20-point Gauss-Legendre on each piece. */
export function integrate(f: (x: number) => number, g: GaussianParams): number {
  const pts = new Set<number>();
  for (const k of OFFSETS) {
    pts.add(g.mu0 + k * g.sigma0);
    pts.add(g.mu1 + k * g.sigma1);
  }
  const sorted = [...pts].sort((a, b) => a - b);
  let total = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    let s = 0;
    for (let k = 0; k < GL.x.length; k++) s += GL.w[k]! * f(mid + half * GL.x[k]!);
    total += half * s;
  }
  return total;
}

/** D(P‖Q) in nats by quadrature (a check of the closed form, shown beside it). */
export function gaussianKlNumerical(g: GaussianParams): number {
  return integrate((x) => {
    const lp = normalLogPdf(x, g.mu0, g.sigma0);
    return Math.exp(lp) * (lp - normalLogPdf(x, g.mu1, g.sigma1));
  }, g);
}

/** Jensen-Shannon divergence of the two Gaussians in nats, by quadrature: ½KL(P‖M) + ½KL(Q‖M). */
export function gaussianJsNumerical(g: GaussianParams): number {
  return integrate((x) => {
    const lp = normalLogPdf(x, g.mu0, g.sigma0);
    const lq = normalLogPdf(x, g.mu1, g.sigma1);
    const hi = Math.max(lp, lq);
    const lm = hi + Math.log1p(Math.exp(Math.min(lp, lq) - hi)) - Math.LN2;
    return 0.5 * (Math.exp(lp) * (lp - lm) + Math.exp(lq) * (lq - lm));
  }, g);
}

export interface GaussianSummary {
  readonly klPQ: number;
  readonly klQP: number;
  readonly js: number;
  readonly klPQNumerical: number;
}

/** Everything the explorer shows, in nats; `g` must be valid (isGaussianParams), as the core throws otherwise. */
export function gaussianSummary(g: GaussianParams): GaussianSummary {
  const { forward, reverse } = gaussianKlBoth(g.mu0, g.sigma0, g.mu1, g.sigma1);
  return {
    klPQ: forward.value,
    klQP: reverse.value,
    js: gaussianJsNumerical(g),
    klPQNumerical: gaussianKlNumerical(g),
  };
}

/** A value the explorer shows and the id of the element it is shown in. */
export type Readout = readonly [id: string, nats: number];

/** The one-dimensional read-outs, in the order of the page. */
export function gaussianReadouts(s: GaussianSummary): readonly Readout[] {
  return [
    [GAUSSIAN_IDS.klPQ, s.klPQ],
    [GAUSSIAN_IDS.klQP, s.klQP],
    [GAUSSIAN_IDS.js, s.js],
    [GAUSSIAN_IDS.klNumerical, s.klPQNumerical],
  ];
}

/** Points of both densities for drawing, over μ ± 4σ of both. */
export function densityCurves(g: GaussianParams, points = 241): { x: number[]; p: number[]; q: number[] } {
  const lo = Math.min(g.mu0 - 4 * g.sigma0, g.mu1 - 4 * g.sigma1);
  const hi = Math.max(g.mu0 + 4 * g.sigma0, g.mu1 + 4 * g.sigma1);
  const x = Array.from({ length: points }, (_, i) => lo + ((hi - lo) * i) / (points - 1));
  return { x, p: x.map((v) => normalPdf(v, g.mu0, g.sigma0)), q: x.map((v) => normalPdf(v, g.mu1, g.sigma1)) };
}

/** The closed form with the numbers substituted, as LaTeX (nats). */
export function gaussianKlLatex(g: GaussianParams, value: string): string {
  const f = (x: number) => String(Number(x.toPrecision(4)));
  return (
    `D_{\\mathrm{KL}}(P\\,\\|\\,Q) = \\ln\\frac{${f(g.sigma1)}}{${f(g.sigma0)}} + ` +
    `\\frac{${f(g.sigma0)}^2 + (${f(g.mu0)} - ${f(g.mu1)})^2}{2\\cdot ${f(g.sigma1)}^2} - \\frac12 = ${value}\\ \\text{nats}`
  );
}

/** Density of a mixture Σ w_i N(μ_i, σ_i²) (weights normalised by their sum) at each x. */
export function mixtureDensity(spec: { weights: readonly number[]; means: readonly number[]; sigmas: readonly number[] }, xs: readonly number[]): number[] {
  const total = spec.weights.reduce((a, b) => a + b, 0);
  return xs.map((x) => spec.weights.reduce((s, w, i) => s + (w / total) * normalPdf(x, spec.means[i]!, spec.sigmas[i]!), 0));
}
