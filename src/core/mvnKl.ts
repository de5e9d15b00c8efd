import { choleskyInPlace, dot, solveTwoByFour, forwardSolveInPlace, sumLogDiagonal } from './cholesky';
import { DivergenceError } from './errors';
import { scaleDivergence } from './gaussianKl';
import { resolveBase } from './logBase';
import { NeumaierSum } from './numeric';

/** The definition, as the panel renders it (KaTeX) and as documented below; k is the dimension. */
export const MVN_KL_FORMULA_LATEX =
  'D_{\\mathrm{KL}}(\\mathcal{N}_0\\,\\|\\,\\mathcal{N}_1) = \\frac{1}{2}\\Big[\\operatorname{tr}(\\Sigma_1^{-1}\\Sigma_0) + ' +
  '(\\mu_1-\\mu_0)^{\\top}\\Sigma_1^{-1}(\\mu_1-\\mu_0) - k + \\ln\\frac{|\\Sigma_1|}{|\\Sigma_0|}\\Big]';

/**
 * A covariance matrix, row-major: `values[i*d + j]` is row i, column j, and `shape` is `[d, d]` (for d = 1
 * also `[1]`, a single variance). This is the shape the array-literal parser and the CSV reader produce for
 * `[[1, 0.5], [0.5, 2]]` and for a table of rows, so parsed matrices pass straight in.
 */
export interface CovarianceMatrix {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
}

export interface MvnKlOptions {
  /** Log base of the result: 'e' (nats, default), 2 (bits), 10 (bans), or any number > 0 and ≠ 1. */
  readonly base?: number | string;
}

export interface MvnKlResult {
  readonly measure: 'mvn-kl';
  /** D(N(μ0, Σ0) ‖ N(μ1, Σ1)) in `unit`: ≥ 0, 0 when the two are equal; never NaN. */
  readonly value: number;
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
  /** The value is the closed form (not an estimate). */
  readonly closedForm: true;
  /** k, the dimension. */
  readonly dimension: number;
  /** The parts of the formula, for display (natural logarithm whatever the base): tr(Σ1⁻¹Σ0), ... */
  readonly trace: number;
  /** ... the squared Mahalanobis distance (μ1 − μ0)ᵀ Σ1⁻¹ (μ1 − μ0), ... */
  readonly mahalanobis: number;
  /** ... and ln(|Σ1|/|Σ0|). */
  readonly logDetRatio: number;
}

/**
 * The O(k³) steps of `mvnKl`, as functions of the TS reference's signatures: src/compute passes its WASM
 * kernels' (the same operations in the same order, so the same results) for large k.
 */
export interface MvnLinearAlgebra {
  choleskyInPlace(a: Float64Array, n: number): number;
  strictLowerSquares(l1: Float64Array, l0: Float64Array, d: number): number;
  /**
   * Optional: the two d×d arrays in which to factor Σ0 and Σ1 (WASM: views of the module's memory, so that
   * the kernels work where the factors lie, with no copy in or out); called once a covariance has shown d×d
   * values, at most once per call of `mvnKl`.
   */
  factorArrays?(d: number): readonly [Float64Array, Float64Array];
}

/** Two entries A_ij and A_ji differing by more than this times sqrt(|A_ii·A_jj|) make a matrix asymmetric. */
export const SYMMETRY_TOLERANCE = 1e-12;

/** The Cholesky factor of a validated covariance matrix. */
export interface CovarianceFactor {
  /**
   * L with Σ = L·Lᵀ, row-major d×d, strict upper triangle 0 (a new array, or the caller's `target`: the
   * input is never modified).
   */
  readonly l: Float64Array;
  readonly d: number;
}

function matrixLabel(name: string): string {
  const m = /^cov(\d)$/.exec(name);
  return m ? `${name} (Σ${m[1] === '0' ? '₀' : '₁'})` : name;
}

