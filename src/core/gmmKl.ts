import { DivergenceError } from './errors';
import { gaussianKlNats } from './gaussianKl';
import { NORMALIZATION_TOLERANCE } from './klDivergence';
import { resolveBase } from './logBase';
import { Xoshiro128StarStar } from './random';

/** The quantity estimated, as the panel renders it (KaTeX); p and q are mixtures of univariate normals. */
export const GMM_KL_FORMULA_LATEX =
  'D_{\\mathrm{KL}}(p\\,\\|\\,q) = \\int p(x)\\log\\frac{p(x)}{q(x)}\\,dx,\\quad ' +
  'p(x) = \\sum_a \\pi_a\\,\\mathcal{N}(x;\\mu_a,\\sigma_a^2),\\ q(x) = \\sum_b \\omega_b\\,\\mathcal{N}(x;\\nu_b,\\tau_b^2)';

/** A mixture of univariate normal distributions: component i has weight, mean and standard deviation σ. */
export interface GaussianMixture {
  /** Non-negative, not all 0; normalised to sum to 1 (the result reports it when they did not). */
  readonly weights: ArrayLike<number>;
  readonly means: ArrayLike<number>;
  /** Standard deviations (not variances), each finite and > 0. */
  readonly sigmas: ArrayLike<number>;
}

export type GmmKlMethod = 'mc' | 'variational' | 'unscented';

/** Default number of Monte Carlo samples: a standard error of about 0.3% of the spread of log p − log q. */
export const GMM_DEFAULT_SAMPLES = 100_000;
/** Largest number of Monte Carlo samples accepted (a few components cost about 0.4 s per million samples). */
export const GMM_MAX_SAMPLES = 100_000_000;

export interface GmmKlOptions {
  /** 'mc' (default): Monte Carlo with a standard error; 'variational' or 'unscented': deterministic approximations. */
  readonly method?: GmmKlMethod;
  /** Monte Carlo sample size, an integer from 2 to {@link GMM_MAX_SAMPLES}; default {@link GMM_DEFAULT_SAMPLES}. */
  readonly samples?: number;
  /** Monte Carlo seed, an integer from 0 to 2^53 − 1 (see `Xoshiro128StarStar`); default 0. */
  readonly seed?: number;
  /** Unscented transform parameter κ ≥ 0 (default 0, Hershey & Olsen's two points per component); see {@link gmmKl}. */
  readonly kappa?: number;
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
}

export interface GmmKlResult {
  readonly measure: 'gmm-kl';
  /** The estimate or approximation of D(p‖q), in `unit`. Not a closed form: `method` and `note` say what it is. */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  readonly method: GmmKlMethod;
  /** Monte Carlo only: the standard error of the estimate (of the mean of log p(x) − log q(x)), in `unit`. */
  readonly stderr?: number;
  /** Monte Carlo only: the sample size and the seed, which reproduce the value exactly. */
  readonly samples?: number;
  readonly seed?: number;
  /** Unscented only: the κ used. */
  readonly kappa?: number;
  /** What the value is, in one sentence for people (e.g. that the variational value can be negative). */
  readonly note: string;
  /** True when a weight vector did not sum to 1 (within 1e-12) and was normalised. */
  readonly normalized: boolean;
  /** The weight sums as given. */
  readonly weightSums: { readonly p: number; readonly q: number };
  /** Number of components of each mixture (components of weight 0 included). */
  readonly components: { readonly p: number; readonly q: number };
}

/** A validated mixture, normalised, without its zero-weight components. */
interface Mixture {
  readonly k: number;
  readonly weights: Float64Array;
  readonly logWeights: Float64Array;
  readonly means: Float64Array;
  readonly sigmas: Float64Array;
  /** ln w_i − ln σ_i − ½ ln 2π: the log density of component i at its mean, times its weight. */
  readonly logPeaks: Float64Array;
  readonly sum: number;
  readonly count: number;
}

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

function values(n: number): string {
  return n === 1 ? '1 value' : `${n} values`;
}

