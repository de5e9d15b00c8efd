/**
 * Cholesky factorisation and the triangular solves behind MVN KL: `choleskyInPlace` of src/core/cholesky.ts
 * and `strictLowerSquares` of src/core/mvnKl.ts, on row-major f64 matrices the host has copied into linear
 * memory. Every sum is accumulated in the reference's order, operation for operation, so the results are
 * identical to the TS path's (bit for bit); SIMD only puts independent accumulators side by side:
 *
 * - dot products with four accumulators s0..s3 over k ≡ 0, 1, 2, 3 (mod 4): lanes (s0, s1) and (s2, s3) of
 *   two f64x2 sums over contiguous loads; the tail and the final s0 + s1 + (s2 + s3) as the reference;
 * - the 4×2 register block of the factorisation (rows g..g+3 against columns j, j+1): per row r one f64x2
 *   accumulator (s_r, t_r) += x_r·(L_jk, L_(j+1)k);
 * - the four columns of M = L1⁻¹·L0 solved together: the columns are stored interleaved (4 values per row
 *   k), so that (m0, m1) and (m2, m3) are two vector loads, and (s0, s1) += u·(m0, m1) etc.
 *
 * Protocol: `choleskyFactor(aPtr, n)` factors in place and returns -1 or the 0-based row of the rejected
 * pivot (left in a[row][row]), as `choleskyInPlace`; `lowerSquares(l1Ptr, l0Ptr, d, colsPtr)` returns
 * Σ_{i>j} M_ij² with 4·d doubles of scratch at colsPtr.
 */

/** 2^-52, the spacing of the doubles at 1. */
const EPSILON: f64 = 2.220446049250313e-16;

// @ts-ignore: decorator
@inline
function at(base: usize, index: i32): usize {
  return base + (<usize>index << 3);
}

/** Σ_{k<len} x[k]·y[k] (contiguous), with the reference's four accumulators (cholesky.ts dot/dotRows). */
function dotContiguous(x: usize, y: usize, len: i32): f64 {
  let v01 = f64x2.splat(0);
  let v23 = f64x2.splat(0);
  let k: i32 = 0;
  for (; k + 3 < len; k += 4) {
    const off = <usize>k << 3;
    v01 = f64x2.add(v01, f64x2.mul(v128.load(x + off), v128.load(y + off)));
    v23 = f64x2.add(v23, f64x2.mul(v128.load(x + off, 16), v128.load(y + off, 16)));
  }
  let s0 = f64x2.extract_lane(v01, 0);
  const s1 = f64x2.extract_lane(v01, 1);
  const s2 = f64x2.extract_lane(v23, 0);
  const s3 = f64x2.extract_lane(v23, 1);
  for (; k < len; k++) s0 += load<f64>(at(x, k)) * load<f64>(at(y, k));
  return s0 + s1 + (s2 + s3);
}

/** Σ_{k<len} x[k]·y[4k] (y: one column of the interleaved scratch), with the reference's four accumulators. */
function dotStrided(x: usize, y: usize, len: i32): f64 {
  let s0: f64 = 0;
  let s1: f64 = 0;
  let s2: f64 = 0;
  let s3: f64 = 0;
  let k: i32 = 0;
  for (; k + 3 < len; k += 4) {
    s0 += load<f64>(at(x, k)) * load<f64>(at(y, 4 * k));
    s1 += load<f64>(at(x, k + 1)) * load<f64>(at(y, 4 * k + 4));
    s2 += load<f64>(at(x, k + 2)) * load<f64>(at(y, 4 * k + 8));
    s3 += load<f64>(at(x, k + 3)) * load<f64>(at(y, 4 * k + 12));
  }
  for (; k < len; k++) s0 += load<f64>(at(x, k)) * load<f64>(at(y, 4 * k));
  return s0 + s1 + (s2 + s3);
}

/** `choleskyInPlace` of src/core/cholesky.ts on the n×n matrix at a. */
export function choleskyFactor(a: usize, n: i32): i32 {
  const tolerance = <f64>n * EPSILON;
  const full = n - (n % 4);
  for (let g: i32 = 0; g < full; g += 4) {
    for (let j: i32 = 0; j < g; j += 2) fourRowsTwoColumns(a, n, g, j);
    for (let i = g; i < g + 4; i++) if (!finishRow(a, n, i, g, tolerance)) return i;
  }
  for (let i = full; i < n; i++) if (!finishRow(a, n, i, 0, tolerance)) return i;
  for (let i: i32 = 0; i < n; i++) memory.fill(at(a, i * n + i + 1), 0, <usize>(n - i - 1) << 3);
  return -1;
}