/**
 * Validates a covariance matrix and returns its Cholesky factor. `name` is the parameter as the user spells
 * it ('cov0', 'cov1'; shown with Σ0/Σ1) and goes into the error's `location.array`; for a matrix,
 * `location.index` is the 0-based row.
 *
 * - shape not `[d, d]` (or `[1]`), values not d·d, or d ≠ `expectedDimension` → `length-mismatch`;
 * - d = 0 → `empty-input`; a NaN or infinite entry → `invalid-value` (naming [row][column]);
 * - |A_ij − A_ji| > {@link SYMMETRY_TOLERANCE}·sqrt(|A_ii·A_jj|) → `not-positive-definite` ("not
 *   symmetric", naming both entries); within it, the lower triangle is used;
 * - a Cholesky pivot that is not positive, or at the rounding level of its diagonal entry (numerically
 *   singular, see `choleskyInPlace`) → `not-positive-definite`, naming the row of the failing pivot.
 *
 * `target`, when given and it returns an array, is asked for the d×d array to factor in once the shape is
 * checked (see `MvnLinearAlgebra.factorArrays`); else a new one is made.
 */
export function factorCovariance(
  cov: CovarianceMatrix,
  name: string,
  expectedDimension?: number,
  meanName?: string,
  factor: MvnLinearAlgebra['choleskyInPlace'] = choleskyInPlace,
  target?: () => Float64Array | undefined,
): CovarianceFactor {
  const label = matrixLabel(name);
  const shape = cov.shape;
  const n = cov.values.length;
  const square = (shape.length === 2 && shape[0] === shape[1]) || (shape.length === 1 && shape[0] === 1);
  if (!square) {
    throw new DivergenceError('length-mismatch', `${label} has shape [${shape.join(', ')}]: a covariance matrix must be square, [d, d]`, {
      array: name,
    });
  }
  const d = shape[0]!;
  if (n !== d * d) {
    throw new DivergenceError('length-mismatch', `${label} has shape [${d}, ${d}] but ${n} values`, { array: name });
  }
  if (d === 0) throw new DivergenceError('empty-input', `${label} has no values`, { array: name });
  if (expectedDimension !== undefined && d !== expectedDimension) {
    throw new DivergenceError(
      'length-mismatch',
      `${label} is ${d}×${d} but ${meanName ?? 'the mean'} has ${expectedDimension === 1 ? '1 value' : `${expectedDimension} values`}`,
      { array: name },
    );
  }
  const given = target?.();
  given?.set(cov.values);
  const a = given ?? (cov.values instanceof Float64Array ? cov.values.slice() : Float64Array.from(cov.values));
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(a[i]!)) {
      const row = Math.floor(i / d);
      throw new DivergenceError('invalid-value', `${name}[${row}][${i % d}] is ${String(a[i])}: covariances must be finite`, {
        array: name,
        index: row,
      });
    }
  }
  const asymmetry = findAsymmetry(a, d);
  if (asymmetry >= 0) {
    const i = Math.floor(asymmetry / d);
    const j = asymmetry % d;
    throw new DivergenceError(
      'not-positive-definite',
      `${label} is not symmetric: ${name}[${i}][${j}] is ${a[asymmetry]} but ${name}[${j}][${i}] is ${a[j * d + i]}`,
      { array: name, index: i },
    );
  }
  const diagonal = (k: number) => a[k * d + k]!;
  const original = Array.from({ length: d }, (_, k) => diagonal(k));
  const failed = factor(a, d);
  if (failed >= 0) {
    const pivot = diagonal(failed);
    const why =
      pivot > 0
        ? `is ${pivot}, at the rounding level of ${name}[${failed}][${failed}] = ${original[failed]} (numerically singular)`
        : `is ${pivot}${original[failed]! <= 0 ? ` (the variance ${name}[${failed}][${failed}] itself is ${original[failed]})` : ''}`;
    throw new DivergenceError('not-positive-definite', `${label} is not positive definite: the Cholesky pivot of row ${failed} (0-based) ${why}`, {
      array: name,
      index: failed,
    });
  }
  return { l: a, d };
}

/**
 * The flat index i·d + j (i > j) of the first entry, in row-major order of the lower triangle, with
 * |A_ij − A_ji| > {@link SYMMETRY_TOLERANCE}·sqrt(|A_ii·A_jj|), or −1. Compared in 32×32 tiles, so the
 * transposed reads stay within a few pages instead of striding across the whole matrix.
 */
