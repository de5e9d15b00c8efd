/**
 * Rényi's divergence D_α(P‖Q) = ln(Σ p̂_i^α q̂_i^(1-α))/(α - 1) on the pair measures' host (assembly/renyiKernel.ts),
 * by the method of src/core/renyi.ts step for step: the pair scan, then Z = Σ w_i·expm1(t·ℓ_i)/t (one pass
 * over the slices), D = Z·log1p(tZ)/(tZ) where |tZ| ≤ ½ (raw: log1p(excess + tZ)/t), else ln Σ w_i e^(t·ℓ_i)/t
 * from one more pass (two where the plain sum overflows or underflows: shifted by the largest t·ℓ_i);
 * α < ½ through the skew symmetry (w = q̂, ℓ = ln(q̂/p̂), t = -α), α = ∞ as max ℓ_i (the pair scan also takes
 * each slice's largest p_i/q_i, and one pass then reads only the slices that may hold the maximum, whose kernel
 * computes ℓ_i only in the blocks that may: a product and a comparison per element else; `largestOver`).
 * Normalised, as the reference: α = ½ is twice the Bhattacharyya distance (its kernel: a square root per value,
 * no logarithm), α = 2 is log1p(χ²) from one pass of assembly/chiSquareKernel.ts (a division per value); raw
 * values keep the power sum (Bhattacharyya's raw form subtracts the excesses of Σp and Σq, which cancel when
 * they are large, as 2Σp - Σq would in χ²).
 * The slices go to `runner` (the host, or the two threads of klThreads.ts: the same result, bit for bit).
 *
 * Against the reference: each term's weight is the reference's bit for bit and its ℓ_i within a few ulps; the
 * sums are Neumaier sums per slice, then of the slices (the reference: one over the elements), so the two
 * differ by a few ulps of Σ|terms| (test/unit/compute/renyiParity.test.ts states the bound).
 */
import { MIN_NORMAL, NeumaierSum } from '../core/numeric';
import { SLICE_LENGTH } from './chunking';
import {
  CHI_SQUARE_FLAGS,
  PAIR_RATIO_LARGEST,
  PAIR_SMALLEST_P,
  PAIR_SMALLEST_Q,
  PAIR_TERMS,
  PARAM,
  RENYI_FINITE_TERMS,
  RENYI_INFINITE,
  RENYI_LARGEST,
  RENYI_TERMS,
  SLICE_OP,
  type SliceRunner,
} from './sliceOps';

/** The bits of the χ² pass's flags (assembly/chiSquareKernel.ts CHI_SQUARE_*, checked by `sliceExports`). */
const CHI_SQUARE_INFINITE = 1;
const CHI_SQUARE_UNDERFLOW = 2;
import type { PairValue, ScannedPair, WasmMeasures } from './wasmMeasures';

/**
 * D_α in nats (before the reference's clamp at 0 for normalised values) and the pair's info, or `undefined`
 * when a sum reaches 2^960 (the reference rescales). α > 0, checked by the caller.
 *
 * @throws DivergenceError `invalid-value` (first bad value by index, P before Q), `zero-sum` (P first).
 */
export function wasmRenyi(host: WasmMeasures, p: ArrayLike<number>, q: ArrayLike<number>, alpha: number, normalize: boolean, runner: SliceRunner): PairValue | undefined {
  if (alpha === 0.5 && normalize) {
    // D_½ = 2·D_B (src/core/renyi.ts finiteOrder): the Bhattacharyya kernel, one square root per value.
    const b = host.bhattacharyya(p, q, normalize, runner);
    return b && { value: 2 * b.value, pair: b.pair };
  }
  if (alpha === Infinity) {
    // The scan also gives each slice's largest p_i/q_i: the maximum's pass then reads only the slices that may hold it.
    const stats: number[] = [];
    const scanned = host.scanPair(p, q, normalize, runner, SLICE_OP.pairScanRatio, (out, at) => {
      stats.push(out[at + PAIR_RATIO_LARGEST]!, out[at + PAIR_SMALLEST_P]!, out[at + PAIR_SMALLEST_Q]!);
    });
    if (!scanned) return undefined;
    const max = largestOver(scanned, stats, p, q, runner);
    const nats = max.infinite ? Infinity : max.largest;
    return { value: normalize ? Math.max(0, nats) : nats, pair: scanned.pair };
  }
  const scanned = host.scanPair(p, q, normalize, runner);
  if (!scanned) return undefined;
  let nats: number;
  const chiSquare = alpha === 2 && normalize ? chiSquareOver(scanned, p, q, runner) : undefined;
  if (chiSquare !== undefined) {
    nats = Math.log1p(chiSquare);
  } else if (alpha < 0.5) {
    nats = (alpha / (1 - alpha)) * logPowerSumOver(scanned, p, q, runner, -alpha, true);
  } else {
    nats = logPowerSumOver(scanned, p, q, runner, alpha - 1, false);
  }
  return { value: normalize ? Math.max(0, nats) : nats, pair: scanned.pair };
}