function fourRowsTwoColumns(a: usize, n: i32, g: i32, j: i32): void {
  const r0 = at(a, g * n);
  const r1 = at(r0, n);
  const r2 = at(r1, n);
  const r3 = at(r2, n);
  const rj = at(a, j * n);
  const rk = at(rj, n);
  let a0 = f64x2.splat(0); // (s0, t0)
  let a1 = f64x2.splat(0);
  let a2 = f64x2.splat(0);
  let a3 = f64x2.splat(0);
  for (let k: i32 = 0; k < j; k++) {
    const off = <usize>k << 3;
    const l = v128.load64_lane(rk + off, v128.load64_splat(rj + off), 1); // (L_jk, L_(j+1)k)
    a0 = f64x2.add(a0, f64x2.mul(v128.load64_splat(r0 + off), l));
    a1 = f64x2.add(a1, f64x2.mul(v128.load64_splat(r1 + off), l));
    a2 = f64x2.add(a2, f64x2.mul(v128.load64_splat(r2 + off), l));
    a3 = f64x2.add(a3, f64x2.mul(v128.load64_splat(r3 + off), l));
  }
  const ljj = load<f64>(at(rj, j));
  const lkj = load<f64>(at(rk, j));
  const lkk = load<f64>(at(rk, j + 1));
  finishPair(r0, j, a0, ljj, lkj, lkk);
  finishPair(r1, j, a1, ljj, lkj, lkk);
  finishPair(r2, j, a2, ljj, lkj, lkk);
  finishPair(r3, j, a3, ljj, lkj, lkk);
}

// @ts-ignore: decorator
@inline
function finishPair(row: usize, j: i32, acc: v128, ljj: f64, lkj: f64, lkk: f64): void {
  const y = (load<f64>(at(row, j)) - f64x2.extract_lane(acc, 0)) / ljj;
  store<f64>(at(row, j), y);
  store<f64>(at(row, j + 1), (load<f64>(at(row, j + 1)) - (f64x2.extract_lane(acc, 1) + y * lkj)) / lkk);
}

function finishRow(a: usize, n: i32, i: i32, from: i32, tolerance: f64): bool {
  const ri = at(a, i * n);
  for (let j = from; j < i; j++) {
    const rj = at(a, j * n);
    store<f64>(at(ri, j), (load<f64>(at(ri, j)) - dotContiguous(ri, rj, j)) / load<f64>(at(rj, j)));
  }
  const diagonal = load<f64>(at(ri, i));
  const pivot = diagonal - dotContiguous(ri, ri, i);
  if (!(pivot > tolerance * diagonal)) {
    store<f64>(at(ri, i), pivot);
    return false;
  }
  store<f64>(at(ri, i), Math.sqrt(pivot));
  return true;
}

// The reference's NeumaierSum (src/core/numeric.ts), non-finite addends kept apart.
let total: f64 = 0;
let compensation: f64 = 0;
let nonFinite: f64 = 0;

function totalAdd(x: f64): void {
  if (!(abs(x) < Infinity)) {
    nonFinite += x;
    return;
  }
  const t = total + x;
  if (!(abs(t) < Infinity)) {
    nonFinite += t;
    return;
  }
  if (abs(total) >= abs(x)) compensation += total - t + x;
  else compensation += x - t + total;
  total = t;
}

