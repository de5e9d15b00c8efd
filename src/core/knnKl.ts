import { DivergenceError } from './errors';
import { KdTree } from './kdTree';
import { resolveBase } from './logBase';
import { logRatio, NeumaierSum } from './numeric';
import type { SampleName } from './sampleStats';

/** The estimator, as the panel renders it (KaTeX). */
export const KNN_KL_FORMULA_LATEX =
  '\\hat D(P\\,\\|\\,Q) = \\frac{d}{n} \\sum_{i=1}^{n} \\log\\frac{\\nu_k(i)}{\\rho_k(i)} + \\log\\frac{m}{n-1}';

/**
 * What to do with points whose k-th neighbour distance is 0 (duplicates), where log(ν/ρ) is ±Infinity or
 * undefined: 'error' (default) throws `invalid-value` with the counts; 'skip' leaves those points out of the
 * average and reports how many.
 */
export type DuplicatePolicy = 'error' | 'skip';

export interface KnnKlOptions {
  /** Dimension d: P and Q hold n·d and m·d numbers, one point per d consecutive values. Default 1. */
  readonly d?: number;
  /** The neighbour rank k ≥ 1 (default 1): larger k lowers the variance and raises the bias. */
  readonly k?: number;
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
  readonly duplicates?: DuplicatePolicy;
}

export interface KnnKlResult {
  readonly measure: 'knn-kl';
  /** An estimate of D(P‖Q) from samples (consistent, not unbiased: it can come out negative), not an exact value. */
  readonly kind: 'estimate';
  readonly value: number;
  readonly unit: string;
  readonly base: number;
  readonly k: number;
  readonly d: number;
  /** Points of P and of Q. */
  readonly n: number;
  readonly m: number;
  /**
   * Points of P with ρ_k = 0 (≥ k other copies of them in P) and with ν_k = 0 (≥ k copies in Q), the policy,
   * and how many points were left out of the sum (0 under 'error', which throws instead).
   */
  readonly duplicates: { readonly policy: DuplicatePolicy; readonly zeroRho: number; readonly zeroNu: number; readonly skipped: number };
}

function checkInteger(name: string, value: number, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new DivergenceError('invalid-parameter', `${name} is ${String(value)}: it must be an integer ≥ ${min}`, { array: name });
  }
}

/** Validates one sample of points: a whole number of points, enough of them, every coordinate finite. */
function checkPoints(x: ArrayLike<number>, name: SampleName, d: number, minPoints: number, k: number): number {
  if (x.length === 0) throw new DivergenceError('empty-input', `${name} has no values`, { array: name });
  if (x.length % d !== 0) {
    throw new DivergenceError('length-mismatch', `${name} has ${x.length} values, not a whole number of points of dimension ${d}`, { array: name });
  }
  const points = x.length / d;
  if (points < minPoints) {
    const need = name === 'P' ? `k + 1 = ${k + 1} (each point needs k neighbours besides itself)` : `k = ${k}`;
    throw new DivergenceError('invalid-parameter', `${name} has ${points} point${points === 1 ? '' : 's'}: the k-NN estimate needs at least ${need}`, {
      array: name,
    });
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]!)) {
      const where = d === 1 ? `${name}[${i}]` : `${name}[${Math.floor(i / d)}][${i % d}]`;
      throw new DivergenceError('invalid-value', `${where} is ${String(x[i])}: sample values must be finite`, { array: name, index: i });
    }
  }
  return points;
}

/**
 * The k-nearest-neighbour estimate of D(P‖Q) of Wang, Kulkarni & Verdú (2009) from a sample of P (n points)
 * and one of Q (m points) in d dimensions, Euclidean distance:
 *
 *   D̂ = (d/n)·Σ_i ln(ν_k(i)/ρ_k(i)) + ln(m/(n − 1))      (LaTeX: {@link KNN_KL_FORMULA_LATEX})
 *
 * ρ_k(i) is the distance from x_i to its k-th nearest neighbour among the other points of P, ν_k(i) to its k-th
 * nearest point of Q. No bins, no density model; consistent as n, m → ∞, but biased for small samples and
 * not necessarily ≥ 0: the value is reported as computed, never clamped.
 *
 * Duplicates: a point with ≥ k other copies of itself in P has ρ = 0 (ln ν/ρ = +∞), one with ≥ k copies in
 * Q has ν = 0 (−∞); both are counted and reported. `duplicates: 'error'` (default) throws then;
 * `'skip'` averages over the n' points left (d/n' instead of d/n; the ln(m/(n−1)) term keeps the full sizes,
 * as the densities are still estimated from all points). Distances whose squares underflow (points closer
 * than ~1e-154 in d ≥ 2) count as 0.
 *
 * Method: d = 1 sorts both samples and walks k steps outwards from each point (O((n + m) log + n·k)); d ≥ 2
 * queries a k-d tree of each sample (`KdTree`), O(n log n)-ish for low d. Every ln(ν/ρ) is `logRatio` (in
 * d ≥ 2, ½·ln(ν²/ρ²) from the squared distances) and the sum is compensated.
 *
 * @throws DivergenceError `empty-input`; `length-mismatch` (a length not a multiple of d);
 *   `invalid-parameter` (k or d not a positive integer, n < k + 1 or m < k points, bad base or policy);
 *   `invalid-value` (a non-finite coordinate; duplicates under the 'error' policy, with their counts).
 * @example knnKl([0, 1, 2, 3], [0.5, 1.5, 2.5, 3.5]).value // −0.4054651081081644 (every ρ = 1, ν = ½: ln ½ + ln(4/3) = ln(2/3))
 */
