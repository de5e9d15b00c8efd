import { zeroSumError } from '../core/validate';
import { NeumaierSum } from '../core/numeric';
import { normalRangeExponent, scaledByPowerOfTwo } from '../core/distributionInput';
import type { KlSums } from '../core/klDivergence';
import type { KlBackend } from './backend';
import { SLICE_LENGTH, SLICES_PER_CHUNK } from './chunking';
import { instantiateAsync, instantiateSync } from './wasmModule';
import { WasmHost, type HostExports } from './wasmHost';
import {
  ACC_INFINITE,
  ACC_REST,
  ACC_TERMS,
  FUSED_INFINITE,
  FUSED_TERMS,
  KL_INFINITE,
  KL_SUM_DIFFERENCE,
  KL_SUM_P,
  KL_SUM_Q,
  KL_TERMS,
  PARAM,
  PARAM_LENGTH,
  SCAN_ARG_MAX,
  SCAN_MAX,
  SCAN_SUM_P,
  SCAN_SUM_Q,
  SLICE_OP,
  type SliceOp,
  type SliceRunner,
} from './sliceOps';

/**
 * The WebAssembly backend: the SIMD kernel of assembly/klKernel.ts behind the `KlBackend` interface, and
 * those of assembly/entropyKernel.ts and assembly/crossEntropyKernel.ts (`entropyParts`, `crossEntropyParts`).
 * Inputs go in by slices of `SLICE_LENGTH` elements (sliceOps.ts), on this thread or on two (klThreads.ts):
 * KL summed as a two-level tree (`KlSumTree`), entropy and cross-entropy as Neumaier sums of the slices.
 */

export { CHUNK_LENGTH, SLICE_LENGTH, SLICES_PER_CHUNK } from './chunking';

/**
 * The KL sums of consecutive slices, added in order (the first slice starting a chunk): Neumaier sums within
 * the current chunk, whose rounded totals go into the Neumaier sums of the whole input.
 */
export class KlSumTree {
  private readonly chunk = [new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum()];
  private readonly total = [new NeumaierSum(), new NeumaierSum(), new NeumaierSum(), new NeumaierSum()];
  private slices = 0;
  private infinite = false;

  /** Adds the results of the next slice, read from out[at, at + SLICE_RESULT_LENGTH). */
  add(out: Float64Array, at: number): void {
    this.chunk[0]!.add(out[at + KL_TERMS]!);
    this.chunk[1]!.add(out[at + KL_SUM_P]!);
    this.chunk[2]!.add(out[at + KL_SUM_Q]!);
    this.chunk[3]!.add(out[at + KL_SUM_DIFFERENCE]!);
    this.infinite ||= out[at + KL_INFINITE] !== 0;
    if (++this.slices % SLICES_PER_CHUNK === 0) this.closeChunk();
  }

  /** Adds the totals of a whole chunk (the worker pool's unit), after whole chunks only. */
  addChunk(sums: KlSums): void {
    this.total[0]!.add(sums.terms);
    this.total[1]!.add(sums.sumP);
    this.total[2]!.add(sums.sumQ);
    this.total[3]!.add(sums.sumDifference);
    this.infinite ||= sums.infinite;
  }

  /** The sums of every slice added, or `undefined` when one overflowed (the TS reference rescales). */
  sums(exponentOffset: number): KlSums | undefined {
    if (this.slices % SLICES_PER_CHUNK !== 0) this.closeChunk();
    const result: KlSums = {
      terms: this.total[0]!.value,
      exponentOffset,
      sumP: this.total[1]!.value,
      sumQ: this.total[2]!.value,
      sumDifference: this.total[3]!.value,
      scaleExponent: 0,
      infinite: this.infinite,
    };
    const finite = Number.isFinite(result.sumP) && Number.isFinite(result.sumQ) && (this.infinite || Number.isFinite(result.terms));
    return finite ? result : undefined;
  }

  private closeChunk(): void {
    for (let i = 0; i < 4; i++) {
      this.total[i]!.add(this.chunk[i]!.value);
      this.chunk[i] = new NeumaierSum();
    }
  }
}



/**
 * The parts `entropy` of src/core assembles H(P) from (probability input): Σp, and in nats either the
 * normalised H = (Σ_{i≠max} p_i·ln(s/p_i) + p_max·log1p(rest/p_max))/s or the raw -Σ p_i ln p_i.
 */
export interface EntropyParts {
  readonly nats: number;
  readonly sum: number;
}

/** The parts `crossEntropy` of src/core assembles H(P, Q) from (probability input): in nats, and Σp, Σq. */
export interface CrossEntropyParts {
  readonly nats: number;
  readonly sums: { readonly p: number; readonly q: number };
}

/**
 * Sums from here on are computed scaled by the TS reference (src/core/distributionInput.ts MAX_PLAIN_SUM),
 * which the kernels do not do: the host hands such inputs to the reference.
 */
const MAX_PLAIN_SUM = 2 ** 960;

export class WasmBackend extends WasmHost<HostExports> implements KlBackend, SliceRunner {
  readonly name = 'wasm';