function findAsymmetry(a: Float64Array, d: number): number {
  const tile = 32;
  let first = -1;
  for (let ib = 0; ib < d; ib += tile) {
    const iEnd = Math.min(ib + tile, d);
    for (let jb = 0; jb <= ib; jb += tile) {
      for (let i = ib; i < iEnd; i++) {
        const jEnd = Math.min(jb + tile, i);
        const aii = a[i * d + i]!;
        for (let j = jb; j < jEnd; j++) {
          const k = i * d + j;
          const aji = a[j * d + i]!;
          // Equal entries pass whatever the bound: the square root only for unequal ones.
          if (a[k] === aji) continue;
          if (Math.abs(a[k]! - aji) > SYMMETRY_TOLERANCE * Math.sqrt(Math.abs(aii * a[j * d + j]!)) && (first < 0 || k < first)) first = k;
        }
      }
    }
    if (first >= 0) return first; // every later tile row has larger indices
  }
  return -1;
}

/** Copies a mean vector, checking that it is non-empty and finite (`empty-input`, `invalid-value` with index). */
export function checkMean(mu: ArrayLike<number>, name: string): Float64Array {
  if (mu.length === 0) throw new DivergenceError('empty-input', `${name} has no values`, { array: name });
  const m = Float64Array.from(mu);
  for (let i = 0; i < m.length; i++) {
    if (!Number.isFinite(m[i]!)) {
      throw new DivergenceError('invalid-value', `${name}[${i}] is ${String(m[i])}: a mean must be finite`, { array: name, index: i });
    }
  }
  return m;
}

/**
 * Σ_{i>j} M_ij² for M = L1⁻¹·L0 (both lower triangular, row-major d×d), without storing M: column j of M is
 * the solution of L1·m = L0[:, j], zero above row j, found by forward substitution
 *   m_i = (L0_ij − Σ_{k=j}^{i−1} L1_ik·m_k) / L1_ii,   i = j, j+1, …, d−1,
 * whose inner loop is a dot product along row i of L1 (contiguous) with the column (in cache). Four columns
 * are solved together, two rows at a time (six loads feed eight multiply-adds), so L1 is streamed once per
 * four columns: d³/6 multiply-adds in all.
 */
export function strictLowerSquares(l1: Float64Array, l0: Float64Array, d: number): number {
  const total = new NeumaierSum();
  // Column j + c of M (c = 0..3) in cols[c*d .. c*d + d), valid from row j on (0 above its diagonal).
  const cols = new Float64Array(4 * d);
  // Σ_{i>j} M_ij² of the four columns, each summed in row order.
  const squares = new Float64Array(4);
  let j = 0;
  for (; j + 3 < d; j += 4) {
    squares.fill(0);
    // Rows j .. j+3: the 4×4 diagonal block of M, by plain substitution.
    for (let c = 0; c < 4; c++) {
      for (let i = j; i < j + 4; i++) {
        if (i < j + c) {
          cols[c * d + i] = 0;
          continue;
        }
        const ri = i * d;
        let s = 0;
        for (let k = j + c; k < i; k++) s += l1[ri + k]! * cols[c * d + k]!;
        const m = (l0[ri + j + c]! - s) / l1[ri + i]!;
        cols[c * d + i] = m;
        if (i > j + c) squares[c]! += m * m;
      }
    }
    // Rows below the block, two at a time.
    let i = j + 4;
    for (; i + 1 < d; i += 2) {
      const ri = i * d;
      const m = solveTwoByFour(l1, ri, ri + d, j, i, cols, 0, d, l0, ri + j, ri + d + j, 1);
      for (let c = 0; c < 4; c++) {
        const a = m[c]!;
        const b = m[4 + c]!;
        cols[c * d + i] = a;
        cols[c * d + i + 1] = b;
        squares[c]! += a * a + b * b;
      }
    }
    if (i < d) {
      const ri = i * d;
      const lii = l1[ri + i]!;
      for (let c = 0; c < 4; c++) {
        const m = (l0[ri + j + c]! - dot(l1, ri + j, cols, c * d + j, i - j)) / lii;
        cols[c * d + i] = m;
        squares[c]! += m * m;
      }
    }
    for (let c = 0; c < 4; c++) total.add(squares[c]!);
  }
  // The last d mod 4 columns, one at a time.
  for (; j < d; j++) {
    let q = 0;
    cols[j] = l0[j * d + j]! / l1[j * d + j]!;
    for (let i = j + 1; i < d; i++) {
      const ri = i * d;
      const m = (l0[ri + j]! - dot(l1, ri + j, cols, j, i - j)) / l1[ri + i]!;
      cols[i] = m;
      q += m * m;
    }
    total.add(q);
  }
  return total.value;
}