/** `strictLowerSquares` of src/core/mvnKl.ts: Σ_{i>j} M_ij², M = L1⁻¹·L0; 4·d doubles of scratch at cols. */
export function lowerSquares(l1: usize, l0: usize, d: i32, cols: usize): f64 {
  total = 0;
  compensation = 0;
  nonFinite = 0;
  // Column j + c of M, row k, at cols[4k + c].
  let j: i32 = 0;
  for (; j + 3 < d; j += 4) {
    let q0: f64 = 0;
    let q1: f64 = 0;
    let q2: f64 = 0;
    let q3: f64 = 0;
    // Rows j .. j+3: the 4×4 diagonal block, by plain substitution.
    for (let c: i32 = 0; c < 4; c++) {
      let squares: f64 = 0;
      for (let i = j; i < j + 4; i++) {
        if (i < j + c) {
          store<f64>(at(cols, 4 * i + c), 0);
          continue;
        }
        const ri = at(l1, i * d);
        let s: f64 = 0;
        for (let k = j + c; k < i; k++) s += load<f64>(at(ri, k)) * load<f64>(at(cols, 4 * k + c));
        const m = (load<f64>(at(l0, i * d + j + c)) - s) / load<f64>(at(ri, i));
        store<f64>(at(cols, 4 * i + c), m);
        if (i > j + c) squares += m * m;
      }
      if (c == 0) q0 = squares;
      else if (c == 1) q1 = squares;
      else if (c == 2) q2 = squares;
      else q3 = squares;
    }
    // Rows below the block, two at a time.
    let i = j + 4;
    for (; i + 1 < d; i += 2) {
      const ri = at(l1, i * d);
      const rn = at(ri, d);
      let s01 = f64x2.splat(0);
      let s23 = f64x2.splat(0);
      let t01 = f64x2.splat(0);
      let t23 = f64x2.splat(0);
      for (let k = j; k < i; k++) {
        const off = <usize>k << 3;
        const u = v128.load64_splat(ri + off);
        const v = v128.load64_splat(rn + off);
        const m01 = v128.load(cols + (off << 2));
        const m23 = v128.load(cols + (off << 2), 16);
        s01 = f64x2.add(s01, f64x2.mul(u, m01));
        s23 = f64x2.add(s23, f64x2.mul(u, m23));
        t01 = f64x2.add(t01, f64x2.mul(v, m01));
        t23 = f64x2.add(t23, f64x2.mul(v, m23));
      }
      const lii = load<f64>(at(ri, i));
      const lni = load<f64>(at(rn, i));
      const lnn = load<f64>(at(rn, i + 1));
      const o0 = at(l0, i * d + j);
      const o1 = at(o0, d);
      const a0 = (load<f64>(o0) - f64x2.extract_lane(s01, 0)) / lii;
      const a1 = (load<f64>(o0, 8) - f64x2.extract_lane(s01, 1)) / lii;
      const a2 = (load<f64>(o0, 16) - f64x2.extract_lane(s23, 0)) / lii;
      const a3 = (load<f64>(o0, 24) - f64x2.extract_lane(s23, 1)) / lii;
      const b0 = (load<f64>(o1) - (f64x2.extract_lane(t01, 0) + lni * a0)) / lnn;
      const b1 = (load<f64>(o1, 8) - (f64x2.extract_lane(t01, 1) + lni * a1)) / lnn;
      const b2 = (load<f64>(o1, 16) - (f64x2.extract_lane(t23, 0) + lni * a2)) / lnn;
      const b3 = (load<f64>(o1, 24) - (f64x2.extract_lane(t23, 1) + lni * a3)) / lnn;
      const ci = at(cols, 4 * i);
      store<f64>(ci, a0);
      store<f64>(ci, a1, 8);
      store<f64>(ci, a2, 16);
      store<f64>(ci, a3, 24);
      store<f64>(ci, b0, 32);
      store<f64>(ci, b1, 40);
      store<f64>(ci, b2, 48);
      store<f64>(ci, b3, 56);
      q0 += a0 * a0 + b0 * b0;
      q1 += a1 * a1 + b1 * b1;
      q2 += a2 * a2 + b2 * b2;
      q3 += a3 * a3 + b3 * b3;
    }
    if (i < d) {
      const ri = at(l1, i * d);
      const lii = load<f64>(at(ri, i));
      for (let c: i32 = 0; c < 4; c++) {
        const m = (load<f64>(at(l0, i * d + j + c)) - dotStrided(at(ri, j), at(cols, 4 * j + c), i - j)) / lii;
        store<f64>(at(cols, 4 * i + c), m);
        const square = m * m;
        if (c == 0) q0 += square;
        else if (c == 1) q1 += square;
        else if (c == 2) q2 += square;
        else q3 += square;
      }
    }
    totalAdd(q0);
    totalAdd(q1);
    totalAdd(q2);
    totalAdd(q3);
  }
  // The last d mod 4 columns, one at a time (column 0 of the scratch).
  for (; j < d; j++) {
    let q: f64 = 0;
    store<f64>(at(cols, 4 * j), load<f64>(at(l0, j * d + j)) / load<f64>(at(l1, j * d + j)));
    for (let i = j + 1; i < d; i++) {
      const ri = at(l1, i * d);
      const m = (load<f64>(at(l0, i * d + j)) - dotStrided(at(ri, j), at(cols, 4 * j), i - j)) / load<f64>(at(ri, i));
      store<f64>(at(cols, 4 * i), m);
      q += m * m;
    }
    totalAdd(q);
  }
  return nonFinite == 0 ? total + compensation : nonFinite;
}