  private constructor(exports: Record<string, unknown>) {
    super(exports, ['heapBase']);
    this.warmUp();
  }

  /** Compiles and instantiates the kernel asynchronously (off the main thread where the engine can). */
  static async instantiate(bytes: Uint8Array): Promise<WasmBackend> {
    return new WasmBackend(await instantiateAsync(bytes));
  }

  /** Compiles and instantiates synchronously: fine in Node for a module this small (a few KB). */
  static instantiateSync(bytes: Uint8Array): WasmBackend {
    return new WasmBackend(instantiateSync(bytes));
  }

  klSums(p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
    return klSumsBy(this, p, q, exponentOffset);
  }

  /**
   * The parts of H(P) for probability input of non-zero length (`entropy` of src/core checks the rest first),
   * or `undefined` when Σp reaches 2^960 and the TS reference, which rescales, should serve. The slices go to
   * `runner` (this host, or the two threads of klThreads.ts: the same result).
   *
   * One pass where it can (`entropyFused`: each slice copied once, scanned, then its terms p·ln(1/p) taken
   * while it is in cache): raw values always (the raw entropy is those terms); normalised values when the
   * total s is within FUSED_SUM_RADIUS of 1 and no value exceeds s/2, H = Σ p·ln(1/p)/s + ln s: then H ≥ ln 2
   * (every p/s ≤ ½), every term is ≥ 0 and |ln s| ≤ 0.0015·H, so the result is as accurate as the terms'
   * sum (the reference's method, below, differs by a few ulps). A sample of P (`nearUnitTotal`) decides
   * before the pass whether to try it. Otherwise two passes: a scan (validity, Σp, the largest value and its
   * first index), then the terms against s, leaving the largest value to log1p (the reference's method).
   *
   * @throws DivergenceError `invalid-value` for the first negative, NaN or infinite value, `zero-sum`.
   */
  entropyParts(p: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): EntropyParts | undefined {
    const fused = !normalize || nearUnitTotal(p);
    const scan = scanSlices(runner, fused ? SLICE_OP.entropyFused : SLICE_OP.entropyScan, p, p);
    const s = scan.sumP;
    if (!(s < MAX_PLAIN_SUM)) return undefined;
    if (s === 0) throw zeroSumError('P');
    if (!normalize) return { nats: scan.terms.value, sum: s };
    if (fused && onePassApplies(s, scan.top)) return { nats: scan.terms.value / s + Math.log1p(s - 1), sum: s };
    // Normalised, with a sum below 2^-960: the scaled values' entropy (`normalRangeExponent`), exactly as the reference.
    const scaleUp = normalRangeExponent(s);
    if (scaleUp !== 0) return { nats: this.entropyParts(scaledByPowerOfTwo(p, scaleUp), true, runner)!.nats, sum: s };
    const terms = accumulateSlices(runner, SLICE_OP.entropyAccumulate, p, p, s, scan.argMax);
    terms.terms.add(scan.top * Math.log1p(terms.rest.value / scan.top));
    return { nats: terms.terms.value / s, sum: s };
  }

  /**
   * The parts of H(P, Q) for probability inputs of equal, non-zero length, or `undefined` when Σp or Σq
   * reaches 2^960 and the TS reference, which rescales, should serve. As `entropyParts`, with the largest q:
   * one pass (`crossEntropyFused`) for raw values, and for normalised ones with s_q within FUSED_SUM_RADIUS
   * of 1, no q above s_q/2 and s_p in the normal range, H = Σ p·ln(1/q)/s_p + ln s_q (≥ ln 2, terms ≥ 0).
   *
   * @throws DivergenceError `invalid-value` for the first negative, NaN or infinite value (P before Q at the
   *   same index), `zero-sum` (P first).
   */
  crossEntropyParts(p: ArrayLike<number>, q: ArrayLike<number>, normalize: boolean, runner: SliceRunner = this): CrossEntropyParts | undefined {
    const fused = !normalize || nearUnitTotal(q);
    const scan = scanSlices(runner, fused ? SLICE_OP.crossEntropyFused : SLICE_OP.crossEntropyScan, p, q);
    const sp = scan.sumP;
    const sq = scan.sumQ;
    if (!(sp < MAX_PLAIN_SUM && sq < MAX_PLAIN_SUM)) return undefined;
    if (sp === 0) throw zeroSumError('P');
    if (sq === 0) throw zeroSumError('Q');
    const sums = { p: sp, q: sq };
    if (fused && (!normalize || (onePassApplies(sq, scan.top) && normalRangeExponent(sp) === 0))) {
      if (scan.infinite) return { nats: Infinity, sums };
      return { nats: normalize ? scan.terms.value / sp + Math.log1p(sq - 1) : scan.terms.value, sums };
    }
    const kp = normalRangeExponent(sp);
    const kq = normalRangeExponent(sq);
    if (kp !== 0 || kq !== 0) return { nats: this.crossEntropyParts(scaledByPowerOfTwo(p, kp), scaledByPowerOfTwo(q, kq), true, runner)!.nats, sums };
    const { terms, rest, infinite } = accumulateSlices(runner, SLICE_OP.crossEntropyAccumulate, p, q, sq, scan.argMax);
    if (infinite) return { nats: Infinity, sums };
    const pTop = p[scan.argMax]!;
    if (pTop > 0) terms.add(pTop * Math.log1p(rest.value / scan.top));
    return { nats: terms.value / sp, sums };
  }