/**
 * Kullback–Leibler divergence of one multivariate normal distribution from another, in k dimensions:
 *
 *   D(N(μ0, Σ0) ‖ N(μ1, Σ1)) = ½·[tr(Σ1⁻¹Σ0) + (μ1 − μ0)ᵀ Σ1⁻¹ (μ1 − μ0) − k + ln(|Σ1|/|Σ0|)]
 *   (LaTeX: {@link MVN_KL_FORMULA_LATEX})
 *
 * in nats by default, or in the unit of `options.base`. Not symmetric: the reverse direction is
 * `mvnKl(mu1, cov1, mu0, cov0)`.
 *
 * Input: means as arrays of k numbers, covariances as {@link CovarianceMatrix} (row-major values with shape
 * [k, k]); neither is modified. Only the lower triangle of a covariance is used, after checking that the
 * matrix is symmetric to {@link SYMMETRY_TOLERANCE} (see {@link factorCovariance}).
 *
 * Method: never an inverse or a determinant. With Cholesky factors Σ0 = L0·L0ᵀ, Σ1 = L1·L1ᵀ and the lower
 * triangular M = L1⁻¹·L0, tr(Σ1⁻¹Σ0) = ‖M‖_F², ln(|Σ1|/|Σ0|) = −2·Σ ln M_ii with M_ii = L0_ii/L1_ii, and the
 * Mahalanobis term is ‖y‖² for L1·y = μ1 − μ0. Grouped as
 *   D = ½·[Σ_i (M_ii² − 1 − 2 ln M_ii) + Σ_{i>j} M_ij² + ‖y‖²],
 * every term is ≥ 0, so nothing cancels: near-equal distributions keep their relative accuracy where the
 * textbook grouping (tr − k + ln det) loses everything below k·1e-16. Each diagonal term is the univariate
 * e^{2t} − 1 − 2t with t = ln(L0_ii/L1_ii) (see `scaleDivergence`), and all sums are compensated.
 * Cost: k³/6 multiply-adds for each factorisation and for M, O(k²) memory (one copy of each matrix); measured
 * on one core: 6 ms for k = 200, 50 ms for k = 500, 0.4 s for k = 1000.
 *
 * Accuracy: the relative error is about k·u·κ (u = 2^-53, κ the larger condition number of Σ0 and Σ1),
 * as for any Cholesky-based method; the fixtures check 1e-12 against 40-digit references for κ up to 1e3.
 *
 * Edge cases: D = 0 when the means are equal and Σ0 = Σ1 exactly; k = 1 is the univariate formula with
 * σ² = the variance; a value beyond the largest double is Infinity.
 *
 * @throws DivergenceError `empty-input`; `invalid-value` for a non-finite mean or covariance entry (naming it);
 *   `length-mismatch` when the dimensions of μ0, μ1, Σ0, Σ1 differ or a covariance is not square;
 *   `not-positive-definite` when a covariance is not symmetric or not positive definite, naming cov0 (Σ0) or
 *   cov1 (Σ1) and the 0-based row of the failing pivot (also in `location.index`); `invalid-parameter` for a
 *   bad base.
 * @example
 * mvnKl([0, 0], { values: [1, 0, 0, 1], shape: [2, 2] }, [1, 0], { values: [2, 0, 0, 2], shape: [2, 2] }).value
 * // 0.4431471805599454 (= ½·[tr 1 + Mahalanobis ½ − 2 + ln det ratio 2 ln 2] = ln 2 − ¼ = 0.44314718055994530942…)
 */