/** `chiSquareOf` of src/core/renyi.ts: Σ (p̂ - q̂)²/q̂ by one pass, +Infinity, or `undefined` (the power sum serves). */
function chiSquareOver(scanned: ScannedPair, p: ArrayLike<number>, q: ArrayLike<number>, runner: SliceRunner): number | undefined {
  const sum = new NeumaierSum();
  let flags = 0;
  runner.runSlices(SLICE_OP.chiSquareAccumulate, p, q, scanned.params, (out, at) => {
    sum.add(out[at + PAIR_TERMS]!);
    flags |= out[at + CHI_SQUARE_FLAGS]!;
  });
  if (flags & CHI_SQUARE_INFINITE) return Infinity;
  const value = sum.value;
  return flags & CHI_SQUARE_UNDERFLOW || !(value < Infinity) ? undefined : value;
}

/** `logPowerSumOver` of src/core/renyi.ts: ln(Σ w_i e^(t ℓ_i))/t (D_{1+t} of the pair, or of the swapped pair). */
function logPowerSumOver(scanned: ScannedPair, p: ArrayLike<number>, q: ArrayLike<number>, runner: SliceRunner, t: number, swapped: boolean): number {
  const params = renyiParams(scanned, t, swapped, 0, false);
  const z = new NeumaierSum();
  let infinite = false;
  let finiteTerms = false;
  runner.runSlices(SLICE_OP.renyiAccumulate, p, q, params, (out, at) => {
    z.add(out[at + RENYI_TERMS]!);
    infinite ||= out[at + RENYI_INFINITE] !== 0;
    finiteTerms ||= out[at + RENYI_FINITE_TERMS] !== 0;
  });
  if (infinite) return Infinity;
  // α < 1 and no element has both values > 0: Σ p^α q^(1-α) = 0 exactly.
  if (!finiteTerms) return t < 0 ? Infinity : 0;
  const zValue = z.value;
  if (t === 0) return zValue; // D_1 = KL (raw: Σ p ln(p/q) of the values as given)
  const { excess } = scanned;
  if (!excess) {
    const y = t * zValue;
    if (Math.abs(y) <= 0.5) return y === 0 ? zValue : zValue * (Math.log1p(y) / y);
  } else {
    const y = (swapped ? excess.q : excess.p) + t * zValue;
    if (Math.abs(y) <= 0.5) return Math.log1p(y) / t;
  }
  // ln Σ w e^{tℓ} as a positive sum, shifted by the largest tℓ where the plain sum overflows or underflows.
  const plain = powerSum(scanned, p, q, runner, t, swapped, 0, false);
  if (plain.sum > 0 && plain.sum < Infinity) return Math.log(plain.sum) / t;
  const shifted = powerSum(scanned, p, q, runner, t, swapped, plain.largest, false);
  return (plain.largest + Math.log(shifted.sum)) / t;
}

/**
 * D_∞'s pass (the largest ℓ_i, and whether some ℓ_i = +∞) over the slices that may hold the maximum, from the
 * scan's statistics of each slice (`stats`: its largest r_s = fl(p_i/q_i), smallest p_i > 0 and q_i > 0). As the
 * kernel's own block skipping (assembly/renyiKernel.ts skipBar), with r the largest r_s of the slices without a
 * value that scales to a subnormal (such slices are always read) and c = skipBar(r): a slice without such a
 * value and with r_s < c·(1 - 4u) is left out. Its every element has p_i/q_i ≤ r_s/(1 - u) < c(1 - u) (or a
 * quotient below 2^-1022 where c ≥ 2^-1020), the bound by which skipBar shows that its ℓ stays below that of the
 * element r came from, which is read (r_s = r ≥ c). So the result is the one every slice's ℓ gives, bit for bit;
 * commonly one slice is read instead of all.
 */