  /** A few small calls so that V8's optimising tier serves the first real call (see `WasmHost.warmUpInput`). */
  private warmUp(): void {
    const { pPtr, qPtr } = this.warmUpInput(4096);
    const length = 4096;
    const k = this.slices;
    for (let round = 0; round < 8; round++) {
      k.klAccumulate(pPtr, qPtr, length, 0);
      k.entropyScan(pPtr, length);
      k.entropyAccumulate(pPtr, length, 3 * length, 5);
      k.crossEntropyScan(pPtr, qPtr, length);
      k.crossEntropyAccumulate(pPtr, qPtr, length, 3 * length, 5);
      k.entropyFused(pPtr, length);
      k.crossEntropyFused(pPtr, qPtr, length);
    }
  }
}

/** The KL sums of P and Q by `runner`'s slices, added in the two-level tree (`KlSumTree`). */
export function klSumsBy(runner: SliceRunner, p: ArrayLike<number>, q: ArrayLike<number>, exponentOffset: number): KlSums | undefined {
  const tree = new KlSumTree();
  const params = new Float64Array(PARAM_LENGTH);
  params[PARAM.offset] = exponentOffset;
  runner.runSlices(SLICE_OP.kl, p, q, params, (out, at) => tree.add(out, at));
  return tree.sums(exponentOffset);
}

/**
 * How far from 1 the total of a normalised entropy's P (a cross-entropy's Q) may lie for the one-pass result:
 * |ln s| ≤ 1.001·2^-10 against H ≥ ln 2 (see `entropyParts`).
 */
const FUSED_SUM_RADIUS = 2 ** -10;
/** Values of the sample `nearUnitTotal` reads. */
const TOTAL_SAMPLE = 256;

/** Whether the one-pass normalised result applies: s within FUSED_SUM_RADIUS of 1, the largest value at most s/2. */
function onePassApplies(s: number, top: number): boolean {
  return Math.abs(s - 1) <= FUSED_SUM_RADIUS && top <= 0.5 * s;
}

/**
 * Whether x looks like a probability vector, from TOTAL_SAMPLE values at an even stride: their sum scaled to
 * n lies in [¼, 4]. Only a guess of whether the one pass will serve (a wrong guess costs time, not accuracy:
 * `onePassApplies` decides on the exact total).
 */
function nearUnitTotal(x: ArrayLike<number>): boolean {
  const n = x.length;
  const k = Math.min(n, TOTAL_SAMPLE);
  const stride = Math.floor(n / k);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += x[i * stride]!;
  const estimate = (sum / k) * n;
  return estimate >= 0.25 && estimate <= 4;
}

/**
 * The scan pass of entropy or cross-entropy: Σp, Σq (Neumaier over the slices), the largest q and its first
 * index; for a fused pass (`entropyFused`, `crossEntropyFused`) also Σ_{p_i>0} p_i·ln(1/q_i) and whether a
 * term is infinite.
 */
function scanSlices(runner: SliceRunner, op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>) {
  const sumP = new NeumaierSum();
  const sumQ = new NeumaierSum();
  const terms = new NeumaierSum();
  let infinite = false;
  let top = -1;
  let argMax = -1;
  let start = 0;
  const fused = op === SLICE_OP.entropyFused || op === SLICE_OP.crossEntropyFused;
  runner.runSlices(op, p, q, new Float64Array(PARAM_LENGTH), (out, at) => {
    sumP.add(out[at + SCAN_SUM_P]!);
    sumQ.add(out[at + SCAN_SUM_Q]!);
    if (out[at + SCAN_MAX]! > top) {
      top = out[at + SCAN_MAX]!;
      argMax = start + out[at + SCAN_ARG_MAX]!;
    }
    if (fused) {
      terms.add(out[at + FUSED_TERMS]!);
      infinite ||= out[at + FUSED_INFINITE] !== 0;
    }
    start += SLICE_LENGTH;
  });
  return { sumP: sumP.value, sumQ: sumQ.value, top, argMax, terms, infinite };
}

/** The terms pass of entropy or cross-entropy against `total`, leaving out index `exclude` (-1: none). */
function accumulateSlices(runner: SliceRunner, op: SliceOp, p: ArrayLike<number>, q: ArrayLike<number>, total: number, exclude: number) {
  const params = new Float64Array(PARAM_LENGTH);
  params[PARAM.total] = total;
  params[PARAM.exclude] = exclude;
  const terms = new NeumaierSum();
  const rest = new NeumaierSum();
  let infinite = false;
  runner.runSlices(op, p, q, params, (out, at) => {
    terms.add(out[at + ACC_TERMS]!);
    rest.add(out[at + ACC_REST]!);
    infinite ||= out[at + ACC_INFINITE] !== 0;
  });
  return { terms, rest, infinite };
}