export function mvnKl(
  mu0: ArrayLike<number>,
  cov0: CovarianceMatrix,
  mu1: ArrayLike<number>,
  cov1: CovarianceMatrix,
  options: MvnKlOptions = {},
  linearAlgebra: MvnLinearAlgebra = TS_LINEAR_ALGEBRA,
): MvnKlResult {
  const base = resolveBase(options.base);
  const m0 = checkMean(mu0, 'mu0');
  const m1 = checkMean(mu1, 'mu1');
  if (m0.length !== m1.length) {
    throw new DivergenceError('length-mismatch', `mu0 has ${m0.length === 1 ? '1 value' : `${m0.length} values`} and mu1 has ${m1.length}`);
  }
  const d = m0.length;
  let arrays: readonly [Float64Array, Float64Array] | undefined;
  const target = (which: 0 | 1) => () => (arrays ??= linearAlgebra.factorArrays?.(d))?.[which];
  const { l: l0 } = factorCovariance(cov0, 'cov0', d, 'mu0', linearAlgebra.choleskyInPlace, target(0));
  const { l: l1 } = factorCovariance(cov1, 'cov1', d, 'mu1', linearAlgebra.choleskyInPlace, target(1));

  const mahalanobis = { value: mahalanobisSquared(m0, m1, l1, d) };

  const diagonal = new NeumaierSum(); // ½·Σ_i (M_ii² − 1 − 2 ln M_ii)
  const diagonalSquares = new NeumaierSum(); // Σ_i M_ii², for the reported trace
  for (let i = 0; i < d; i++) {
    const l0ii = l0[i * d + i]!;
    const l1ii = l1[i * d + i]!;
    diagonal.add(scaleDivergence(l0ii, l1ii));
    const r = l0ii / l1ii;
    diagonalSquares.add(r * r);
  }
  const offDiagonal = linearAlgebra.strictLowerSquares(l1, l0, d);

  const sum = new NeumaierSum();
  sum.add(diagonal.value);
  sum.add(0.5 * offDiagonal);
  sum.add(0.5 * mahalanobis.value);
  const nats = sum.value;
  return {
    measure: 'mvn-kl',
    value: nats / base.lnBase,
    unit: base.unit,
    base: base.base,
    closedForm: true,
    dimension: d,
    trace: diagonalSquares.value + offDiagonal,
    mahalanobis: mahalanobis.value,
    logDetRatio: 2 * (sumLogDiagonal(l1, d) - sumLogDiagonal(l0, d)),
  };
}

/** ‖y‖² for L1·y = μ1 − μ0, the squared Mahalanobis distance; +Infinity when it is beyond the largest double. */
function mahalanobisSquared(m0: Float64Array, m1: Float64Array, l1: Float64Array, d: number, scale?: number): number {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) y[i] = scale === undefined ? m1[i]! - m0[i]! : m1[i]! * scale - m0[i]! * scale;
  forwardSolveInPlace(l1, d, y);
  const sum = new NeumaierSum();
  for (let i = 0; i < d; i++) sum.add(y[i]! * y[i]!);
  const v = sum.value;
  if (v < Infinity) return v;
  if (scale !== undefined) return Infinity; // even the scaled solve overflows (or meets 0·∞): the distance is beyond doubles
  // μ1 − μ0 or the solve overflowed: solve again for (μ1 − μ0)/s, s a power of two near the largest mean, and
  // scale back, ‖y‖² = s²·‖y/s‖² (as (s·‖y/s‖)², so that only a true overflow gives Infinity).
  let big = 0;
  for (let i = 0; i < d; i++) big = Math.max(big, Math.abs(m0[i]!), Math.abs(m1[i]!));
  const s = 2 ** Math.min(1023, Math.floor(Math.log2(big))); // log2 of the largest double rounds to 1024
  const scaled = mahalanobisSquared(m0, m1, l1, d, 1 / s);
  const r = Math.sqrt(scaled) * s;
  return r * r;
}

const TS_LINEAR_ALGEBRA: MvnLinearAlgebra = { choleskyInPlace, strictLowerSquares };
