/**
 * Dense Cholesky factorisation and triangular solves on row-major `Float64Array` matrices: the linear algebra
 * behind the multivariate Gaussian measures (mvnKl, gaussianEntropy). Pure TypeScript, no Node built-ins.
 *
 * Every inner loop runs along rows (contiguous memory) as a dot product, with several independent
 * accumulators so that the JIT keeps multiply-adds in flight. Cost: n³/3 multiply-adds for the
 * factorisation, n²/2 per solved vector.
 */

/** The unit roundoff's double, 2^-52, the spacing of the doubles at 1. */
const EPSILON = 2 ** -52;

/** Σ_{k<len} a[i + k]·b[j + k], with four accumulators (a and b may be the same array: two row prefixes). */
export function dot(a: Float64Array, i: number, b: Float64Array, j: number, len: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < len; k += 4) {
    s0 += a[i + k]! * b[j + k]!;
    s1 += a[i + k + 1]! * b[j + k + 1]!;
    s2 += a[i + k + 2]! * b[j + k + 2]!;
    s3 += a[i + k + 3]! * b[j + k + 3]!;
  }
  for (; k < len; k++) s0 += a[i + k]! * b[j + k]!;
  return s0 + s1 + (s2 + s3);
}

/** The eight unknowns of {@link solveTwoByFour}, reused from call to call. */
const TWO_BY_FOUR = new Float64Array(8);

/**
 * One 2×4 step of a blocked forward substitution with a lower-triangular L (row-major), shared by the
 * Cholesky factorisation and mvnKl's L1⁻¹·L0: rows u and v = u + 1 of L (starting at offsets u0 and v0), and
 * four right-hand sides c = 0..3 whose unknowns x_c[k] = x[x0 + c·xStride + k] are known for k in
 * [from, to) (to = u), give the next two unknowns of each
 *   y_c = (r[r1 + c·rStride] − Σ_k L_uk·x_c[k]) / L_uu,
 *   z_c = (r[r2 + c·rStride] − (Σ_k L_vk·x_c[k] + L_vu·y_c)) / L_vv.
 * A register block: six loads feed eight multiply-adds, so each row is read once for four right-hand sides
 * (and each of those once for two rows). Returns [y_0..y_3, z_0..z_3] in a scratch array, valid until the
 * next call.
 */
export function solveTwoByFour(
  l: Float64Array,
  u0: number,
  v0: number,
  from: number,
  to: number,
  x: Float64Array,
  x0: number,
  xStride: number,
  r: Float64Array,
  r1: number,
  r2: number,
  rStride: number,
): Float64Array {
  const x1 = x0 + xStride;
  const x2 = x1 + xStride;
  const x3 = x2 + xStride;
  // s_c = Σ_k L_uk·x_c[k] and t_c = Σ_k L_vk·x_c[k]: eight independent accumulators, kept in registers.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let k = from; k < to; k++) {
    const lu = l[u0 + k]!;
    const lv = l[v0 + k]!;
    const m0 = x[x0 + k]!;
    const m1 = x[x1 + k]!;
    const m2 = x[x2 + k]!;
    const m3 = x[x3 + k]!;
    s0 += m0 * lu;
    s1 += m1 * lu;
    s2 += m2 * lu;
    s3 += m3 * lu;
    t0 += m0 * lv;
    t1 += m1 * lv;
    t2 += m2 * lv;
    t3 += m3 * lv;
  }
  const luu = l[u0 + to]!;
  const lvu = l[v0 + to]!;
  const lvv = l[v0 + to + 1]!;
  const out = TWO_BY_FOUR;
  out[0] = (r[r1]! - s0) / luu;
  out[1] = (r[r1 + rStride]! - s1) / luu;
  out[2] = (r[r1 + 2 * rStride]! - s2) / luu;
  out[3] = (r[r1 + 3 * rStride]! - s3) / luu;
  out[4] = (r[r2]! - (t0 + out[0]! * lvu)) / lvv;
  out[5] = (r[r2 + rStride]! - (t1 + out[1]! * lvu)) / lvv;
  out[6] = (r[r2 + 2 * rStride]! - (t2 + out[2]! * lvu)) / lvv;
  out[7] = (r[r2 + 3 * rStride]! - (t3 + out[3]! * lvu)) / lvv;
  return out;
}

