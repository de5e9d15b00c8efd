/**
 * The triangular solve behind MVN KL: `strictLowerSquares` of src/core/mvnKl.ts, Σ_{i>j} M_ij² for
 * M = L1⁻¹·L0, on row-major f64 matrices in linear memory, with the same result bit for bit: the reference
 * solves the columns of M in groups of four, and every entry is
 *   M_ij = (L0_ij − Σ_{k=j'}^{i−1} L1_ik·M_kj)/L1_ii   (j' the group's first column),
 * the sum in order of k (one accumulator; four for the last row when d is odd, and for the last d mod 4
 * columns); each group's four sums of squares in row order, then added to the total in column order.
 *
 * This kernel solves two groups (eight columns) together where it can: their entries stored interleaved (8
 * values per row k of the scratch), so that row k's part of the eight columns is four vector loads; for two
 * rows at a time, eight f64x2 sums take 16 multiply-adds per step k from six loads, and L1 is streamed once
 * per eight columns. The first group's sums start four steps earlier (k = j' .. j'+3), in order.
 *
 * Protocol: `lowerSquares(l1Ptr, l0Ptr, d, colsPtr)` returns Σ_{i>j} M_ij² with 8·d doubles of scratch at
 * colsPtr; `lowerSquaresColumns(l1Ptr, l0Ptr, d, colsPtr, from, to, outPtr)` stores the addends of that sum
 * which columns [from, to) give, in order, at outPtr (for two threads, each with a range of columns).
 */
import { at } from './choleskyShared';

/** Doubles per row of the scratch: two groups of four columns. */
const STRIDE: i32 = 8;

/** The running sums of squares of the two groups (four each), in row order. */
const SQUARES: usize = memory.data(64);

/** The four f64x2 sums of `groupSums`. */
const SUMS: usize = memory.data(64);

/** Σ_{k<len} x[k]·y[8k] (y: one column of the interleaved scratch), with the reference's four accumulators. */
function dotStrided(x: usize, y: usize, len: i32): f64 {
  let s0: f64 = 0;
  let s1: f64 = 0;
  let s2: f64 = 0;
  let s3: f64 = 0;
  let k: i32 = 0;
  for (; k + 3 < len; k += 4) {
    s0 += load<f64>(at(x, k)) * load<f64>(at(y, STRIDE * k));
    s1 += load<f64>(at(x, k + 1)) * load<f64>(at(y, STRIDE * (k + 1)));
    s2 += load<f64>(at(x, k + 2)) * load<f64>(at(y, STRIDE * (k + 2)));
    s3 += load<f64>(at(x, k + 3)) * load<f64>(at(y, STRIDE * (k + 3)));
  }
  for (; k < len; k++) s0 += load<f64>(at(x, k)) * load<f64>(at(y, STRIDE * k));
  return s0 + s1 + (s2 + s3);
}

// The reference's NeumaierSum (src/core/numeric.ts), non-finite addends kept apart.
let total: f64 = 0;
let compensation: f64 = 0;
let nonFinite: f64 = 0;

/** Non-zero: where `totalAdd` stores its addends instead of adding them (`lowerSquaresColumns`). */
let record: usize = 0;