function validateMixture(m: GaussianMixture, which: 'p' | 'q'): Mixture {
  const w = `${which}-weights`;
  const mu = `${which}-means`;
  const sd = `${which}-sigmas`;
  const n = m.weights.length;
  if (n === 0) throw new DivergenceError('empty-input', `${w} has no values: a mixture needs at least one component`, { array: w });
  if (m.means.length !== n || m.sigmas.length !== n) {
    const [other, len] = m.means.length !== n ? [mu, m.means.length] : [sd, m.sigmas.length];
    throw new DivergenceError('length-mismatch', `${w} has ${values(n)} but ${other} has ${len}: one of each per component`, { array: other });
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = m.weights[i]!;
    if (!(x >= 0 && x < Infinity)) {
      throw new DivergenceError('invalid-value', `${w}[${i}] is ${String(x)}: weights must be finite and non-negative`, { array: w, index: i });
    }
    const mean = m.means[i]!;
    if (!Number.isFinite(mean)) {
      throw new DivergenceError('invalid-value', `${mu}[${i}] is ${String(mean)}: means must be finite`, { array: mu, index: i });
    }
    const s = m.sigmas[i]!;
    if (!(s > 0 && s < Infinity)) {
      throw new DivergenceError('invalid-parameter', `${sd}[${i}] is ${String(s)}: a standard deviation must be finite and > 0`, {
        array: sd,
        index: i,
      });
    }
    sum += x;
  }
  if (sum === 0) throw new DivergenceError('zero-sum', `${w} sums to zero: at least one weight must be positive`, { array: w });
  if (!Number.isFinite(sum)) throw new DivergenceError('invalid-value', `${w} sums to ${sum}: the weights overflow`, { array: w });
  const kept: number[] = [];
  for (let i = 0; i < n; i++) if (m.weights[i]! > 0) kept.push(i);
  const k = kept.length;
  const out: Mixture = {
    k,
    weights: new Float64Array(k),
    logWeights: new Float64Array(k),
    means: new Float64Array(k),
    sigmas: new Float64Array(k),
    logPeaks: new Float64Array(k),
    sum,
    count: n,
  };
  const lnSum = Math.log(sum);
  kept.forEach((i, j) => {
    const x = m.weights[i]!;
    out.weights[j] = x / sum;
    out.logWeights[j] = Math.log(x) - lnSum;
    out.means[j] = m.means[i]!;
    out.sigmas[j] = m.sigmas[i]!;
    out.logPeaks[j] = out.logWeights[j]! - Math.log(m.sigmas[i]!) - HALF_LN_2PI;
  });
  return out;
}

/**
 * ln Σ_i w_i·N(x; μ_i, σ_i²) by log-sum-exp: the largest log term m plus log1p of the others' exp(ℓ_i − m),
 * so that a density far below the smallest double (x many σ from every component) is still a finite log.
 */
function logDensity(m: Mixture, x: number): number {
  let max = -Infinity;
  let argMax = 0;
  const k = m.k;
  for (let i = 0; i < k; i++) {
    const z = (x - m.means[i]!) / m.sigmas[i]!;
    const l = m.logPeaks[i]! - 0.5 * z * z;
    if (l > max) {
      max = l;
      argMax = i;
    }
  }
  if (k === 1 || max === -Infinity) return max;
  let rest = 0;
  for (let i = 0; i < k; i++) {
    if (i === argMax) continue;
    const z = (x - m.means[i]!) / m.sigmas[i]!;
    rest += Math.exp(m.logPeaks[i]! - 0.5 * z * z - max);
  }
  return max + Math.log1p(rest);
}

/** ln Σ_i exp(x_i), for a short array. */
function logSumExp(x: Float64Array): number {
  let max = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i]! > max) max = x[i]!;
  if (max === -Infinity) return max;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i]! - max);
  return max + Math.log(s);
}