export function knnKl(p: ArrayLike<number>, q: ArrayLike<number>, options: KnnKlOptions = {}): KnnKlResult {
  const d = options.d ?? 1;
  const k = options.k ?? 1;
  const policy = options.duplicates ?? 'error';
  checkInteger('d', d, 1);
  checkInteger('k', k, 1);
  if (policy !== 'error' && policy !== 'skip') {
    throw new DivergenceError('invalid-parameter', `duplicates is '${String(policy)}': use 'error' or 'skip'`, { array: 'duplicates' });
  }
  const base = resolveBase(options.base);
  const n = checkPoints(p, 'P', d, k + 1, k);
  const m = checkPoints(q, 'Q', d, k, k);

  const sum = new NeumaierSum();
  let zeroRho = 0;
  let zeroNu = 0;
  let kept = 0;
  const visit = (rho: number, nu: number, term: () => number): void => {
    const duplicate = rho === 0 || nu === 0;
    if (rho === 0) zeroRho++;
    if (nu === 0) zeroNu++;
    if (duplicate) return;
    sum.add(term());
    kept++;
  };
  if (d === 1) {
    neighbourDistances1d(p, q, k, (rho, nu) => {
      if (!(rho < Infinity && nu < Infinity)) {
        // As in d dimensions: a distance beyond the largest double (values of both signs near it).
        throw new DivergenceError('invalid-value', 'the distances between the points overflow: rescale the values', { array: 'P' });
      }
      visit(rho, nu, () => logRatio(nu, rho));
    });
  } else {
    const treeP = new KdTree(p, d);
    const treeQ = new KdTree(q, d);
    const rhoSquared = new Float64Array(k);
    const nuSquared = new Float64Array(k);
    for (let i = 0; i < n; i++) {
      treeP.nearestSquared(p, i * d, k, i, rhoSquared);
      treeQ.nearestSquared(p, i * d, k, -1, nuSquared);
      const rho2 = rhoSquared[k - 1]!;
      const nu2 = nuSquared[k - 1]!;
      if (!(rho2 < Infinity && nu2 < Infinity)) {
        throw new DivergenceError('invalid-value', `the squared distances between the points overflow: rescale the coordinates (P[${i}])`, {
          array: 'P',
          index: i * d,
        });
      }
      visit(rho2, nu2, () => 0.5 * logRatio(nu2, rho2));
    }
  }

  const skipped = n - kept;
  if (skipped > 0 && (policy === 'error' || kept === 0)) {
    const parts: string[] = [];
    if (zeroRho > 0) parts.push(`${zeroRho} point${zeroRho === 1 ? '' : 's'} of P with ≥ ${k} exact duplicate${k === 1 ? '' : 's'} in P (ρ = 0)`);
    if (zeroNu > 0) parts.push(`${zeroNu} point${zeroNu === 1 ? '' : 's'} of P with ≥ ${k} exact cop${k === 1 ? 'y' : 'ies'} in Q (ν = 0)`);
    const advice = kept === 0 ? 'no point is left to average over' : "remove or jitter duplicates, raise k, or skip them (duplicates: 'skip')";
    throw new DivergenceError('invalid-value', `the k-NN estimate is undefined: ${parts.join(' and ')}; ${advice}`, { array: 'P' });
  }
  const nats = (d / kept) * sum.value + logRatio(m, n - 1);
  return {
    measure: 'knn-kl',
    kind: 'estimate',
    value: nats / base.lnBase,
    unit: base.unit,
    base: base.base,
    k,
    d,
    n,
    m,
    duplicates: { policy, zeroRho, zeroNu, skipped },
  };
}

/**
 * Calls `visit(ρ_k(i), ν_k(i))` for every point of P in 1-D: both samples sorted, ρ from k steps outwards from
 * the point's own position in sorted P (taking the nearer side each step), ν likewise from its insertion
 * position in sorted Q, which only moves right as the points of P increase.
 */
function neighbourDistances1d(p: ArrayLike<number>, q: ArrayLike<number>, k: number, visit: (rho: number, nu: number) => void): void {
  const a = Float64Array.from(p).sort();
  const b = Float64Array.from(q).sort();
  const n = a.length;
  const m = b.length;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const rho = kthDistance(a, x, i - 1, i + 1, k);
    while (pos < m && b[pos]! < x) pos++;
    const nu = kthDistance(b, x, pos - 1, pos, k);
    visit(rho, nu);
  }
}

/** The k-th smallest |x − s[j]| over j ≤ left and j ≥ right of sorted s (merging the two sides outwards). */
function kthDistance(s: Float64Array, x: number, left: number, right: number, k: number): number {
  let l = left;
  let r = right;
  let distance = Infinity;
  for (let step = 0; step < k; step++) {
    const dl = l >= 0 ? x - s[l]! : Infinity;
    const dr = r < s.length ? s[r]! - x : Infinity;
    if (dl <= dr) {
      distance = dl;
      l--;
    } else {
      distance = dr;
      r++;
    }
  }
  return distance;
}