/**
 * Factors a symmetric positive-definite n×n matrix A = L·Lᵀ in place (L lower triangular with a positive
 * diagonal), reading only the lower triangle of `a` (row-major: a[i*n + j] is row i, column j, j ≤ i). On
 * success the lower triangle holds L, the strict upper triangle is set to 0 (so `a` is exactly L), and the
 * result is -1.
 *
 * A pivot p_k = a_kk − Σ_{j<k} L_kj² is rejected when it is not above n·2^-52·a_kk: zero, negative and NaN
 * pivots (the matrix is not positive definite, or holds a NaN), and positive pivots at the rounding level of
 * the diagonal entry, where the matrix cannot be told from a singular one in double precision and every
 * quantity computed from L would be noise. The threshold is relative to a_kk, so scaling a variable does not
 * change the verdict. Then the result is that 0-based row k, `a[k*n + k]` holds the rejected pivot p_k, and
 * the other entries are partly factored (unspecified).
 *
 * Method: the row-oriented (Cholesky–Banachiewicz) form, L_ij = (a_ij − Σ_{k<j} L_ik·L_jk)/L_jj, whose inner
 * loop is a dot product of two row prefixes (contiguous memory). Rows are factored four at a time against
 * pairs of earlier rows (a 4×2 register block: six loads feed eight multiply-adds, and each earlier row is
 * read once per four rows): about 2·10^9 multiply-adds per second in V8, 0.09 s for n = 1000 (panels of rows
 * kept in cache gained nothing measurable on top). The rounding is that of the plain algorithm (backward
 * error about n·u·|A|); only the order of the additions in each dot product differs.
 *
 * @example
 * const a = Float64Array.of(4, 0, 2, 5); // [[4, 2], [2, 5]]; a[1] is not read
 * choleskyInPlace(a, 2) // -1, a = [2, 0, 1, 2]
 * choleskyInPlace(Float64Array.of(1, 0, 2, 1), 2) // 1: the pivot of row 1 is 1 - 2² = -3
 */
export function choleskyInPlace(a: Float64Array, n: number): number {
  const tolerance = n * EPSILON;
  const full = n - (n % 4);
  for (let g = 0; g < full; g += 4) {
    // g is even, so the earlier columns come in whole pairs.
    for (let j = 0; j < g; j += 2) fourRowsTwoColumns(a, n, g, j);
    for (let i = g; i < g + 4; i++) if (!finishRow(a, n, i, g, tolerance)) return i;
  }
  for (let i = full; i < n; i++) if (!finishRow(a, n, i, 0, tolerance)) return i;
  for (let i = 0; i < n; i++) a.fill(0, i * n + i + 1, (i + 1) * n);
  return -1;
}

/**
 * Columns j and j+1 of rows g .. g+3, when their columns before j are final: L_rj = (a_rj − Σ_{k<j}
 * L_rk·L_jk)/L_jj, and L_r(j+1) likewise with the term k = j, whose L_rj is only known then, added last.
 */
function fourRowsTwoColumns(a: Float64Array, n: number, g: number, j: number): void {
  const r0 = g * n;
  const y = solveTwoByFour(a, j * n, (j + 1) * n, 0, j, a, r0, n, a, r0 + j, r0 + j + 1, n);
  for (let c = 0; c < 4; c++) {
    a[r0 + c * n + j] = y[c]!;
    a[r0 + c * n + j + 1] = y[4 + c]!;
  }
}

/**
 * Columns `from` .. i−1 of row i (columns before `from` are final), then its pivot. False when the pivot is
 * rejected (it is then left in a[i*n + i]).
 */
function finishRow(a: Float64Array, n: number, i: number, from: number, tolerance: number): boolean {
  const ri = i * n;
  for (let j = from; j < i; j++) {
    const rj = j * n;
    a[ri + j] = (a[ri + j]! - dot(a, ri, a, rj, j)) / a[rj + j]!;
  }
  const diagonal = a[ri + i]!;
  const pivot = diagonal - dot(a, ri, a, ri, i);
  if (!(pivot > tolerance * diagonal)) {
    a[ri + i] = pivot;
    return false;
  }
  a[ri + i] = Math.sqrt(pivot);
  return true;
}

/**
 * Solves L·y = b in place (b becomes y) for a lower-triangular L (row-major n×n, as `choleskyInPlace` leaves
 * it; only the lower triangle is read), by forward substitution y_i = (b_i − Σ_{k<i} L_ik·y_k)/L_ii.
 *
 * @example
 * const y = Float64Array.of(2, 5);
 * forwardSolveInPlace(Float64Array.of(2, 0, 1, 2), 2, y) // y = [1, 2]
 */
export function forwardSolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    b[i] = (b[i]! - dot(l, ri, b, 0, i)) / l[ri + i]!;
  }
}

/**
 * Σ_i ln L_ii for a lower-triangular L with a positive diagonal: half the log-determinant of A = L·Lᵀ
 * (ln|A| = 2·Σ ln L_ii), summed with compensation. The determinant itself is never formed: it over- or
 * underflows long before its logarithm does (|0.1·I| in dimension 400 is 1e-400).
 */
export function sumLogDiagonal(l: Float64Array, n: number): number {
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.log(l[i * n + i]!);
    const t = sum + x;
    compensation += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
    sum = t;
  }
  return sum + compensation;
}
