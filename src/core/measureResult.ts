import { DivergenceError } from './errors';
import type { LogBase } from './logBase';

/** Every discrete measure besides KL (whose result, `KlResult`, also carries Pinsker's bound). */
export type MeasureName = 'entropy' | 'cross-entropy' | 'jeffreys' | 'js' | 'js-distance' | 'tv' | 'hellinger' | 'bhattacharyya' | 'renyi';

/** What every measure's result says besides its value. */
interface ResultBase<M extends MeasureName> {
  readonly measure: M;
  /** The value, in `unit` where there is one: +Infinity where the measure is infinite, never NaN. */
  readonly value: number;
  /**
   * True when the value is for the normalised distributions and a sum differed from 1 by more than
   * `NORMALIZATION_TOLERANCE`: the tool normalised, and says so (as `KlResult.normalized`).
   */
  readonly normalized: boolean;
  /** Number of elements of P (and of Q). */
  readonly n: number;
  /** Only the TypeScript reference computes these measures for now. */
  readonly backend: 'ts';
}

/** A measure in a unit of information: nats, bits, bans or log<base>. */
export interface LogUnitResult<M extends MeasureName> extends ResultBase<M> {
  readonly unit: string;
  /** The log base as a number (Math.E for nats). */
  readonly base: number;
}

/** The result of `entropy`: one distribution. */
export interface EntropyResult extends LogUnitResult<'entropy'> {
  /** The sum of P as given (Σ exp(x) for log input; 1 for logits). */
  readonly sums: { readonly p: number };
}

/** Sums of P and Q as given (in probability space: Σ exp(x) for log input; 1 for logits). */
export interface PairSums {
  readonly p: number;
  readonly q: number;
}

/** The result of a measure of two distributions with a unit (cross-entropy, Jeffreys, JS, Bhattacharyya). */
export interface PairResult<M extends 'cross-entropy' | 'jeffreys' | 'js' | 'js-distance' | 'bhattacharyya'> extends LogUnitResult<M> {
  readonly sums: PairSums;
}

/** The result of Rényi's divergence: also its order α. */
export interface RenyiResult extends LogUnitResult<'renyi'> {
  readonly sums: PairSums;
  readonly alpha: number;
}

/**
 * The result of a measure without a unit (total variation, Hellinger: numbers in [0, 1] for normalised
 * inputs, whatever the log base): no `unit`, no `base`.
 */
export interface UnitlessResult<M extends 'tv' | 'hellinger'> extends ResultBase<M> {
  readonly sums: PairSums;
}

/**
 * `value` unchanged, or the `invalid-value` error KL also throws for a NaN: unreachable for admissible inputs,
 * but the contract is "never NaN", so it is checked where every result is made.
 */
export function checkedValue(value: number): number {
  if (Number.isNaN(value)) {
    throw new DivergenceError('invalid-value', 'the measure is undefined for these inputs (their magnitudes overflow)');
  }
  return value;
}

/** A value in nats converted to the unit of `base` (exactly as KL does: one division by ln base). */
export function inBase(nats: number, base: LogBase): number {
  return nats / base.lnBase;
}

/** What a result takes from its inputs besides the value: as a prepared pair (or one distribution) has them. */
export interface ResultConventions<S> {
  readonly normalized: boolean;
  readonly sums: S;
  readonly n: number;
}

/**
 * The result of a measure with a unit of information, from its value in nats: converted to the unit of
 * `base` and checked (never NaN), with the conventions of its inputs (`conventions` may be a `DistributionPair`).
 */
export function logUnitResult<M extends MeasureName, S>(
  measure: M,
  nats: number,
  base: LogBase,
  conventions: ResultConventions<S>,
): LogUnitResult<M> & { readonly sums: S } {
  return {
    measure,
    value: checkedValue(inBase(nats, base)),
    unit: base.unit,
    base: base.base,
    normalized: conventions.normalized,
    sums: conventions.sums,
    n: conventions.n,
    backend: 'ts',
  };
}

/** The result of a measure without a unit (total variation, Hellinger), checked (never NaN). */
export function unitlessResult<M extends 'tv' | 'hellinger'>(measure: M, value: number, conventions: ResultConventions<PairSums>): UnitlessResult<M> {
  return { measure, value: checkedValue(value), normalized: conventions.normalized, sums: conventions.sums, n: conventions.n, backend: 'ts' };
}

/** v·scale, with 0 staying 0 where the scale overflows (a raw result rescaled to the values as given). */
export function rescaled(v: number, scale: number): number {
  return scale === 1 || v === 0 ? v : v * scale;
}