/**
 * The Kullback–Leibler divergence of one mixture of univariate normals from another,
 *
 *   D(p‖q) = ∫ p(x) ln(p(x)/q(x)) dx,  p = Σ_a π_a N(μ_a, σ_a²),  q = Σ_b ω_b N(ν_b, τ_b²)
 *   (LaTeX: {@link GMM_KL_FORMULA_LATEX}),
 *
 * which has no closed form (Hershey & Olsen 2007): the result is an estimate or an approximation, and says
 * which in `method` and `note`. Weights are normalised to sum to 1 (reported in `normalized` and
 * `weightSums`); components of weight 0 are dropped. In nats by default, or in the unit of `options.base`.
 *
 * Methods:
 * - 'mc' (default): Monte Carlo, the mean of ln p(x_s) − ln q(x_s) over `samples` draws x_s from p, with
 *   `stderr` = the sample standard deviation of those differences / √samples (the estimate is unbiased,
 *   and within 2·stderr of D about 95% of the time). Reproducible: draw s takes its component a from one
 *   uniform (`nextDouble`, the first a with u < π_1 + … + π_a) and then x_s = μ_a + σ_a·z from one normal
 *   (`nextNormal`) of a `Xoshiro128StarStar` seeded with `seed` (default 0). Both log densities are
 *   computed by log-sum-exp, so far tails do not underflow to −Infinity. Like any estimate, it can come out
 *   slightly negative when D is near 0.
 * - 'variational': Hershey & Olsen's variational approximation
 *     D_var = Σ_a π_a ln( Σ_a' π_a' e^{−D(f_a‖f_a')} / Σ_b ω_b e^{−D(f_a‖g_b)} )
 *   from the closed-form KLs between components: deterministic, exact when each mixture has one component,
 *   but not a bound, and it can be negative.
 * - 'unscented': the unscented approximation (Goldberger et al. 2003; Hershey & Olsen 2007): ln p − ln q
 *   averaged over the sigma points of each component of p, weighted by π_a. With κ = `kappa` (default 0)
 *   the 2d + 1 = 3 sigma points of a component (d = 1) are μ_a and μ_a ± √(1 + κ)·σ_a, with weights
 *   κ/(1 + κ) and 1/(2(1 + κ)) each: κ = 0 gives the centre weight 0, which is the two-point rule
 *   μ_a ± σ_a of Goldberger and of Hershey & Olsen (exact for polynomials in x up to degree 3 under each
 *   component); κ = 2 gives the three-point Gauss–Hermite rule (up to degree 5). Exact for any κ when p and q
 *   are single normals (ln p − ln q is then quadratic), otherwise an approximation of either sign.
 *
 * @throws DivergenceError for each mixture ('p' or 'q'): `empty-input`; `length-mismatch` when weights,
 *   means and sigmas differ in length; `invalid-value` for a negative or non-finite weight or a non-finite
 *   mean; `zero-sum` when all weights are 0; `invalid-parameter` for a standard deviation that is not finite
 *   and > 0 (naming it, e.g. 'q-sigmas' and its index), an unknown method, `samples` or `seed` out of
 *   range, κ < 0, or a bad base.
 * @example
 * const p = { weights: [0.5, 0.5], means: [-1, 1], sigmas: [0.5, 0.5] };
 * const q = { weights: [1], means: [0], sigmas: [1] };
 * gmmKl(p, q, { method: 'mc', seed: 1 })       // value 0.18528339174080077, stderr 0.0017172958687476424
 * gmmKl(p, q, { method: 'variational' }).value // 0.12533540637289564
 * gmmKl(p, q, { method: 'unscented' }).value   // 0.13407803605564372 (the true D, by quadrature: 0.18542698682307834)
 */
export function gmmKl(p: GaussianMixture, q: GaussianMixture, options: GmmKlOptions = {}): GmmKlResult {
  const base = resolveBase(options.base);
  const method = options.method ?? 'mc';
  if (method !== 'mc' && method !== 'variational' && method !== 'unscented') {
    throw new DivergenceError('invalid-parameter', `method must be 'mc', 'variational' or 'unscented', not '${String(method)}'`, {
      array: 'method',
    });
  }
  const mp = validateMixture(p, 'p');
  const mq = validateMixture(q, 'q');
  const common = {
    measure: 'gmm-kl' as const,
    unit: base.unit,
    base: base.base,
    method,
    normalized: Math.abs(mp.sum - 1) > NORMALIZATION_TOLERANCE || Math.abs(mq.sum - 1) > NORMALIZATION_TOLERANCE,
    weightSums: { p: mp.sum, q: mq.sum },
    components: { p: mp.count, q: mq.count },
  };
  if (method === 'mc') {
    const samples = options.samples ?? GMM_DEFAULT_SAMPLES;
    if (!Number.isInteger(samples) || samples < 2 || samples > GMM_MAX_SAMPLES) {
      throw new DivergenceError('invalid-parameter', `samples is ${String(samples)}: it must be an integer from 2 to ${GMM_MAX_SAMPLES}`, {
        array: 'samples',
      });
    }
    const seed = options.seed ?? 0;
    const { mean, stderr } = monteCarlo(mp, mq, samples, new Xoshiro128StarStar(seed));
    return {
      ...common,
      value: mean / base.lnBase,
      stderr: stderr / base.lnBase,
      samples,
      seed,
      note:
        `Monte Carlo estimate from ${samples} samples of p (xoshiro128**, seed ${seed}): the mean of ln p(x) − ln q(x); ` +
        'stderr is its standard error',
    };
  }
  if (method === 'variational') {
    return {
      ...common,
      value: variational(mp, mq) / base.lnBase,
      note: 'Hershey & Olsen (2007) variational approximation: deterministic, not a bound, and it can be negative; exact for single Gaussians',
    };
  }
  const kappa = options.kappa ?? 0;
  if (!(kappa >= 0 && kappa < Infinity)) {
    throw new DivergenceError('invalid-parameter', `kappa is ${String(kappa)}: it must be finite and ≥ 0`, { array: 'kappa' });
  }
  return {
    ...common,
    value: unscented(mp, mq, kappa) / base.lnBase,
    kappa,
    note:
      kappa === 0
        ? 'unscented approximation (Goldberger et al. 2003; Hershey & Olsen 2007): ln p − ln q averaged over the sigma points ' +
          'μ ± σ of each component of p; an approximation of either sign'
        : `unscented approximation with κ = ${kappa}: ln p − ln q averaged over the sigma points μ and μ ± √(1 + κ)·σ of each ` +
          'component of p; an approximation of either sign',
  };
}