function totalAdd(x: f64): void {
  if (record != 0) {
    store<f64>(record, x);
    record += 8;
    return;
  }
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

/** Adds the four sums of squares at sq to the total, in column order. */
function totalAddFour(sq: usize): void {
  totalAdd(load<f64>(sq));
  totalAdd(load<f64>(sq, 8));
  totalAdd(load<f64>(sq, 16));
  totalAdd(load<f64>(sq, 24));
}

/**
 * Rows j .. j+3 of columns j .. j+3 (the group's 4×4 diagonal block), by plain substitution; sets the
 * group's sums of squares at sq. m: the group's column j at row 0 of the scratch.
 */
function diagonalBlock(l1: usize, l0: usize, d: i32, j: i32, m: usize, sq: usize): void {
  for (let c: i32 = 0; c < 4; c++) {
    let squares: f64 = 0;
    for (let i = j; i < j + 4; i++) {
      if (i < j + c) {
        store<f64>(at(m, STRIDE * i + c), 0);
        continue;
      }
      const ri = at(l1, i * d);
      let s: f64 = 0;
      for (let k = j + c; k < i; k++) s += load<f64>(at(ri, k)) * load<f64>(at(m, STRIDE * k + c));
      const v = (load<f64>(at(l0, i * d + j + c)) - s) / load<f64>(at(ri, i));
      store<f64>(at(m, STRIDE * i + c), v);
      if (i > j + c) squares += v * v;
    }
    store<f64>(sq + (<usize>c << 3), squares);
  }
}

/**
 * Rows i and i+1 of the group's four columns from the sums s = Σ L1_ik·M_kc (row i) and t (row i+1) over
 * k < i, lanes (c0, c1) and (c2, c3): a = (L0_i − s)/L1_ii, b = (L0_(i+1) − (t + L1_(i+1)i·a))/L1_(i+1)(i+1),
 * stored and their squares added to sq (q_c += a_c² + b_c²).
 */
// @ts-ignore: decorator
@inline
function finishPair(l1: usize, l0: usize, d: i32, j: i32, i: i32, m: usize, sq: usize, s01: v128, s23: v128, t01: v128, t23: v128): void {
  const ri = at(l1, i * d);
  const lii = f64x2.splat(load<f64>(at(ri, i)));
  const lni = f64x2.splat(load<f64>(at(ri, d + i)));
  const lnn = f64x2.splat(load<f64>(at(ri, d + i + 1)));
  const o0 = at(l0, i * d + j);
  const o1 = at(o0, d);
  const a01 = f64x2.div(f64x2.sub(v128.load(o0), s01), lii);
  const a23 = f64x2.div(f64x2.sub(v128.load(o0, 16), s23), lii);
  const b01 = f64x2.div(f64x2.sub(v128.load(o1), f64x2.add(t01, f64x2.mul(lni, a01))), lnn);
  const b23 = f64x2.div(f64x2.sub(v128.load(o1, 16), f64x2.add(t23, f64x2.mul(lni, a23))), lnn);
  const mi = at(m, STRIDE * i);
  v128.store(mi, a01);
  v128.store(mi, a23, 16);
  v128.store(mi, b01, STRIDE * 8);
  v128.store(mi, b23, STRIDE * 8 + 16);
  v128.store(sq, f64x2.add(v128.load(sq), f64x2.add(f64x2.mul(a01, a01), f64x2.mul(b01, b01))));
  v128.store(sq, f64x2.add(v128.load(sq, 16), f64x2.add(f64x2.mul(a23, a23), f64x2.mul(b23, b23))), 16);
}

/**
 * The sums of rows ri and rn (two consecutive rows of L1) with one group's columns (at m in the scratch) over
 * k in [from, to), in order: lanes (c0, c1), (c2, c3) of s (row ri) and t (row rn), stored at SUMS.
 */
function groupSums(ri: usize, rn: usize, m: usize, from: i32, to: i32): void {
  const zero = f64x2.splat(0);
  let s01 = zero, s23 = zero, t01 = zero, t23 = zero;
  for (let k = from; k < to; k++) {
    const off = <usize>k << 3;
    const u = v128.load64_splat(ri + off);
    const v = v128.load64_splat(rn + off);
    const m01 = v128.load(m + off * STRIDE);
    const m23 = v128.load(m + off * STRIDE, 16);
    s01 = f64x2.add(s01, f64x2.mul(u, m01));
    s23 = f64x2.add(s23, f64x2.mul(u, m23));
    t01 = f64x2.add(t01, f64x2.mul(v, m01));
    t23 = f64x2.add(t23, f64x2.mul(v, m23));
  }
  v128.store(SUMS, s01);
  v128.store(SUMS, s23, 16);
  v128.store(SUMS, t01, 32);
  v128.store(SUMS, t23, 48);
}

/** Rows i, i+1 of one group (columns j .. j+3, at m in the scratch): sums over k in [j, i). */
function pairOfGroup(l1: usize, l0: usize, d: i32, j: i32, i: i32, m: usize, sq: usize): void {
  const ri = at(l1, i * d);
  groupSums(ri, at(ri, d), m, j, i);
  finishPair(l1, l0, d, j, i, m, sq, v128.load(SUMS), v128.load(SUMS, 16), v128.load(SUMS, 32), v128.load(SUMS, 48));
}

/**
 * Rows i, i+1 of two groups, columns j .. j+3 (at cols) and j+4 .. j+7 (at cols + 4): the first group's
 * sums over k in [j, j+4) alone, then both over [j+4, i).
 */
function pairOfTwoGroups(l1: usize, l0: usize, d: i32, j: i32, i: i32, cols: usize): void {
  const ri = at(l1, i * d);
  const rn = at(ri, d);
  groupSums(ri, rn, cols, j, j + 4);
  let s01 = v128.load(SUMS), s23 = v128.load(SUMS, 16), t01 = v128.load(SUMS, 32), t23 = v128.load(SUMS, 48);
  const zero = f64x2.splat(0);
  let s45 = zero, s67 = zero, t45 = zero, t67 = zero;
  for (let k = j + 4; k < i; k++) {
    const off = <usize>k << 3;
    const u = v128.load64_splat(ri + off);
    const v = v128.load64_splat(rn + off);
    const m = cols + off * STRIDE;
    const m01 = v128.load(m);
    const m23 = v128.load(m, 16);
    const m45 = v128.load(m, 32);
    const m67 = v128.load(m, 48);
    s01 = f64x2.add(s01, f64x2.mul(u, m01));
    s23 = f64x2.add(s23, f64x2.mul(u, m23));
    s45 = f64x2.add(s45, f64x2.mul(u, m45));
    s67 = f64x2.add(s67, f64x2.mul(u, m67));
    t01 = f64x2.add(t01, f64x2.mul(v, m01));
    t23 = f64x2.add(t23, f64x2.mul(v, m23));
    t45 = f64x2.add(t45, f64x2.mul(v, m45));
    t67 = f64x2.add(t67, f64x2.mul(v, m67));
  }
  finishPair(l1, l0, d, j, i, cols, SQUARES, s01, s23, t01, t23);
  finishPair(l1, l0, d, j + 4, i, cols + 32, SQUARES + 32, s45, s67, t45, t67);
}

/** The last row i (d odd) of a group (columns j .. j+3 at m), with the reference's four-accumulator dot. */
function lastRowOfGroup(l1: usize, l0: usize, d: i32, j: i32, i: i32, m: usize, sq: usize): void {
  const ri = at(l1, i * d);
  const lii = load<f64>(at(ri, i));
  for (let c: i32 = 0; c < 4; c++) {
    const v = (load<f64>(at(l0, i * d + j + c)) - dotStrided(at(ri, j), at(m, STRIDE * j + c), i - j)) / lii;
    store<f64>(at(m, STRIDE * i + c), v);
    const q = sq + (<usize>c << 3);
    store<f64>(q, load<f64>(q) + v * v);
  }
}

/** `strictLowerSquares` of src/core/mvnKl.ts: Σ_{i>j} M_ij², M = L1⁻¹·L0; 8·d doubles of scratch at cols. */
export function lowerSquares(l1: usize, l0: usize, d: i32, cols: usize): f64 {
  total = 0;
  compensation = 0;
  nonFinite = 0;
  columnsOf(l1, l0, d, cols, 0, d);
  return nonFinite == 0 ? total + compensation : nonFinite;
}

/**
 * The addends of `lowerSquares`'s total that columns [from, to) give, in order, stored at out (at most
 * to − from doubles); returns how many. `from` is a multiple of 8, and so is `to` unless it is d: the
 * reference's total over every column is then the NeumaierSum of the addends of [0, s) and [s, d) in that
 * order, so two threads can each take a range (src/compute/mvnThreads.ts).
 */
export function lowerSquaresColumns(l1: usize, l0: usize, d: i32, cols: usize, from: i32, to: i32, out: usize): i32 {
  record = out;
  columnsOf(l1, l0, d, cols, from, to);
  const count = <i32>((record - out) >> 3);
  record = 0;
  return count;
}

/** The columns [from, to) of `lowerSquares` (see `lowerSquaresColumns`), their addends to `totalAdd`. */
function columnsOf(l1: usize, l0: usize, d: i32, cols: usize, from: i32, to: i32): void {
  const odd = (d & 1) != 0;
  let j: i32 = from;
  for (; j + 7 < d && j < to; j += 8) {
    diagonalBlock(l1, l0, d, j, cols, SQUARES);
    pairOfGroup(l1, l0, d, j, j + 4, cols, SQUARES);
    pairOfGroup(l1, l0, d, j, j + 6, cols, SQUARES);
    diagonalBlock(l1, l0, d, j + 4, cols + 32, SQUARES + 32);
    let i = j + 8;
    for (; i + 1 < d; i += 2) pairOfTwoGroups(l1, l0, d, j, i, cols);
    if (odd) {
      lastRowOfGroup(l1, l0, d, j, i, cols, SQUARES);
      lastRowOfGroup(l1, l0, d, j + 4, i, cols + 32, SQUARES + 32);
    }
    totalAddFour(SQUARES);
    totalAddFour(SQUARES + 32);
  }
  if (j >= to) return;
  if (j + 3 < d) {
    diagonalBlock(l1, l0, d, j, cols, SQUARES);
    let i = j + 4;
    for (; i + 1 < d; i += 2) pairOfGroup(l1, l0, d, j, i, cols, SQUARES);
    if (odd) lastRowOfGroup(l1, l0, d, j, i, cols, SQUARES);
    totalAddFour(SQUARES);
    j += 4;
  }
  // The last d mod 4 columns, one at a time (column 0 of the scratch).
  for (; j < d; j++) {
    let q: f64 = 0;
    store<f64>(at(cols, STRIDE * j), load<f64>(at(l0, j * d + j)) / load<f64>(at(l1, j * d + j)));
    for (let i = j + 1; i < d; i++) {
      const ri = at(l1, i * d);
      const m = (load<f64>(at(l0, i * d + j)) - dotStrided(at(ri, j), at(cols, STRIDE * j), i - j)) / load<f64>(at(ri, i));
      store<f64>(at(cols, STRIDE * i), m);
      q += m * m;
    }
    totalAdd(q);
  }
}