function largestOver(scanned: ScannedPair, stats: readonly number[], p: ArrayLike<number>, q: ArrayLike<number>, runner: SliceRunner) {
  const scale = scanned.params.subarray(PARAM.scale, PARAM.scale + 9);
  // Values below these scale to subnormals (as the kernel's tinyP and tinyQ).
  const tinyP = (2 * MIN_NORMAL) / scale[0]! / scale[1]!;
  const tinyQ = (2 * MIN_NORMAL) / scale[4]! / scale[5]!;
  const count = stats.length / 3;
  const plain = (s: number): boolean => stats[3 * s + 1]! >= tinyP && stats[3 * s + 2]! >= tinyQ;
  let r = -Infinity;
  for (let s = 0; s < count; s++) if (plain(s) && stats[3 * s]! > r) r = stats[3 * s]!;
  const c = skipBar(r, scale[8]!);
  const bound = c >= 4 * MIN_NORMAL ? c * (1 - 4 * UNIT_ROUNDOFF) : -Infinity;
  const skipped = (s: number): boolean => plain(s) && stats[3 * s]! < bound;
  const n = p.length;
  let largest = -Infinity;
  let infinite = false;
  for (let s = 0; s < count; ) {
    if (skipped(s)) {
      s++;
      continue;
    }
    let end = s + 1;
    while (end < count && !skipped(end)) end++;
    const from = s * SLICE_LENGTH;
    const to = Math.min(n, end * SLICE_LENGTH);
    const part = powerSum(scanned, slicePart(p, from, to), slicePart(q, from, to), runner, 1, false, 0, true);
    largest = Math.max(largest, part.largest);
    infinite ||= part.infinite;
    s = end;
  }
  return { largest, infinite };
}

/** The kernel's skipBar (assembly/renyiKernel.ts), the same constants: the ratio below which an element cannot hold the maximum. */
function skipBar(r: number, lnSumRatio: number): number {
  if (!(r >= MIN_NORMAL)) return -Infinity;
  const top = Math.min(r, Number.MAX_VALUE);
  const estimate = Math.abs(Math.log(top) + lnSumRatio);
  return top * (1 - Math.min(2 ** -30, 32 * UNIT_ROUNDOFF + 2 ** -40 * estimate));
}

const UNIT_ROUNDOFF = 2 ** -53;

/** x[from, to): a view of a typed array, a copy of other array-likes (a few slices at most here). */
function slicePart(x: ArrayLike<number>, from: number, to: number): ArrayLike<number> {
  if (from === 0 && to === x.length) return x;
  if (ArrayBuffer.isView(x)) return (x as unknown as Float64Array).subarray(from, to);
  return Array.prototype.slice.call(x, from, to) as number[];
}

/** One power-sum pass: Σ w e^(tℓ - shift), the largest tℓ, whether some ℓ = +∞ (`maxOnly`: no sum). */
function powerSum(scanned: ScannedPair, p: ArrayLike<number>, q: ArrayLike<number>, runner: SliceRunner, t: number, swapped: boolean, shift: number, maxOnly: boolean) {
  const sum = new NeumaierSum();
  let largest = -Infinity;
  let infinite = false;
  runner.runSlices(SLICE_OP.renyiPowerSum, p, q, renyiParams(scanned, t, swapped, shift, maxOnly), (out, at) => {
    sum.add(out[at + RENYI_TERMS]!);
    largest = Math.max(largest, out[at + RENYI_LARGEST]!);
    infinite ||= out[at + RENYI_INFINITE] !== 0;
  });
  return { sum: sum.value, largest, infinite };
}

/** The scan's parameters with the Rényi pass's own. */
function renyiParams(scanned: ScannedPair, t: number, swapped: boolean, shift: number, maxOnly: boolean): Float64Array {
  const params = scanned.params.slice();
  params[PARAM.order] = t;
  params[PARAM.swapped] = swapped ? 1 : 0;
  params[PARAM.shift] = shift;
  params[PARAM.maxOnly] = maxOnly ? 1 : 0;
  return params;
}
