/**
 * The Cholesky factorisation behind MVN KL: `choleskyInPlace` of src/core/cholesky.ts on a row-major f64
 * matrix in linear memory, with the same results bit for bit.
 *
 * The reference computes each entry of a 4-row group left of the group's diagonal block as
 *   L_rj = (a_rj − S_rj)/L_jj,   S_rj = Σ_{k<j} L_rk·L_jk summed in order of k from 0 (one accumulator),
 * and the rest (the group's diagonal block, its pivots, the last n mod 4 rows) with four-accumulator dot
 * products (`finishRow`). An entry's value depends only on the operations of its own sum, not on when it is
 * computed, so this kernel reorders the work for speed and keeps every sum's order:
 *
 * - rows are factored in blocks of BLOCK_ROWS; for each 4-column group j left of the block, the 4×4 tile of
 *   every 4-row group of the block (`fourByFour`): 16 sums S_rj in eight f64x2 registers, each step k one
 *   load of L_rk per row and two loads of (L_jk, L_(j+1)k, L_(j+2)k, L_(j+3)k) feeding 16 multiply-adds; the
 *   four columns of a group are read from a packed copy (4 doubles per k, written once when the group is
 *   final), so those loads are contiguous, and each is used by all the block's groups while in cache;
 * - then the block's groups in order: their tiles against the block's earlier groups, `finishRow`, packing.
 *
 * Protocol: `choleskyFactor(aPtr, n, packedPtr)` factors in place and returns -1 or the 0-based row of the
 * rejected pivot (left in a[row][row]), as `choleskyInPlace`; packedPtr: 8·Q·(Q − 1) doubles of scratch,
 * Q = ⌊n/4⌋.
 */
import { at, dotContiguous } from './choleskyShared';

/** 2^-52, the spacing of the doubles at 1. */
const EPSILON: f64 = 2.220446049250313e-16;

/**
 * Rows per block (a multiple of 4): the block's rows (256 KB at n = 1000) stay in L2 while tiles stream. 16,
 * 32 and 64 ran equally fast at n = 1000 (29 ms of CPU for two factors): the tiles are compute-bound.
 */
const BLOCK_ROWS: i32 = 32;

/** `choleskyInPlace` of src/core/cholesky.ts on the n×n matrix at a; packed: scratch (see the protocol). */
export function choleskyFactor(a: usize, n: i32, packed: usize): i32 {
  const tolerance = <f64>n * EPSILON;
  const full = n - (n % 4);
  for (let block: i32 = 0; block < full; block += BLOCK_ROWS) {
    const end = min(block + BLOCK_ROWS, full);
    for (let j: i32 = 0; j < block; j += 4) {
      const p = packedGroup(packed, j);
      for (let g = block; g < end; g += 4) fourByFour(a, n, g, j, p);
    }
    for (let g = block; g < end; g += 4) {
      for (let j = block; j < g; j += 4) fourByFour(a, n, g, j, packedGroup(packed, j));
      for (let i = g; i < g + 4; i++) if (!finishRow(a, n, i, g, tolerance)) return i;
      pack(a, n, g, packedGroup(packed, g));
    }
  }
  for (let i = full; i < n; i++) if (!finishRow(a, n, i, 0, tolerance)) return i;
  for (let i: i32 = 0; i < n; i++) memory.fill(at(a, i * n + i + 1), 0, <usize>(n - i - 1) << 3);
  return -1;
}

/** The packed copy of rows j .. j+3 (j ≡ 0 mod 4): L_(j+c)k at [4k + c] for k < j, after groups 0 .. j/4 − 1. */
// @ts-ignore: decorator
@inline
function packedGroup(packed: usize, j: i32): usize {
  const q = <usize>(j >> 2);
  return packed + ((q * (q - 1)) << 6);
}

/** Writes the packed copy of the final rows g .. g+3. */
function pack(a: usize, n: i32, g: i32, p: usize): void {
  const r0 = at(a, g * n);
  const r1 = at(r0, n);
  const r2 = at(r1, n);
  const r3 = at(r2, n);
  for (let k: i32 = 0; k < g; k++) {
    const off = <usize>k << 3;
    const out = p + (off << 2);
    store<f64>(out, load<f64>(r0 + off));
    store<f64>(out, load<f64>(r1 + off), 8);
    store<f64>(out, load<f64>(r2 + off), 16);
    store<f64>(out, load<f64>(r3 + off), 24);
  }
}