/** Mean and standard error of ln p(x) − ln q(x) over draws from p (Welford's running mean and variance). */
function monteCarlo(p: Mixture, q: Mixture, samples: number, rng: Xoshiro128StarStar): { mean: number; stderr: number } {
  const cumulative = new Float64Array(p.k);
  let c = 0;
  for (let i = 0; i < p.k; i++) {
    c += p.weights[i]!;
    cumulative[i] = c;
  }
  const last = p.k - 1;
  let mean = 0;
  let m2 = 0;
  for (let s = 1; s <= samples; s++) {
    const u = rng.nextDouble();
    let a = 0;
    while (a < last && u >= cumulative[a]!) a++;
    const x = p.means[a]! + p.sigmas[a]! * rng.nextNormal();
    const f = logDensity(p, x) - logDensity(q, x);
    if (!(Math.abs(f) < Infinity)) {
      // ln q(x) below the smallest double (|x − ν|/τ overflows): the log ratio, hence the mean, is +Infinity.
      if (f === Infinity) return { mean: Infinity, stderr: Infinity };
      throw new DivergenceError(
        'invalid-parameter',
        `a Monte Carlo draw x = ${x} overflows: the means and standard deviations are too extreme for doubles; try method 'variational'`,
        { array: 'p-means' },
      );
    }
    const delta = f - mean;
    mean += delta / s;
    m2 += delta * (f - mean);
  }
  return { mean, stderr: Math.sqrt(m2 / (samples - 1) / samples) };
}

/** Σ_a π_a [ln Σ_a' π_a' e^{−D(f_a‖f_a')} − ln Σ_b ω_b e^{−D(f_a‖g_b)}], with log-sum-exp. */
function variational(p: Mixture, q: Mixture): number {
  const own = new Float64Array(p.k);
  const other = new Float64Array(q.k);
  let total = 0;
  for (let a = 0; a < p.k; a++) {
    if (p.weights[a] === 0) continue; // a weight that underflowed in normalising: 0·(±∞) would be NaN
    const mu = p.means[a]!;
    const sigma = p.sigmas[a]!;
    for (let b = 0; b < p.k; b++) own[b] = p.logWeights[b]! - gaussianKlNats(mu, sigma, p.means[b]!, p.sigmas[b]!);
    for (let b = 0; b < q.k; b++) other[b] = q.logWeights[b]! - gaussianKlNats(mu, sigma, q.means[b]!, q.sigmas[b]!);
    total += p.weights[a]! * (logSumExp(own) - logSumExp(other));
  }
  return total;
}

/** Σ_a π_a Σ_k W_k [ln p(x_{a,k}) − ln q(x_{a,k})] over the sigma points of each component of p. */
function unscented(p: Mixture, q: Mixture, kappa: number): number {
  const spread = Math.sqrt(1 + kappa);
  const sideWeight = 0.5 / (1 + kappa);
  const centreWeight = kappa / (1 + kappa);
  const f = (x: number) => logDensity(p, x) - logDensity(q, x);
  let total = 0;
  for (let a = 0; a < p.k; a++) {
    if (p.weights[a] === 0) continue; // a weight that underflowed in normalising: 0·(±∞) would be NaN
    const mu = p.means[a]!;
    const h = spread * p.sigmas[a]!;
    if (!(Math.abs(mu) + h < Infinity)) {
      throw new DivergenceError(
        'invalid-parameter',
        `the sigma points μ ± √(1 + κ)·σ of component ${a} of p overflow: the means and standard deviations are too extreme for doubles; try method 'variational'`,
        { array: 'p-sigmas' },
      );
    }
    let v = sideWeight * (f(mu + h) + f(mu - h));
    if (centreWeight > 0) v += centreWeight * f(mu);
    total += p.weights[a]! * v;
  }
  return total;
}