/**
 * Columns j .. j+3 of rows g .. g+3 (j < g, both ≡ 0 mod 4), when their columns before j are final: S_rc =
 * Σ_{k<j} L_rk·L_(j+c)k in registers, then the terms k = j .. j+c−1 in order as each L_r(j+c) is known.
 */
function fourByFour(a: usize, n: i32, g: i32, j: i32, p: usize): void {
  const r0 = at(a, g * n);
  const r1 = at(r0, n);
  const r2 = at(r1, n);
  const r3 = at(r2, n);
  // Row r's sums: a_r = (S_r0, S_r1), b_r = (S_r2, S_r3).
  const zero = f64x2.splat(0);
  let a0 = zero, a1 = zero, a2 = zero, a3 = zero, b0 = zero, b1 = zero, b2 = zero, b3 = zero;
  for (let k: i32 = 0; k < j; k++) {
    const off = <usize>k << 3;
    const c01 = v128.load(p + (off << 2));
    const c23 = v128.load(p + (off << 2), 16);
    const x0 = v128.load64_splat(r0 + off);
    const x1 = v128.load64_splat(r1 + off);
    a0 = f64x2.add(a0, f64x2.mul(x0, c01));
    b0 = f64x2.add(b0, f64x2.mul(x0, c23));
    a1 = f64x2.add(a1, f64x2.mul(x1, c01));
    b1 = f64x2.add(b1, f64x2.mul(x1, c23));
    const x2 = v128.load64_splat(r2 + off);
    a2 = f64x2.add(a2, f64x2.mul(x2, c01));
    b2 = f64x2.add(b2, f64x2.mul(x2, c23));
    const x3 = v128.load64_splat(r3 + off);
    a3 = f64x2.add(a3, f64x2.mul(x3, c01));
    b3 = f64x2.add(b3, f64x2.mul(x3, c23));
  }
  const d0 = at(a, j * n + j); // L_jj; the rows below it at d0 + n·8
  const d1 = at(d0, n);
  const d2 = at(d1, n);
  const d3 = at(d2, n);
  finishFour(r0 + (<usize>j << 3), a0, b0, d0, d1, d2, d3);
  finishFour(r1 + (<usize>j << 3), a1, b1, d0, d1, d2, d3);
  finishFour(r2 + (<usize>j << 3), a2, b2, d0, d1, d2, d3);
  finishFour(r3 + (<usize>j << 3), a3, b3, d0, d1, d2, d3);
}

/**
 * L_r(j+c) = (a_r(j+c) − (S_rc + Σ_{k=j}^{j+c−1} L_rk·L_(j+c)k))/L_(j+c)(j+c), c = 0 .. 3, the sum in order of k;
 * row: a_rj's address; s01, s23: (S_r0, S_r1), (S_r2, S_r3); d0 .. d3: the addresses of L_jj .. L_(j+3)j.
 */
// @ts-ignore: decorator
@inline
function finishFour(row: usize, s01: v128, s23: v128, d0: usize, d1: usize, d2: usize, d3: usize): void {
  const y0 = (load<f64>(row) - f64x2.extract_lane(s01, 0)) / load<f64>(d0);
  store<f64>(row, y0);
  const y1 = (load<f64>(row, 8) - (f64x2.extract_lane(s01, 1) + y0 * load<f64>(d1))) / load<f64>(d1, 8);
  store<f64>(row, y1, 8);
  const s2 = f64x2.extract_lane(s23, 0) + y0 * load<f64>(d2) + y1 * load<f64>(d2, 8);
  const y2 = (load<f64>(row, 16) - s2) / load<f64>(d2, 16);
  store<f64>(row, y2, 16);
  const s3 = f64x2.extract_lane(s23, 1) + y0 * load<f64>(d3) + y1 * load<f64>(d3, 8) + y2 * load<f64>(d3, 16);
  store<f64>(row, (load<f64>(row, 24) - s3) / load<f64>(d3, 24), 24);
}

/**
 * Columns `from` .. i−1 of row i (columns before `from` are final), then its pivot, as the reference's
 * `finishRow`. False when the pivot is rejected (it is then left in a[i*n + i]).
 */
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
